"""
The k-best route search (see the ``roles.engine`` docstring, "Ranking" and "The search").
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
import threading
from collections.abc import Callable

import networkx as nx

from roles.engine.timing import cost_today, evaluate_route
from roles.engine.types import (
    EXPERIENCE,
    MAX_ROUTES,
    MOVES,
    RANKINGS,
    SALARY,
    SALARY_CANDIDATES,
    TIME,
    InvalidRanking,
    InvalidRouteCount,
    Move,
    NoRoute,
    Person,
    RoleNode,
    Route,
    StepData,
    role_node,
)

SEARCH_SLACK = 1.05


class _Weights(dict):
    """
    A person's cost for each kind of move, worked out the first time the search needs it.

    A move's cost is the sum of its steps' unless an experience step counts the months spent
    before it on the move; so the cost of each distinct step is worked out once per person and
    most moves only add them up (the joined graph has thousands of kinds of move, few kinds of
    step).
    """

    __slots__ = ("offset", "parts", "person", "requirements", "scale", "signatures", "step_costs")

    def __init__(
        self,
        signatures: list[tuple[tuple[StepData, ...], bool, bool]],
        person: Person,
        *,
        scale: int,
        offset: int,
        parts: list[tuple[int, ...] | None] | None = None,
        requirements: list[StepData] | None = None,
    ):
        super().__init__()
        self.signatures = signatures
        self.person = person
        self.scale = scale
        self.offset = offset
        self.parts = parts
        self.requirements = requirements or []
        self.step_costs: list[int | None] = [None] * len(self.requirements)

    def __missing__(self, signature: int) -> int:
        part = self.parts[signature] if self.parts is not None else None
        if part is None:
            steps, service, leading = self.signatures[signature]
            months = cost_today(steps, self.person, service=service, leading=leading)
        else:
            months = 0
            step_costs = self.step_costs
            for requirement in part:
                step_cost = step_costs[requirement]
                if step_cost is None:
                    step = self.requirements[requirement]
                    step_cost = step_costs[requirement] = cost_today((step,), self.person, service=False, leading=False)
                months += step_cost
        cost = self[signature] = months * self.scale + self.offset
        return cost


class SearchIndex:
    """
    The live moves as compact adjacency lists of positions, built once per (frozen) graph.

    Moves whose steps ask the same things of a person share a "signature", so a person's costs
    are worked out once per signature rather than once per move. The backward trees of
    anonymous searches are kept per target and grow as queries need them; ``lock`` guards them.
    """

    __slots__ = (
        "graph_id",
        "ids",
        "inn",
        "lock",
        "moves_costs",
        "out",
        "parts",
        "pos",
        "requirements",
        "signatures",
        "time_costs",
        "trees",
        "unit",
    )

    # Anonymous trees kept per graph: about 16 MB of lists whatever the graph's size.
    TREE_CACHE_CELLS = 500_000
    EAGER_SIGNATURES = 512

    def __init__(self, G: nx.DiGraph):
        self.graph_id = id(G)
        self.lock = threading.Lock()
        self.ids: list[int] = list(G)
        self.pos: dict[int, int] = {role_id: index for index, role_id in enumerate(self.ids)}
        out: list[list[tuple[int, int]]] = [[] for _ in self.ids]
        inn: list[list[tuple[int, int]]] = [[] for _ in self.ids]
        keys: dict[tuple, int] = {}
        self.signatures: list[tuple[tuple[StepData, ...], bool, bool]] = []
        # Per signature, its steps as positions in ``requirements`` (one step per distinct
        # requirement), or None when an experience step makes the cost depend on the order.
        self.parts: list[tuple[int, ...] | None] = []
        self.requirements: list[StepData] = []
        requirement_ids: dict[tuple, int] = {}
        costs: list[int] = []
        pos = self.pos
        # The adjacency dicts themselves (as networkx's own algorithms read them): the edge views
        # cost a few microseconds per move, and this runs on every rebuild of the cached graph.
        for u, targets in G._succ.items():
            holder: RoleNode = G._node[u]["role"]
            service, leading = not holder.is_entry, holder.leads_people
            u_out, u_pos = out[pos[u]], pos[u]
            for v, data in targets.items():
                if not data["live"]:
                    continue
                move: Move = data["move"]
                requirements = tuple(map(_requirement, move.steps))
                key = (service, leading, requirements)
                signature = keys.get(key)
                if signature is None:
                    signature = keys[key] = len(self.signatures)
                    self.signatures.append((move.steps, service, leading))
                    costs.append(data["cost"])
                    if any(step.kind == EXPERIENCE and step.years is not None for step in move.steps):
                        self.parts.append(None)
                    else:
                        part = []
                        for step, requirement in zip(move.steps, requirements, strict=True):
                            number = requirement_ids.get(requirement)
                            if number is None:
                                number = requirement_ids[requirement] = len(self.requirements)
                                self.requirements.append(step)
                            part.append(number)
                        self.parts.append(tuple(part))
                u_out.append((pos[v], signature))
                inn[pos[v]].append((u_pos, signature))
        self.out = [tuple(edges) for edges in out]
        self.inn = [tuple(edges) for edges in inn]
        # Search weights are integers that order paths exactly as the rankings do. "time": months
        # (low + high) times more than any simple path's move count, plus one per move, so that
        # equal times go to fewer moves (and no move is free). "moves": one unit per move, the
        # unit larger than any simple path's total time, plus the time.
        nodes_count = max(len(self.ids), 1)
        self.unit = max(costs, default=0) * nodes_count + 1
        self.time_costs = [cost * nodes_count + 1 for cost in costs]
        self.moves_costs = [self.unit + cost for cost in costs]
        self.trees: dict[tuple[int, str], _Tree] = {}

    def weights(self, by: str, person: Person | None) -> list[int] | _Weights:
        if person is None:
            return self.moves_costs if by == MOVES else self.time_costs
        if by == MOVES:
            weights = self._weights(person, scale=1, offset=self.unit)
        else:
            weights = self._weights(person, scale=max(len(self.ids), 1), offset=1)
        if len(self.signatures) <= self.EAGER_SIGNATURES:
            # Few kinds of move: a plain list is quicker to read in the search's inner loops.
            return [weights[signature] for signature in range(len(self.signatures))]
        return weights

    def _weights(self, person: Person, *, scale: int, offset: int) -> _Weights:
        return _Weights(
            self.signatures, person, scale=scale, offset=offset, parts=self.parts, requirements=self.requirements
        )

    def shared_tree(self, target: int, by: str) -> _Tree:
        """Return the anonymous backward tree towards a target; hold ``lock`` while using it."""
        key = (target, MOVES if by == MOVES else TIME)
        tree = self.trees.get(key)
        if tree is None:
            if len(self.trees) >= max(32, self.TREE_CACHE_CELLS // max(len(self.ids), 1)):
                del self.trees[next(iter(self.trees))]  # the oldest
            tree = self.trees[key] = _Tree(self.inn, target, self.weights(by, None))
        return tree


# What a step asks of a person and how long it takes: all that its cost depends on.
_requirement: Callable[[StepData], tuple] = operator.attrgetter(
    "kind",
    "months_min",
    "months_max",
    "skill_id",
    "skill_level",
    "certification_id",
    "education",
    "experience_kind",
    "years",
    "optional",
)


class _Tree:
    """
    A Dijkstra search backwards from the target, extended only as far as a query needs.

    ``dist[v]`` is exact for every settled node; ``radius`` is a lower bound on every other
    node's distance, so ``dist`` or ``radius`` is a consistent A* heuristic towards the target.
    """

    __slots__ = ("dist", "done", "heap", "inn", "nxt", "radius", "weights")

    def __init__(self, inn: list[tuple[tuple[int, int], ...]], target: int, weights: list[int] | _Weights):
        size = len(inn)
        self.inn = inn
        self.weights = weights
        self.dist: list[float] = [math.inf] * size
        self.dist[target] = 0
        self.nxt: list[int] = [-1] * size
        self.done: list[bool] = [False] * size
        self.heap: list[tuple[float, int]] = [(0, target)]
        self.radius: float = 0

    def extend(self, limit: float, *, until: int | None = None) -> None:
        """Settle every node within ``limit`` of the target (or stop once ``until`` is settled)."""
        heap, dist, done, nxt, inn, weights = self.heap, self.dist, self.done, self.nxt, self.inn, self.weights
        if until is not None and done[until]:
            return
        pop, push = heapq.heappop, heapq.heappush
        while heap and heap[0][0] <= limit:
            d, v = pop(heap)
            if done[v]:
                continue
            done[v] = True
            for u, signature in inn[v]:
                candidate = d + weights[signature]
                if candidate < dist[u]:
                    dist[u] = candidate
                    nxt[u] = v
                    push(heap, (candidate, u))
            if v == until:
                break
        self.radius = heap[0][0] if heap else math.inf

    def h(self, v: int) -> float:
        return self.dist[v] if self.done[v] else self.radius


class _SpurSearch:
    """
    A resumable A* search from a path's spur node to the target, avoiding the path's root.

    Guided by the backward tree: as soon as a popped node is settled in the tree and its tree
    path avoids the banned nodes and the path so far, that path completes the answer. A node
    beyond the tree grows the tree just enough to rank it, and goes back on the heap if its
    estimate rose; estimates only rise and stay below the truth, and a node is re-opened when a
    cheaper way to it turns up, so the answer is the cheapest. ``run(limit)`` stops early when
    every open estimate exceeds ``limit`` and can be resumed with a larger one.
    """

    __slots__ = ("banned", "banned_next", "blocked", "clear", "g", "heap", "index", "parent", "start", "tree", "via")

    def __init__(self, index: SearchIndex, tree: _Tree, start: int, banned: set[int], banned_next: set[int]):
        self.index = index
        self.tree = tree
        self.start = start
        self.banned = banned
        self.banned_next = banned_next
        self.g: dict[int, float] = {start: 0}
        self.parent: dict[int, int] = {start: -1}
        self.via: dict[int, int] = {}
        self.heap: list[tuple[float, float, int]] = [(tree.h(start), 0, start)]
        self.clear: set[int] = set()
        self.blocked: set[int] = set()

    def run(
        self, weights: list[int] | _Weights, target: int, limit: float
    ) -> tuple[list[int], list[float]] | float | None:
        """
        Return the cheapest completion (nodes from the spur on, cumulative costs) if it costs at
        most ``limit``; else a lower bound on its cost, or None when there is none at all.
        """
        out, tree, banned, banned_next, start = self.index.out, self.tree, self.banned, self.banned_next, self.start
        dist, done, nxt = tree.dist, tree.done, tree.nxt
        g, parent, via, heap = self.g, self.parent, self.via, self.heap
        self.clear.add(target)
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            f, cost, v = pop(heap)
            if cost > g[v]:
                continue
            if f > limit:
                push(heap, (f, cost, v))
                return f
            if not done[v]:
                # Grow the tree just enough to tell whether v still comes before the next node.
                tree.extend((heap[0][0] if heap else math.inf) - cost, until=v)
            if cost + tree.h(v) > f:
                # Pushed under an estimate the tree has since improved on: queue it again.
                if tree.h(v) < math.inf:
                    push(heap, (cost + tree.h(v), cost, v))
                continue
            if v == target or (
                not (v == start and nxt[v] in banned_next)
                and _tree_path_clear(nxt, v, banned, self.clear, self.blocked)
            ):
                head = [v]
                while parent[head[-1]] != -1:
                    head.append(parent[head[-1]])
                head.reverse()
                on_path = set(head)
                tail = []
                node = v
                while node != target:
                    node = nxt[node]
                    if node in on_path:
                        break
                    tail.append(node)
                else:
                    cumulative: list[float] = [0]
                    for node in head[1:]:
                        cumulative.append(cumulative[-1] + weights[via[node]])
                    reached = cumulative[-1]
                    cumulative += [reached + dist[v] - dist[node] for node in tail]
                    return head + tail, cumulative
            for u, signature in out[v]:
                if u in banned or (v == start and u in banned_next):
                    continue
                candidate = cost + weights[signature]
                if candidate < g.get(u, math.inf):
                    estimate = dist[u] if done[u] else tree.radius
                    if estimate == math.inf:
                        continue
                    g[u] = candidate
                    parent[u] = v
                    via[u] = signature
                    push(heap, (candidate + estimate, candidate, u))
        return None


def _tree_path_clear(nxt: list[int], v: int, banned: set[int], clear: set[int], blocked: set[int]) -> bool:
    """Say whether the tree path from ``v`` to the target avoids the banned nodes (memoised in the two sets)."""
    walked: list[int] = []
    node = nxt[v]
    while node not in clear:
        if node in banned or node in blocked:
            blocked.update(walked)
            return False
        walked.append(node)
        node = nxt[node]
    clear.update(walked)
    return True


def _shortest_simple_paths(
    index: SearchIndex, tree: _Tree, weights: list[int] | _Weights, source: int, target: int, count: int
) -> list[list[int]]:
    """
    Return up to ``count`` distinct simple paths, cheapest first.

    Yen's algorithm, made lazy. The simple paths not yet found are split into "roots": a
    prefix, and the first moves out of its end that are already used. Each root waits in a heap
    under a lower bound on its cheapest path (the prefix's cost plus the best next move's cost
    plus the backward tree's distance from there), and its A* spur search runs, resumably, only
    when the root reaches the top. So a search only happens where the next path could be,
    instead of at every node of every path found.
    """
    tree.extend(math.inf, until=source)
    if not tree.done[source]:
        return []
    out, dist, done = index.out, tree.dist, tree.done
    order = itertools.count()
    found: list[list[int]] = []
    # Entries: (key, tie, prefix nodes, prefix cost, banned next nodes, search, completion).
    heap: list[tuple] = []

    def add_root(prefix: list[int], cost: float, banned_next: set[int]) -> None:
        on_prefix = set(prefix)
        best = math.inf
        for there, signature in out[prefix[-1]]:
            if there in banned_next or there in on_prefix:
                continue
            estimate = dist[there] if done[there] else tree.radius
            best = min(best, weights[signature] + estimate)
        if best < math.inf:
            heapq.heappush(heap, (cost + best, next(order), prefix, cost, banned_next, None, None))

    add_root([source], 0, set())
    while heap and len(found) < count:
        key, _, prefix, cost, banned_next, search, completion = heapq.heappop(heap)
        if completion is None:
            if search is None:
                search = _SpurSearch(index, tree, prefix[-1], set(prefix[:-1]), banned_next)
            # Run until the search's answer would no longer come first, with some slack so that
            # roots with nearly equal bounds do not take turns by the smallest steps.
            limit = ((heap[0][0] if heap else math.inf) - cost) * SEARCH_SLACK
            result = search.run(weights, target, limit)
            if result is None:
                continue
            if isinstance(result, tuple):
                heapq.heappush(heap, (cost + result[1][-1], next(order), prefix, cost, banned_next, None, result))
            else:
                heapq.heappush(heap, (cost + result, next(order), prefix, cost, banned_next, search, None))
            continue
        spur, cumulative = completion
        path = prefix[:-1] + spur
        found.append(path)
        # The rest of this root: other first moves; then leave the new path further along.
        add_root(prefix, cost, banned_next | {spur[1]})
        for position in range(1, len(spur) - 1):
            add_root(prefix[:-1] + spur[: position + 1], cost + cumulative[position], {spur[position + 1]})
    return found


def _search_index(G: nx.DiGraph) -> SearchIndex:
    """Return the graph's search index; a graph that can still change gets a fresh one each time."""
    index = G.graph.get("search")
    if index is not None and index.graph_id == id(G) and nx.is_frozen(G):
        return index
    index = SearchIndex(G)
    if nx.is_frozen(G):
        G.graph["search"] = index
    return index


def _rank_key(by: str) -> Callable[[tuple[int, Route]], tuple]:
    if by == MOVES:
        return lambda item: (item[1].moves, sum(item[1].months_range), item[0])
    if by == SALARY:
        return lambda item: (
            item[1].salary_score is None,
            -(item[1].salary_score or 0),
            sum(item[1].months_range),
            item[1].moves,
            item[0],
        )
    return lambda item: (sum(item[1].months_range), item[1].moves, item[0])


def _candidate_count(k: int, by: str, person: Person | None) -> int:
    """Return how many paths to draw from the search before ranking (see the module docstring)."""
    if by == SALARY:
        return max(SALARY_CANDIDATES, 2 * k)
    return k if person is None else 2 * k


def k_best_routes(
    G: nx.DiGraph,
    source_id: int,
    target_id: int,
    *,
    k: int = 3,
    by: str = TIME,
    person: Person | None = None,
) -> list[Route]:
    """
    Return up to ``k`` distinct simple routes from one role to another, best first.

    See the module docstring for the rankings. Raise UnknownRole for a role not in the graph,
    NoRoute when no live path joins the two (or either is archived, or they are the same role),
    InvalidRanking for an unknown ``by`` and InvalidRouteCount when ``k`` is not 1 to MAX_ROUTES.
    """
    if by not in RANKINGS:
        raise InvalidRanking(by)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_ROUTES:
        raise InvalidRouteCount(k)
    source = role_node(G, source_id)
    target = role_node(G, target_id)
    if source_id == target_id:
        raise NoRoute(source.title, target.title, reason="they are the same role")
    for role in (source, target):
        if role.archived:
            raise NoRoute(source.title, target.title, reason=f"“{role.title}” is archived")

    index = _search_index(G)
    weights = index.weights(by, person)
    start, end = index.pos[source_id], index.pos[target_id]
    count = _candidate_count(k, by, person)
    if person is None:
        with index.lock:
            paths = _shortest_simple_paths(index, index.shared_tree(end, by), weights, start, end, count)
    else:
        paths = _shortest_simple_paths(index, _Tree(index.inn, end, weights), weights, start, end, count)
    if not paths:
        raise NoRoute(source.title, target.title, reason="no moves lead there")
    ids = index.ids
    candidates = [evaluate_route(G, [ids[node] for node in path], person=person) for path in paths]
    ranked = sorted(enumerate(candidates), key=_rank_key(by))
    return [route for _, route in ranked[:k]]
