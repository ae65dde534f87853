"""
Benchmark the job title search (see bench/README.md, "Job title search").

    DATABASE_URL=sqlite:////tmp/search.sqlite3 .venv/bin/python bench/search_titles.py [--rounds 5]

Runs against the database DATABASE_URL names, which must hold the full graph (942 roles) and its
job titles (``load_role_graph`` of the joined graph, or ``import_onet``, fills them). Times, per
query of a fixed list of realistic job titles (typos, word order, partial words included):
``job_title_search`` alone, and the suggestions endpoint as the browser calls it (the view and its
template, through Django's test client, no network). Prints the median, p95 and max in ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUERIES = [
    # exact or near titles people type
    "cashier",
    "barista",
    "receptionist",
    "call center agent",
    "help desk",
    "retail sales associate",
    "warehouse worker",
    "teacher",
    "teaching assistant",
    "server",
    "waitress",
    "bartender",
    "line cook",
    "delivery driver",
    "truck driver",
    "nurse",
    "medical assistant",
    "dental receptionist",
    "bank teller",
    "customer service representative",
    "customer service manager",
    "call center manager",
    "office manager",
    "administrative assistant",
    "sales manager",
    "store manager",
    "shift supervisor",
    "account manager",
    "software engineer",
    "security guard",
    "janitor",
    "housekeeper",
    "front desk clerk",
    "hotel clerk",
    "stock clerk",
    "forklift operator",
    "data entry",
    "bookkeeper",
    "hr assistant",
    "recruiter",
    "technical support",
    "it support",
    "customer success manager",
    "operations manager",
    "team leader",
    # partial words (typing in progress)
    "cash",
    "recep",
    "call cen",
    "customer serv",
    "ware",
    "hel",
    # word order
    "agent call center",
    "desk help",
    "manager customer service",
    "clerk front desk",
    # typos
    "casheir",
    "recepcionist",
    "barrista",
    "custmer service",
    "customer sevice rep",
    "warehose worker",
    "techer",
    "sofware enginer",
    "secretery",
    "acountant",
    "managr",
    # odd input
    "",
    "%",
    "x" * 300,
    "'\"",
    "😀",
]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="times each query is run (the first is a warm-up)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from roles.models import JobTitle, Role
    from roles.selectors.titles import job_title_search

    settings.ALLOWED_HOSTS = ["*"]
    titles = JobTitle.objects.count()
    print(f"{connection.vendor}: {Role.objects.active().count()} roles, {titles} job titles")
    if titles < 10_000:
        print("Skipped: load the full graph first (the job titles of the O*NET occupations are missing).")
        return 0
    client = Client()
    url = reverse("roles:title-suggest")
    job_title_search("warm up")
    selector, view = [], []
    for round_number in range(args.rounds):
        for query in QUERIES:
            start = time.perf_counter()
            job_title_search(query)
            elapsed = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            response = client.get(url, {"field": "start", "start_title": query})
            view_elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (query, response.status_code)
            if round_number:
                selector.append(elapsed)
                view.append(view_elapsed)
    print(f"{len(QUERIES)} queries x {args.rounds - 1} rounds (after a warm-up round), ms:")
    print(f"{'':24}{'median':>8}{'p95':>8}{'max':>8}")
    for label, values in (("job_title_search", selector), ("suggestions endpoint", view)):
        print(f"{label:24}{statistics.median(values):8.1f}{_percentile(values, 0.95):8.1f}{max(values):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
