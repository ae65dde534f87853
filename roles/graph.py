"""
The role graph as a networkx DiGraph, and the routing engine over it.

Everything here is pure: functions take plain data and a graph keyed by role ids (ints, never
model instances), so they run and are tested without a database. ``roles.selectors.graph_get``
builds the graph from the database and caches it per graph revision.

The graph
    ``build_graph(roles, transitions)`` makes one node per role and one edge per move. Node data:
    ``role`` (the ``RoleNode``) plus ``slug``, ``title``, ``track``, ``level``, ``archived``,
    ``is_entry`` and ``salary`` (a ``SalarySpread`` or None) for convenience. Edge data: ``move``
    (the ``Move``) plus ``transition_id``, ``kind``, ``months_min``, ``months_max``, ``archived``,
    ``live`` (usable in new routes) and ``cost`` (``months_min + months_max``). ``G.graph`` holds
    ``skills`` and ``certifications`` (id → info, so the output names them) and ``slugs``
    (slug → id). The graph is frozen: it is shared by every request of a process.

Time
    A move takes the sum of its required (non-optional) steps' months, as a range. For a person a
    step they already meet takes no time: a skill at or above the level, a certification held, an
    education at or above the level. An experience step asks for a total number of years: the
    person's years plus the months spent earlier on the route count towards it, and a step partly
    met takes only what is left (never more than its own months). Time spent while holding an
    entry role is not customer service experience; time spent while holding a role that leads
    people (leadership, management or operations track, or a role asking for leadership years)
    is leadership experience. The lowest and highest figures are two timelines worked out step
    by step; the typical figure is their midpoint. Meeting steps only ever removes time; the
    person's pace (``Person.pace``, from the hours a week they give) stretches or shrinks the
    learning steps they do not meet yet (skills, certifications, education), rounded up.

Ranking (``by``)
    ``time``: the person's typical months, then fewer moves. ``moves``: fewer moves, then time.
    ``salary``: the best-paid way there: the highest time-weighted mean salary (midpoint of each
    role's spread) over the roles held on the way, the start included and the target left out
    (every route ends at the same target, so the target's pay cannot tell them apart); routes
    with no known salary on the way come last; then time.

    Candidates come from a k-shortest simple paths search on integer move weights that order
    paths as the ranking does, then are re-ranked on the exact figures. Anonymous time and moves
    rankings are exact with ``k`` candidates. For a person the search weighs each move as it is
    for them today, which can only overestimate (experience gained earlier on a route only
    shortens later steps), so ``2 * k`` candidates are drawn and re-ranked: a route whose saving
    comes only from experience gained on the way may be missed when more than ``2 * k`` routes
    look quicker today. The salary ranking draws the ``SALARY_CANDIDATES`` (10, or ``2 * k`` if
    more) quickest routes for the person and re-ranks them by pay: a route slower than all of
    those is not offered even if it pays better on the way.

The search
    networkx's ``shortest_simple_paths`` (Yen's algorithm, a fresh bidirectional Dijkstra per
    spur) took 35–200 ms per query on the O*NET graph (923 roles, 18,460 moves), so the search
    here is Yen's algorithm made lazy over compact adjacency lists: one backward Dijkstra tree
    from the target, grown only as far as a query needs, guides resumable A* spur searches
    that run only when their lower bound comes first, and a person's move costs are worked out
    once per kind of move. Tests check it against ``nx.all_simple_paths`` and
    ``nx.shortest_simple_paths``; bench/README.md has the figures.
"""

from __future__ import annotations

import heapq
import itertools
import math
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx

from roles.salary import SalaryFactData, SalarySpread, role_salary_spreads

if TYPE_CHECKING:
    from roles.gaps import Person

TIME = "time"
MOVES = "moves"
SALARY = "salary"
RANKINGS = (TIME, MOVES, SALARY)
MAX_ROUTES = 20
SALARY_CANDIDATES = 10
SEARCH_SLACK = 1.05
LEADING_TRACKS = frozenset({"leadership", "management", "operations"})
EXPERIENCE = "experience"
LEARNING_KINDS = frozenset({"skill", "certification", "education"})
LEADERSHIP = "leadership"
MONTHS_PER_YEAR = 12


