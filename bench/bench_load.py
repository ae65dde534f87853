"""
Benchmark loading the joined graph (see bench/README.md, "Loading the joined graph").

    .venv/bin/python bench/bench_load.py                       # a fresh SQLite file
    .venv/bin/python bench/bench_load.py --postgres postgres://postgres@127.0.0.1:5432/cp_onetload

Makes a fresh database (the PostgreSQL one is dropped and created again), migrates it, then times
``load_role_graph`` with no file (the bundled graph joined with the shipped O*NET extract: 942
roles, 19,797 moves, 55,267 steps and their history), a second load with no change, the export,
``graph_build_from_db()`` (a process's first build) and the cached graph's rebuild after an edit
(one step saved, then ``graph_get()``, median of 6), and reports
the process's resident memory with the graph cached. Needs only the repository (no ../shared).
Not a pytest module: it sets DATABASE_URL before Django starts.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _ms(wall: float, cpu: float) -> str:
    return f"{(time.perf_counter() - wall) * 1000:.0f} ms wall, {(time.process_time() - cpu) * 1000:.0f} ms CPU"


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/load_bench.sqlite3", help="SQLite file to (re)create")
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database is dropped and made again")
    args = parser.parse_args(argv)
    if args.postgres:
        _fresh_postgres(args.postgres)
        os.environ["DATABASE_URL"] = args.postgres
    else:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.db}"
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "careerpath.settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from roles.graph_file import graph_export
    from roles.models import Role, Transition, TransitionStep
    from roles.selectors.graph import graph_build_from_db, graph_cache_clear, graph_get

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)

    for label in ("first load", "second load (no change)"):
        out = StringIO()
        wall, cpu = time.perf_counter(), time.process_time()
        call_command("load_role_graph", stdout=out)
        print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
        print("  " + out.getvalue().strip()[:200])
    print(
        f"  in the database: {Role.objects.count()} roles, {Transition.objects.count()} moves, "
        f"{TransitionStep.objects.count()} steps, {Role.history.count()} historical roles"
    )

    wall = time.perf_counter()
    graph_export()
    print(f"export: {time.perf_counter() - wall:.2f} s")

    # The cached graph's rebuild: a process's first build (what a worker pays on its first request),
    # then the rebuild after an edit: one step's months changed and saved (the revision moves, as
    # after an edit in the editor), then ``graph_get()``, five times; wall and CPU of this process.
    graph_cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    graph_build_from_db()
    print(f"graph_build_from_db, first in the process: {_ms(wall, cpu)}")
    graph_get()
    step = TransitionStep.objects.order_by("id").first()
    walls, cpus = [], []
    for run in range(6):
        step.months_max += 1 if run % 2 == 0 else -1
        step.save()
        wall, cpu = time.perf_counter(), time.process_time()
        graph_get()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    print(
        f"rebuild after an edit (graph_get, 6 runs): wall median {statistics.median(walls):.0f} ms, "
        f"min {min(walls):.0f} ms; CPU median {statistics.median(cpus):.0f} ms, min {min(cpus):.0f} ms"
    )
    # A worker's memory: a fresh process that starts Django and caches the graph, as a worker does.
    worker = subprocess.run(
        [sys.executable, __file__, "--worker-memory"], capture_output=True, text=True, env=os.environ, check=True
    )
    print(f"a fresh process with the graph cached: {worker.stdout.strip()}")
    return 0


def worker_memory() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "careerpath.settings"
    import django

    django.setup()
    from roles.selectors import graph_get

    wall = time.perf_counter()
    graph_get()
    built = (time.perf_counter() - wall) * 1000
    # The build does not collect while it runs (see graph_build_from_db): the full collection
    # that later walks the new graph once is paid by whatever runs next in the worker.
    wall = time.perf_counter()
    gc.collect()
    collected = (time.perf_counter() - wall) * 1000
    print(f"{_rss_mib():.0f} MiB resident; its first build {built:.0f} ms, then a full collection {collected:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(worker_memory() if sys.argv[1:] == ["--worker-memory"] else main())
