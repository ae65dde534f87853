"""
A bounded load test against a CareerPath server on this machine (loopback only).

Fifty simulated people (threads, each with its own kept-alive connection and, for the plan page,
its own login) request one page as fast as the server answers, for a fixed time. Two phases on the
same server: a trivial view (/health/: one SELECT 1 and a cache round trip) and a signed-in person's
plan page. Prints requests per second, p50/p95 latency and errors for each, and the plan page's
throughput as a ratio of the trivial view's.

    make serve PORT=8131 ...                        # in another shell, see ops/README.md
    .venv/bin/python ops/drill_data.py --people 5   # people with plans (same DATABASE_URL)
    .venv/bin/python ops/load_test.py --port 8131 --users 50 --duration 60

With --timeline it prints, per second, how many requests succeeded and failed (the restart drill).
"""

import argparse
import http.client
import re
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PASSWORD = "drill passphrase not for production"


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    per_second: dict[int, Counter] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, second: int, latency: float | None, error: str | None) -> None:
        with self.lock:
            bucket = self.per_second.setdefault(second, Counter())
            if error is None:
                self.latencies.append(latency)
                bucket["ok"] += 1
            else:
                self.errors[error] += 1
                bucket["error"] += 1


class Person:
    """One simulated person: a kept-alive connection and, once logged in, its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        all_headers = {
            "Host": f"127.0.0.1:{self.port}",
            # The server runs as in production, behind a TLS proxy: say the request came over HTTPS.
            "X-Forwarded-Proto": "https",
            **({"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}),
            **(headers or {}),
        }
        try:
            self.connection.request(method, path, body=body, headers=all_headers)
            response = self.connection.getresponse()
            response.body = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = self._connect()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = self._connect()
        return response

    def log_in(self, username: str) -> None:
        self.request("GET", "/accounts/login/")
        body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        response = self.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1:{self.port}/accounts/login/",
            },
        )
        if response.status != 302:
            raise SystemExit(f"Could not log in as {username}: HTTP {response.status}. Run ops/drill_data.py first.")

    def own_plan_path(self) -> str:
        """The first plan on this person's plan list."""
        match = re.search(rb'href="(/plans/\d+/)"', self.request("GET", "/plans/").body)
        if match is None:
            raise SystemExit("A drill account has no plan. Run ops/drill_data.py first.")
        return match.group(1).decode()


def run_phase(
    *, port: int, path: str | None, users: int, duration: float, usernames: list[str] | None, started: str | None
) -> Result:
    """Each person requests ``path``, or with ``usernames``, logs in and requests their own plan page."""
    result = Result()
    people = [Person(port) for _ in range(users)]
    paths = {}
    for n, person in enumerate(people):
        if usernames:
            person.log_in(usernames[n % len(usernames)])
        paths[person] = path or person.own_plan_path()
    if started:  # tells a drill that the timed part has begun (logins are done)
        Path(started).touch()
    start = time.monotonic()
    deadline = start + duration

    def work(person: Person) -> None:
        path = paths[person]
        while (now := time.monotonic()) < deadline:
            try:
                response = person.request("GET", path)
                error = None if response.status == 200 else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
                time.sleep(0.05)  # a refused connection fails fast: do not spin
            finished = time.monotonic()
            # Counted in the second the answer came, so a drill's timeline shows when errors happened.
            result.record(int(finished - start), finished - now, error)

    threads = [threading.Thread(target=work, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def report(name: str, result: Result, duration: float) -> float:
    count = len(result.latencies)
    throughput = count / duration
    if count:
        quantiles = statistics.quantiles(result.latencies, n=100)
        p50, p95 = quantiles[49] * 1000, quantiles[94] * 1000
    else:
        p50 = p95 = float("nan")
    errors = sum(result.errors.values())
    detail = f" ({dict(result.errors)})" if errors else ""
    print(
        f"{name:<12} {count:>7} ok  {throughput:>8.1f} req/s  p50 {p50:>7.1f} ms  p95 {p95:>7.1f} ms"
        f"  errors {errors}{detail}"
    )
    return throughput


def main() -> None:
    parser = argparse.ArgumentParser(description="Load test on 127.0.0.1 (see the module docstring).")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--people", type=int, default=5, help="drill accounts to log in as (drill0..)")
    parser.add_argument("--only", choices=["trivial", "plan"], help="run one phase")
    parser.add_argument("--timeline", action="store_true", help="print ok/error counts per second")
    parser.add_argument("--started-file", help="touch this file when a timed phase begins")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 600:
        parser.error("keep it bounded: 1-200 users, 1-600 seconds")

    usernames = [f"drill{n}" for n in range(args.people)]
    throughputs = {}
    print(f"{args.users} concurrent people, {args.duration:.0f} s per phase, http://127.0.0.1:{args.port}")
    for name, path, logins in [("trivial", "/health/", None), ("plan", None, usernames)]:
        if args.only and args.only != name:
            continue
        result = run_phase(
            port=args.port,
            path=path,
            users=args.users,
            duration=args.duration,
            usernames=logins,
            started=args.started_file,
        )
        throughputs[name] = report(f"{name} {path or '/plans/<own>/'}", result, args.duration)
        if args.timeline:
            for second in sorted(result.per_second):
                bucket = result.per_second[second]
                print(f"  t={second}s ok {bucket['ok']} errors {bucket['error']}")
    if len(throughputs) == 2 and throughputs["trivial"]:
        print(f"plan page throughput / trivial view throughput = {throughputs['plan'] / throughputs['trivial']:.3f}")


if __name__ == "__main__":
    main()