# ---------------------------------------------------------------------------------------------
# Errors: each carries a message fit to show a user as it is.


class RouteError(Exception):
    """A question about routes that has no answer; ``str()`` is a message for a person."""


class UnknownRole(RouteError, LookupError):
    def __init__(self, slug_or_id: str | int):
        self.role = slug_or_id
        super().__init__(f"There is no role “{slug_or_id}”.")


class NoRoute(RouteError):
    def __init__(self, source: str | int, target: str | int, *, reason: str = ""):
        self.source = source
        self.target = target
        self.reason = reason
        message = f"There is no route from “{source}” to “{target}”"
        super().__init__(f"{message}: {reason}." if reason else f"{message}.")


class InvalidRanking(RouteError, ValueError):
    def __init__(self, by: object):
        self.by = by
        choices = ", ".join(RANKINGS[:-1]) + f" or {RANKINGS[-1]}"
        super().__init__(f"Routes are ranked by {choices}, not “{by}”.")


class InvalidRouteCount(RouteError, ValueError):
    def __init__(self, k: object):
        self.k = k
        super().__init__(f"Ask for between 1 and {MAX_ROUTES} routes, not {k}.")


# ---------------------------------------------------------------------------------------------
# Plain data


@dataclass(frozen=True, slots=True)
class SkillInfo:
    id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class CertificationInfo:
    id: int
    slug: str
    name: str
    abbreviation: str = ""


@dataclass(frozen=True, slots=True)
class StepData:
    """One step of a move (mirrors ``roles.models.TransitionStep``)."""

    id: int
    transition_id: int
    order: int
    kind: str
    title: str
    months_min: int = 0
    months_max: int = 0
    skill_id: int | None = None
    skill_level: int | None = None
    certification_id: int | None = None
    education: int | None = None
    experience_kind: str = ""
    years: float | None = None
    optional: bool = False
    archived: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class RoleNode:
    """A role as the engine sees it: what it asks of a person and what it pays."""

    id: int
    slug: str
    title: str
    track: str = "other"
    level: int = 0
    archived: bool = False
    is_entry: bool = False
    skills: Mapping[int, int] = field(default_factory=dict)
    certifications: Mapping[int, str] = field(default_factory=dict)
    min_education: int = 0
    preferred_education: int | None = None
    min_experience_years: float = 0.0
    min_leadership_years: float = 0.0
    salary_facts: tuple[SalaryFactData, ...] = ()
    salary: SalarySpread | None = None

    @property
    def leads_people(self) -> bool:
        return self.track in LEADING_TRACKS or self.min_leadership_years > 0


@dataclass(frozen=True, slots=True)
class Move:
    """
    A move between two roles, with its live steps in order.

    Archived steps are dropped on construction; ``months_min``/``months_max`` are the sums over
    the required (non-optional) steps.
    """

    transition_id: int
    source_id: int
    target_id: int
    kind: str = "promotion"
    steps: tuple[StepData, ...] = ()
    archived: bool = False
    source: str = ""
    note: str = ""
    months_min: int = field(init=False)
    months_max: int = field(init=False)

    def __post_init__(self) -> None:
        live = tuple(sorted((step for step in self.steps if not step.archived), key=lambda step: step.order))
        required = [step for step in live if not step.optional]
        object.__setattr__(self, "steps", live)
        object.__setattr__(self, "months_min", sum(step.months_min for step in required))
        object.__setattr__(self, "months_max", sum(step.months_max for step in required))


@dataclass(frozen=True, slots=True)
class RouteStep:
    """A step on a route, with what is left of it for the person."""

    step: StepData
    from_id: int
    to_id: int
    months_range: tuple[int, int]
    skipped: bool = False
    partly_met: bool = False

    @property
    def counted(self) -> bool:
        return not self.step.optional


