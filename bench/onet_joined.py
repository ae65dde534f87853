"""
Time the joined graph's pieces, without the database, and print the routes the issue asks for.

- build the extract from the raw files (when ``../shared/datasets/onet`` or ``ONET_DATASET_DIR``
  is there; skipped otherwise) and its size;
- read the shipped extract, join it to the bundled graph (``joined_graph``), build the engine's
  graph from the result (``graph_from_file``);
- the top-5 routes by time from Cashiers, Receptionists and Information Clerks, and Retail
  Salespersons to the customer service manager, and from the manager to three management
  occupations, for an anonymous person.

Run: ``.venv/bin/python bench/onet_joined.py``
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    import django

    django.setup()

from django.conf import settings

from roles.engine import k_best_routes, role_id_for_slug, route_as_data
from roles.onet.extract import EXTRACT_PATH, build_extract, extract_bytes, load_extract
from roles.onet.joined import joined_graph, load_join
from roles.onet.memory import graph_from_file

DATASET = Path(os.environ.get("ONET_DATASET_DIR", Path(settings.BASE_DIR).parent / "shared" / "datasets" / "onet"))
CSM = "customer-service-manager"
PAIRS = [
    ("onet-41-2011-00", CSM),
    ("onet-43-4171-00", CSM),
    ("onet-41-2031-00", CSM),
    (CSM, "onet-11-1021-00"),
    (CSM, "onet-11-2022-00"),
    (CSM, "onet-11-3131-00"),
]


def _timed(label: str, run):
    started = time.perf_counter()
    result = run()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> int:
    if (DATASET / "Skills.xlsx").is_file():
        extract = _timed(f"build_extract({DATASET})", lambda: build_extract(DATASET))
        same = extract_bytes(extract) == EXTRACT_PATH.read_bytes()
        print(f"  identical to the shipped extract: {same}")
    else:
        print(f"raw O*NET files not at {DATASET}: build not timed")
    print(f"shipped extract: {EXTRACT_PATH.stat().st_size:,} bytes")
    extract = _timed("load_extract", load_extract)
    with open(settings.ROLE_GRAPH_FILE, encoding="utf-8") as handle:
        bundled = json.load(handle)
    joined = _timed("joined_graph", lambda: joined_graph(bundled, extract, load_join()))
    G = _timed("graph_from_file (build_graph)", lambda: graph_from_file(joined))
    print(f"  {G.number_of_nodes()} roles, {G.number_of_edges()} moves")
    for source, target in PAIRS:
        started = time.perf_counter()
        routes = k_best_routes(G, role_id_for_slug(G, source), role_id_for_slug(G, target), k=5)
        print(f"\n{source} → {target} ({(time.perf_counter() - started) * 1000:.1f} ms)")
        for route in routes:
            data = route_as_data(G, route)
            low, high = data["months_range"]
            print(f"  {data['months']:>4} months ({low}–{high}), {data['moves']} moves: {' > '.join(data['roles'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
