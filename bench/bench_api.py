"""
Throughput of ``GET /api/v1/routes/`` next to the route comparison page (``/plans/new/``).

    .venv/bin/python bench/bench_api.py [--requests N]

Runs in-process through Django's test client (no network, one thread) on a throwaway SQLite
database with the bundled graph loaded; see bench/README.md for figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    # Measure the work, not the throttle.
    os.environ["API_THROTTLE_ANON"] = "100000000/minute"
    os.environ["API_THROTTLE_USER"] = "100000000/minute"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    # Plain static storage, as in the tests: no collectstatic manifest is needed to render the page.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_role_graph", stdout=StringIO())


def _rate(client, url: str, requests: int, **headers) -> tuple[float, float]:
    """Return (requests per second, median milliseconds) over ``requests`` calls after a warm-up."""
    for _ in range(5):
        assert client.get(url, **headers).status_code == 200, url
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return requests / sum(timings), statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.test import Client

        from planner.models import Profile
        from roles.models import Role

        user = get_user_model().objects.create_user("bench", password="bench-password-1")
        Profile.objects.create(
            user=user,
            current_role=Role.objects.get(slug="customer-service-representative"),
            years_experience=1,
        )
        page = Client()
        page.force_login(user)
        anonymous = Client()
        question = "from=customer-service-representative&to=customer-service-manager&by=time&k=3"
        cases = [
            (
                "page  /plans/new/?target=customer-service-manager (logged in)",
                page,
                "/plans/new/?target=customer-service-manager&by=time",
                {},
            ),
            ("api   /api/v1/routes/ (anonymous)", anonymous, f"/api/v1/routes/?{question}", {}),
            ("api   /api/v1/routes/ personalised (years=1)", anonymous, f"/api/v1/routes/?{question}&years=1", {}),
        ]
        print(f"{args.requests} requests each, after 5 warm-up requests; in-process, one thread")
        print(f"{'what':<66} {'req/s':>8} {'median ms':>10}")
        for label, client, url, headers in cases:
            rate, median = _rate(client, url, args.requests, **headers)
            print(f"{label:<66} {rate:>8.0f} {median:>10.2f}")
        etag = anonymous.get(f"/api/v1/routes/?{question}")["ETag"]
        rate, median = _rate_not_modified(anonymous, f"/api/v1/routes/?{question}", args.requests, etag)
        print(f"{'api   /api/v1/routes/ revalidated (If-None-Match -> 304)':<66} {rate:>8.0f} {median:>10.2f}")


def _rate_not_modified(client, url: str, requests: int, etag: str) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 304
    return requests / sum(timings), statistics.median(timings) * 1000


if __name__ == "__main__":
    main()