@dataclass(frozen=True, slots=True)
class RouteLeg:
    """One move of a route: its steps and its time for the person and for anyone."""

    from_id: int
    to_id: int
    transition_id: int
    kind: str
    steps: tuple[RouteStep, ...]
    months_range: tuple[int, int]
    full_months_range: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Route:
    """
    A simple path of roles worked out for a person.

    ``months_range`` is the person's time (lowest, highest), ``months`` its typical figure and
    ``full_months_range`` the time for someone who meets none of the steps; ``salaries`` are the
    spreads of the roles in order, and ``salary_score`` the time-weighted mean pay on the way.
    """

    role_ids: tuple[int, ...]
    transition_ids: tuple[int, ...]
    legs: tuple[RouteLeg, ...]
    months_range: tuple[int, int]
    full_months_range: tuple[int, int]
    salaries: tuple[SalarySpread | None, ...]
    salary_score: Decimal | None = None

    @property
    def moves(self) -> int:
        return len(self.legs)

    @property
    def months(self) -> int:
        """The typical time for the person: the midpoint of the range, halves rounded up."""
        low, high = self.months_range
        return (low + high + 1) // 2

    @property
    def steps(self) -> tuple[RouteStep, ...]:
        return tuple(step for leg in self.legs for step in leg.steps)


# ---------------------------------------------------------------------------------------------
# Building the graph


def build_graph(
    roles: Iterable[RoleNode],
    transitions: Iterable[Move],
    *,
    skills: Iterable[SkillInfo] = (),
    certifications: Iterable[CertificationInfo] = (),
) -> nx.DiGraph:
    """
    Build the frozen role graph from plain data.

    Salary spreads are computed here from each role's facts (relative figures need the other
    roles); a role without facts keeps the spread it was given. Raise ValueError on a move that
    names a missing role, loops on one role, or repeats another move.
    """
    roles = list(roles)
    spreads = role_salary_spreads({role.id: role.salary_facts for role in roles})
    G = nx.DiGraph()
    slugs: dict[str, int] = {}
    archived: dict[int, bool] = {}
    for role in roles:
        if role.salary_facts:
            role = replace(role, salary=spreads[role.id])
        G.add_node(
            role.id,
            role=role,
            slug=role.slug,
            title=role.title,
            track=role.track,
            level=role.level,
            archived=role.archived,
            is_entry=role.is_entry,
            salary=role.salary,
        )
        slugs[role.slug] = role.id
        archived[role.id] = role.archived

    for move in transitions:
        u, v = move.source_id, move.target_id
        if u not in archived or v not in archived:
            raise ValueError(f"Transition {move.transition_id} joins a role that is not in the graph.")
        if u == v:
            raise ValueError(f"Transition {move.transition_id} leads from a role to itself.")
        if G.has_edge(u, v):
            raise ValueError(f"Transition {move.transition_id} repeats the move {u} → {v}.")
        cost = move.months_min + move.months_max
        live = not (move.archived or archived[u] or archived[v])
        G.add_edge(
            u,
            v,
            move=move,
            transition_id=move.transition_id,
            kind=move.kind,
            months_min=move.months_min,
            months_max=move.months_max,
            archived=move.archived,
            live=live,
            cost=cost,
        )

    G.graph.update(
        skills={skill.id: skill for skill in skills},
        certifications={cert.id: cert for cert in certifications},
        slugs=slugs,
        revision=None,
    )
    G.graph["search"] = _SearchIndex(G)
    return nx.freeze(G)


def role_node(G: nx.DiGraph, role_id: int) -> RoleNode:
    """Return a role's node data, or raise UnknownRole."""
    try:
        return G.nodes[role_id]["role"]
    except KeyError:
        raise UnknownRole(role_id) from None


def role_id_for_slug(G: nx.DiGraph, slug: str) -> int:
    """Return the id of the role with this slug (archived roles included), or raise UnknownRole."""
    try:
        return G.graph["slugs"][slug]
    except KeyError:
        raise UnknownRole(slug) from None


# ---------------------------------------------------------------------------------------------
# Personal time


