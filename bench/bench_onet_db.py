"""
Benchmark the O*NET import through the database (see bench/README.md, "O*NET through the database").

    .venv/bin/python bench/bench_onet_db.py [--db /tmp/onet_bench.sqlite3]

Makes a fresh SQLite database, migrates it, loads the bundled graph, then times
``import_onet`` (the whole O*NET graph, 923 roles and 18,460 moves, merged with the bundled one),
a second, no-op import, ``graph_get()`` cold (and its queries) and warm, and ``k_best_routes``
for a person over 100 fixed pairs on the graph built from the database; and the peak RSS.
Skips cleanly (exit 0) when ``../shared/datasets/onet`` is absent. Not a pytest module: it sets
DATABASE_URL before Django starts, so it only runs as a script.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET_DIR = ROOT.parent / "shared" / "datasets" / "onet"
PAIRS = 100
SEED = 2024
K = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/onet_bench.sqlite3", help="SQLite file to (re)create")
    args = parser.parse_args(argv)
    if not (DATASET_DIR / "Related Occupations.txt").is_file():
        print(f"Skipped: the O*NET dataset is not at {DATASET_DIR}.")
        return 0

    db = Path(args.db)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "careerpath.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from roles.engine import Person, k_best_routes
    from roles.models import Role, SalaryFact, Transition
    from roles.selectors import graph_cache_clear, graph_get

    print(f"Database: {connection.settings_dict['NAME']}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())
    print(f"migrate + bundled graph: {time.perf_counter() - start:.1f} s")

    out = StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    call_command("import_onet", str(DATASET_DIR), stdout=out, stderr=StringIO())
    print(f"import_onet: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    print("  " + out.getvalue().strip().replace("\n", "\n  "))
    print(
        f"  now in the database: {Role.objects.count()} roles, {Transition.objects.count()} moves, "
        f"{SalaryFact.objects.count()} salary facts"
    )

    out = StringIO()
    wall = time.perf_counter()
    call_command("import_onet", str(DATASET_DIR), stdout=out, stderr=StringIO())
    print(f"second import_onet: {time.perf_counter() - wall:.1f} s wall")
    print("  " + out.getvalue().strip().splitlines()[-1])

    graph_cache_clear()
    with CaptureQueriesContext(connection) as queries:
        wall = time.perf_counter()
        G = graph_get()
        cold = time.perf_counter() - wall
    print(
        f"graph_get() cold: {cold * 1000:.0f} ms, {len(queries)} queries "
        f"({G.number_of_nodes()} roles, {G.number_of_edges()} moves)"
    )
    warm = []
    for _ in range(200):
        wall = time.perf_counter()
        graph_get()
        warm.append((time.perf_counter() - wall) * 1000)
    print(f"graph_get() warm: median {statistics.median(warm):.3f} ms, max {max(warm):.3f} ms (200 calls)")

    onet_ids = sorted(node for node, data in G.nodes(data=True) if data["role"].slug.startswith("onet-"))
    rng = random.Random(SEED)
    pairs = []
    import networkx as nx

    while len(pairs) < PAIRS:
        source, target = rng.sample(onet_ids, 2)
        if nx.has_path(G, source, target):
            pairs.append((source, target))
    person = Person(years_experience=3, years_leading=1, education=3)
    times = []
    for source, target in pairs:
        cpu = time.process_time()
        k_best_routes(G, source, target, k=K, by="time", person=person)
        times.append((time.process_time() - cpu) * 1000)
    times.sort()
    print(
        f"k_best_routes (k={K}, by time, person), {PAIRS} pairs, CPU ms: median {statistics.median(times):.2f}, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.2f}, max {times[-1]:.2f}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak RSS: {peak / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
