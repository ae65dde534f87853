"""
Pages under load against a trivial view on the same server (see bench/README.md, "Pages under load").

    DATABASE_URL=sqlite:////tmp/search.sqlite3 .venv/bin/python bench/page_load.py [--requests 300]

Runs against the database DATABASE_URL names, which should hold the full graph (942 roles). Makes
(or reuses) a user standing as a cashier (O*NET 41-2011.00, or the representative without O*NET)
with a plan toward customer service manager, starts gunicorn (2 sync workers, DEBUG off) on
127.0.0.1 only, and sends a fixed number of requests to each page from a few client threads:
a trivial view, the home page, the plan page, the route comparison (/plans/new/ toward customer
service manager) and the title suggestions. Prints requests per second and each page's ratio to the
trivial view, and the workers' CPU time per request with its ratio to the trivial view's (steadier
than requests per second on a machine shared with other work). Stops the server it started.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USERNAME = "bench-load"
START_SLUGS = ("onet-41-2011-00", "customer-service-representative")
TARGET = "customer-service-manager"


def _prepare() -> tuple[str, int]:
    """Return a session cookie for the bench user and their plan's id."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from planner.access import profile_get_or_create_for_user
    from planner.models import Plan
    from planner.services import plan_create, routes_for_person
    from roles.models import Role

    settings.ALLOWED_HOSTS = ["*"]
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    profile = profile_get_or_create_for_user(user=user)
    start = Role.objects.active().filter(slug__in=START_SLUGS).order_by("slug").last()
    profile.current_role = start
    profile.save()
    plan = Plan.objects.filter(owner=user, archived_at__isnull=True).first()
    if plan is None:
        target = Role.objects.get(slug=TARGET)
        G, _source, routes = routes_for_person(profile=profile, target=target, by="time")
        slugs = [G.nodes[role_id]["slug"] for role_id in routes[0].role_ids]
        plan = plan_create(owner=user, profile=profile, route_slugs=slugs, by="time")
    client = Client()
    client.force_login(user)
    print(f"{Role.objects.active().count()} roles; the user stands as {start.title}; plan {plan.pk}")
    return client.cookies[settings.SESSION_COOKIE_NAME].value, plan.pk


def _hammer(port: int, path: str, cookie: str, requests: int, clients: int) -> float:
    """Send ``requests`` GETs from ``clients`` threads; return requests per second."""
    counter = iter(range(requests))
    lock = threading.Lock()
    failures: list[str] = []

    def work():
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                failures.append(f"{path}: {response.status}")

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return requests / elapsed


def _workers_cpu(master: int) -> float | None:
    """
    The CPU seconds the server's workers have used so far (Linux: /proc), or None elsewhere.

    On a machine shared with other work, requests per second move with the load; the server's
    own CPU time per request is the steadier figure, so the script prints both.
    """
    try:
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:  # the parent's pid; utime and stime follow
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="requests per page (the trivial view gets 10x)")
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    if not gunicorn.exists() and not shutil.which("gunicorn"):
        print("Skipped: gunicorn is not installed in the virtualenv.")
        return 0
    # The server runs with DEBUG off, as in production, over plain HTTP on 127.0.0.1: a throwaway
    # key (the session cookie made here must be signed with the server's) and no HTTPS redirect.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    cookie, plan_id = _prepare()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        DEBUG="false",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    server = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "careerpath.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=2).request("GET", "/bench/trivial/")
                break
            except OSError:
                time.sleep(0.2)
        pages = [
            ("trivial view", "/bench/trivial/", args.requests * 10),
            ("home", "/", args.requests),
            ("plan page", f"/plans/{plan_id}/", args.requests),
            ("route comparison", f"/plans/new/?target={TARGET}", args.requests),
            ("title suggestions", "/roles/titles/suggest/?field=start&start_title=cashier", args.requests),
        ]
        for _label, path, _count in pages:  # warm up: every worker builds its cached graph
            _hammer(args.port, path, cookie, args.workers * 4, args.workers)
        rates: dict[str, float] = {}
        cpu: dict[str, float | None] = {}
        for label, path, count in pages:
            before = _workers_cpu(server.pid)
            rates[label] = _hammer(args.port, path, cookie, count, args.clients)
            after = _workers_cpu(server.pid)
            cpu[label] = (after - before) / count * 1000 if before is not None and after is not None else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    trivial = rates["trivial view"]
    trivial_cpu = cpu["trivial view"]
    print(f"gunicorn {args.workers} workers, {args.clients} clients, DEBUG off")
    print(f"{'page':20}{'req/s':>10}{'ratio':>10}{'server CPU ms/req':>20}{'CPU ratio':>11}")
    for label, rate in rates.items():
        ms = cpu[label]
        cpu_ratio = f"{trivial_cpu / ms:11.3f}" if ms and trivial_cpu else f"{'':11}"
        print(f"{label:20}{rate:10.1f}{rate / trivial:10.3f}{(f'{ms:.2f}' if ms is not None else '?'):>20}{cpu_ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