def _step_remaining(
    step: StepData, months: int, person: Person, customer_service_months: float, leadership_months: float
) -> tuple[int, bool]:
    """Return the months this step still takes the person, and whether they already meet it in full."""
    if step.kind == EXPERIENCE and step.years is not None:
        if step.experience_kind == LEADERSHIP:
            have = float(person.years_leading) * MONTHS_PER_YEAR + leadership_months
        else:
            have = float(person.years_experience) * MONTHS_PER_YEAR + customer_service_months
        short = round(float(step.years) * MONTHS_PER_YEAR - have, 6)
        if short <= 0:
            return 0, True
        return min(months, math.ceil(short)), False
    if step.skill_id is not None and person.skills.get(step.skill_id, 0) >= (step.skill_level or 1):
        return 0, True
    if step.certification_id is not None and step.certification_id in person.certification_ids:
        return 0, True
    if step.education is not None and person.education >= step.education:
        return 0, True
    if step.kind in LEARNING_KINDS and person.pace != 1.0:
        return math.ceil(round(months * person.pace, 6)), False
    return months, False


class _Timeline:
    """Months spent so far on a route in the quickest and slowest case, and the experience gained."""

    __slots__ = ("lead_high", "lead_low", "service_high", "service_low")

    def __init__(self) -> None:
        self.service_low = self.service_high = 0
        self.lead_low = self.lead_high = 0


def _walk(
    steps: tuple[StepData, ...], person: Person | None, timeline: _Timeline, *, service: bool, leading: bool
) -> Iterator[tuple[StepData, int, int, bool, bool]]:
    """
    Yield each step with its months left in the quickest and slowest case and whether it is met.

    Advance the timeline with the required steps' months: customer service experience when
    ``service``, leadership experience when ``leading`` (what the role held meanwhile gives).
    """
    for step in steps:
        if person is None:
            low, high, met_low, met_high = step.months_min, step.months_max, False, False
        else:
            low, met_low = _step_remaining(step, step.months_min, person, timeline.service_low, timeline.lead_low)
            high, met_high = _step_remaining(step, step.months_max, person, timeline.service_high, timeline.lead_high)
        yield step, low, high, met_low, met_high
        if step.optional:
            continue
        if service:
            timeline.service_low += low
            timeline.service_high += high
        if leading:
            timeline.lead_low += low
            timeline.lead_high += high


def _leg(
    move: Move, holder: RoleNode, person: Person | None, timeline: _Timeline
) -> tuple[tuple[RouteStep, ...], int, int]:
    """Work out one move for the person, advancing the timeline; return its steps and months."""
    steps = []
    total_low = total_high = 0
    walk = _walk(move.steps, person, timeline, service=not holder.is_entry, leading=holder.leads_people)
    for step, low, high, met_low, met_high in walk:
        skipped = met_low and met_high
        partly = not skipped and (met_low or met_high or low < step.months_min or high < step.months_max)
        steps.append(
            RouteStep(
                step=step,
                from_id=move.source_id,
                to_id=move.target_id,
                months_range=(min(low, high), max(low, high)),
                skipped=skipped,
                partly_met=partly,
            )
        )
        if not step.optional:
            total_low += low
            total_high += high
    return tuple(steps), total_low, total_high


def _cost_today(steps: tuple[StepData, ...], person: Person, *, service: bool, leading: bool) -> int:
    """Return a move's low + high months for the person as they are now: an upper bound on any route."""
    walk = _walk(steps, person, _Timeline(), service=service, leading=leading)
    return sum(low + high for step, low, high, _, _ in walk if not step.optional)


def evaluate_route(G: nx.DiGraph, role_ids: Iterable[int], *, person: Person | None = None) -> Route:
    """
    Work out a path of roles as a route for the person: steps, months and salaries.

    Archived roles and moves are allowed, so a plan made earlier can be shown as it stands.
    Raise UnknownRole for a role not in the graph and NoRoute for a move that does not exist.
    """
    path = tuple(role_ids)
    nodes = G.nodes
    for role_id in path:
        role_node(G, role_id)
    timeline = _Timeline()
    legs = []
    low = high = full_low = full_high = 0
    for u, v in pairwise(path):
        data = G.succ[u].get(v)
        if data is None:
            raise NoRoute(nodes[u]["title"], nodes[v]["title"], reason="there is no such move")
        move: Move = data["move"]
        steps, leg_low, leg_high = _leg(move, nodes[u]["role"], person, timeline)
        legs.append(
            RouteLeg(
                from_id=u,
                to_id=v,
                transition_id=move.transition_id,
                kind=move.kind,
                steps=steps,
                months_range=(leg_low, leg_high),
                full_months_range=(move.months_min, move.months_max),
            )
        )
        low += leg_low
        high += leg_high
        full_low += move.months_min
        full_high += move.months_max
    salaries = tuple(nodes[role_id]["salary"] for role_id in path)
    return Route(
        role_ids=path,
        transition_ids=tuple(leg.transition_id for leg in legs),
        legs=tuple(legs),
        months_range=(low, high),
        full_months_range=(full_low, full_high),
        salaries=salaries,
        salary_score=_salary_score(legs, salaries),
    )


