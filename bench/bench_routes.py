"""
Benchmark the routing engine on the O*NET graph (923 roles, 18,460 moves); see bench/README.md.

    .venv/bin/pytest bench/ --benchmark-only -p no:cacheprovider -o testpaths=bench
    .venv/bin/python bench/bench_routes.py

Both skip cleanly when ``../shared/datasets/onet`` is absent.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from bench.onet import DATASET_DIR, dataset_available, load_onet
from roles.engine import RANKINGS, Person, k_best_routes

PAIRS = 200
BASELINE_PAIRS = 50
SEED = 2024
K = 3
# Three years of experience, one leading people, a bachelor's degree, and the synthetic job-zone
# skills of zones 1 to 3 (bench/onet.py): some steps are met, some partly, most not.
PERSON = Person(years_experience=3, years_leading=1, education=3, skills={1: 5, 2: 4, 3: 3})


def sample_pairs(G: nx.DiGraph, count: int = PAIRS, seed: int = SEED) -> list[tuple[int, int]]:
    """Return a fixed random sample of (source, target) pairs that have a route."""
    rng = random.Random(seed)
    nodes = sorted(G)
    pairs: list[tuple[int, int]] = []
    while len(pairs) < count:
        source, target = rng.sample(nodes, 2)
        if nx.has_path(G, source, target):
            pairs.append((source, target))
    return pairs


def forget_anonymous_trees(G: nx.DiGraph) -> None:
    """Drop the anonymous search trees the graph keeps per target, so the next query starts cold."""
    G.graph["search"].trees.clear()


SCENARIOS: dict[str, dict] = {
    **{f"{by}, person": {"by": by, "person": PERSON, "cold": True} for by in RANKINGS},
    **{f"{by}, anonymous, first query to the target": {"by": by, "person": None, "cold": True} for by in RANKINGS},
    **{f"{by}, anonymous, target asked before": {"by": by, "person": None, "cold": False} for by in RANKINGS},
}


# ---------------------------------------------------------------------------------------------
# pytest-benchmark

try:
    import pytest
except ImportError:  # pragma: no cover - a plain run needs no pytest
    pytest = None

if pytest is not None and "pytest" in sys.modules and __name__ != "__main__":
    if not dataset_available():
        pytest.skip(f"the O*NET dataset is not at {DATASET_DIR}", allow_module_level=True)

    @pytest.fixture(scope="module")
    def onet():
        return load_onet()

    @pytest.fixture(scope="module")
    def G(onet):
        return onet.graph()

    @pytest.fixture(scope="module")
    def pairs(G):
        return sample_pairs(G)

    def test_build_graph(benchmark, onet):
        G = benchmark.pedantic(onet.graph, rounds=5, iterations=1)
        assert (G.number_of_nodes(), G.number_of_edges()) == (923, 18460)

    @pytest.mark.parametrize("scenario", SCENARIOS)
    def test_top3_routes(benchmark, G, pairs, scenario):
        options = SCENARIOS[scenario]
        if not options["cold"]:
            for source, target in pairs:
                k_best_routes(G, source, target, k=K, by=options["by"])
        queue = iter(pairs * 2)

        def setup():
            if options["cold"]:
                forget_anonymous_trees(G)
            source, target = next(queue)
            return (G, source, target), {"k": K, "by": options["by"], "person": options["person"]}

        benchmark.extra_info.update(pairs=len(pairs), k=K)
        benchmark.pedantic(k_best_routes, setup=setup, rounds=len(pairs), iterations=1)


# ---------------------------------------------------------------------------------------------
# Plain run


def _measure(run: Callable[..., object], *args, **kwargs) -> tuple[float, float]:
    """Return the wall and CPU milliseconds of one call (CPU time ignores other work on the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(*args, **kwargs)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _summary(times: list[float]) -> tuple[float, float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[-1]


def main() -> int:
    if not dataset_available():
        print(f"Skipped: the O*NET dataset is not at {DATASET_DIR}.")
        return 0
    onet = load_onet()
    builds = [_measure(onet.graph) for _ in range(5)]
    G = onet.graph()
    pairs = sample_pairs(G)
    print(f"O*NET graph: {G.number_of_nodes()} roles, {G.number_of_edges()} moves; {len(pairs)} pairs; k={K}")
    print(
        f"build_graph: median {statistics.median(w for w, _ in builds):.0f} ms wall, "
        f"{statistics.median(c for _, c in builds):.0f} ms CPU (5 runs)"
    )
    print()
    print(f"{'ms per query':<46} {'wall median':>11} {'CPU median':>10} {'CPU p95':>8} {'CPU max':>8}")
    for name, options in SCENARIOS.items():
        if not options["cold"]:
            for source, target in pairs:
                k_best_routes(G, source, target, k=K, by=options["by"])
        walls, cpus = [], []
        for source, target in pairs:
            if options["cold"]:
                forget_anonymous_trees(G)
            wall, cpu = _measure(k_best_routes, G, source, target, k=K, by=options["by"], person=options["person"])
            walls.append(wall)
            cpus.append(cpu)
        median, p95, worst = _summary(cpus)
        print(f"{name:<46} {statistics.median(walls):>11.2f} {median:>10.2f} {p95:>8.2f} {worst:>8.2f}")

    print()
    print(f"Baseline, first {BASELINE_PAIRS} pairs: networkx.shortest_simple_paths with the same move weights")
    for name, person, count in (("time, person (6 paths)", PERSON, 2 * K), ("time, anonymous (3 paths)", None, K)):
        walls, cpus = [], []
        for source, target in pairs[:BASELINE_PAIRS]:
            wall, cpu = _measure(networkx_paths, G, source, target, count, person)
            walls.append(wall)
            cpus.append(cpu)
        median, p95, worst = _summary(cpus)
        print(f"{name:<46} {statistics.median(walls):>11.2f} {median:>10.2f} {p95:>8.2f} {worst:>8.2f}")
    return 0


def networkx_paths(G: nx.DiGraph, source: int, target: int, count: int, person: Person | None) -> list[list[int]]:
    """Draw the same candidate paths with networkx (Yen's algorithm), for comparison."""
    index = G.graph["search"]
    weights = index.weights("time", person)
    signatures = {}
    for u, edges in enumerate(index.out):
        for v, signature in edges:
            signatures[index.ids[u], index.ids[v]] = signature

    def weight(u, v, data):
        signature = signatures.get((u, v))
        return None if signature is None else weights[signature]

    return list(islice(nx.shortest_simple_paths(G, source, target, weight=weight), count))


if __name__ == "__main__":
    sys.exit(main())