def _salary_score(legs: list[RouteLeg], salaries: tuple[SalarySpread | None, ...]) -> Decimal | None:
    """Return the time-weighted mean pay (spread midpoints) over the roles held on the way."""
    weighted = Decimal(0)
    weights = 0
    plain: list[Decimal] = []
    for leg, spread in zip(legs, salaries, strict=False):
        if spread is None:
            continue
        weight = sum(leg.months_range)
        weighted += spread.midpoint * weight
        weights += weight
        plain.append(spread.midpoint)
    if weights:
        return weighted / weights
    if plain:
        return sum(plain) / len(plain)
    return None


# ---------------------------------------------------------------------------------------------
# Routes


class _Weights(dict):
    """A person's cost for each kind of move, worked out the first time the search needs it."""

    __slots__ = ("offset", "person", "scale", "signatures")

    def __init__(
        self, signatures: list[tuple[tuple[StepData, ...], bool, bool]], person: Person, *, scale: int, offset: int
    ):
        super().__init__()
        self.signatures = signatures
        self.person = person
        self.scale = scale
        self.offset = offset

    def __missing__(self, signature: int) -> int:
        steps, service, leading = self.signatures[signature]
        months = _cost_today(steps, self.person, service=service, leading=leading)
        cost = self[signature] = months * self.scale + self.offset
        return cost


class _SearchIndex:
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
        "pos",
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
        costs: list[int] = []
        holders: dict[int, RoleNode] = dict(G.nodes(data="role"))
        for u, v, data in G.edges(data=True):
            if not data["live"]:
                continue
            holder = holders[u]
            move: Move = data["move"]
            service, leading = not holder.is_entry, holder.leads_people
            key = (service, leading, tuple(_requirement(step) for step in move.steps))
            signature = keys.get(key)
            if signature is None:
                signature = keys[key] = len(self.signatures)
                self.signatures.append((move.steps, service, leading))
                costs.append(data["cost"])
            out[self.pos[u]].append((self.pos[v], signature))
            inn[self.pos[v]].append((self.pos[u], signature))
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
            weights = _Weights(self.signatures, person, scale=1, offset=self.unit)
        else:
            weights = _Weights(self.signatures, person, scale=max(len(self.ids), 1), offset=1)
        if len(self.signatures) <= self.EAGER_SIGNATURES:
            # Few kinds of move: a plain list is quicker to read in the search's inner loops.
            return [weights[signature] for signature in range(len(self.signatures))]
        return weights

    def shared_tree(self, target: int, by: str) -> _Tree:
        """Return the anonymous backward tree towards a target; hold ``lock`` while using it."""
        key = (target, MOVES if by == MOVES else TIME)
        tree = self.trees.get(key)
        if tree is None:
            if len(self.trees) >= max(32, self.TREE_CACHE_CELLS // max(len(self.ids), 1)):
                del self.trees[next(iter(self.trees))]  # the oldest
            tree = self.trees[key] = _Tree(self.inn, target, self.weights(by, None))
        return tree


def _requirement(step: StepData) -> tuple:
    """Return what a step asks of a person and how long it takes: all that its cost depends on."""
    return (
        step.kind,
        step.months_min,
        step.months_max,
        step.skill_id,
        step.skill_level,
        step.certification_id,
        step.education,
        step.experience_kind,
        step.years,
        step.optional,
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

    def __init__(self, index: _SearchIndex, tree: _Tree, start: int, banned: set[int], banned_next: set[int]):
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
                    cumulative = [0]
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
    walked = []
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
    index: _SearchIndex, tree: _Tree, weights: list[int] | _Weights, source: int, target: int, count: int
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


def _search_index(G: nx.DiGraph) -> _SearchIndex:
    """Return the graph's search index; a graph that can still change gets a fresh one each time."""
    index = G.graph.get("search")
    if index is not None and index.graph_id == id(G) and nx.is_frozen(G):
        return index
    index = _SearchIndex(G)
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


def reachable_beyond(G: nx.DiGraph, role_id: int, *, max_depth: int | None = None) -> list[tuple[int, int]]:
    """
    Return the roles reachable from a role over live moves, with the fewest moves to each.

    Nearest first, then by seniority level and title; the role itself is left out, and so is
    every archived role or move. Raise UnknownRole for a role not in the graph.
    """
    role_node(G, role_id)
    if G.nodes[role_id]["archived"]:
        return []
    depths = {role_id: 0}
    queue = deque([role_id])
    succ = G.succ
    while queue:
        u = queue.popleft()
        depth = depths[u] + 1
        if max_depth is not None and depth > max_depth:
            continue
        for v, data in succ[u].items():
            if v not in depths and data["live"]:
                depths[v] = depth
                queue.append(v)
    del depths[role_id]
    nodes = G.nodes
    return sorted(depths.items(), key=lambda item: (item[1], nodes[item[0]]["level"], nodes[item[0]]["title"]))


# ---------------------------------------------------------------------------------------------
# Output


def _number(value: Decimal | float | int | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def salary_as_data(G: nx.DiGraph, role_id: int) -> dict:
    """Return a role's spread and the facts behind it, each fact with its source document."""
    nodes = G.nodes
    role: RoleNode = nodes[role_id]["role"]
    spread = role.salary
    return {
        "role": role.slug,
        "low": _number(spread.low) if spread else None,
        "high": _number(spread.high) if spread else None,
        "open_ended": spread.open_ended if spread else False,
        "derived": spread.derived if spread else False,
        "sources": list(spread.sources) if spread else [],
        "facts": [
            {
                "kind": fact.kind,
                "amount": _number(fact.amount),
                "amount_min": _number(fact.amount_min),
                "amount_max": _number(fact.amount_max),
                "open_ended": fact.open_ended,
                "relative_to": nodes[fact.relative_to]["slug"] if fact.relative_to in nodes else None,
                "period": fact.period,
                "scope": fact.scope,
                "scope_label": fact.scope_label,
                "source": fact.source,
                "note": fact.note,
            }
            for fact in role.salary_facts
        ],
    }


def route_as_data(G: nx.DiGraph, route: Route) -> dict:
    """Return a route as plain JSON data (the ``routes --json`` shape), with slugs for ids."""
    nodes = G.nodes
    skills = G.graph.get("skills", {})
    certifications = G.graph.get("certifications", {})

    def step_data(item: RouteStep) -> dict:
        step = item.step
        skill = skills.get(step.skill_id)
        certification = certifications.get(step.certification_id)
        return {
            "from": nodes[item.from_id]["slug"],
            "to": nodes[item.to_id]["slug"],
            "order": step.order,
            "kind": step.kind,
            "title": step.title,
            "months_range": list(item.months_range),
            "full_months_range": [step.months_min, step.months_max],
            "skipped": item.skipped,
            "partly_met": item.partly_met,
            "optional": step.optional,
            "skill": skill.slug if skill else None,
            "skill_level": step.skill_level,
            "certification": certification.slug if certification else None,
            "education": step.education,
            "experience_kind": step.experience_kind,
            "years": _number(step.years),
            "source": step.source,
        }

    return {
        "roles": [nodes[role_id]["slug"] for role_id in route.role_ids],
        "months": route.months,
        "months_range": list(route.months_range),
        "full_months_range": list(route.full_months_range),
        "moves": route.moves,
        "salary_score": _number(route.salary_score.quantize(Decimal(1))) if route.salary_score is not None else None,
        "steps": [step_data(step) for step in route.steps],
        "salary": [salary_as_data(G, role_id) for role_id in route.role_ids],
    }
