"""
The role graph as a networkx DiGraph, and the routing engine over it: the public API.

Everything here is pure: functions take plain data and a graph keyed by role ids (ints, never
model instances), so they run and are tested without a database. ``roles.selectors.graph_get``
builds the graph from the database and caches it per graph revision.

Modules, each importing only those above it (import-linter checks it, see pyproject.toml):
``salary`` (spreads from salary facts), ``types`` (data, constants, errors, ``Person``),
``timing`` (a person's time on a route), ``search`` (the k-best search, reach), ``build``
(``build_graph``), ``gaps`` (what a person lacks) and ``output`` (JSON data).

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

from roles.engine.build import build_graph
from roles.engine.gaps import CertificationGap, RoleGaps, SkillGap, YearsGap, role_gaps, route_gaps
from roles.engine.output import route_as_data, routes_answer, salary_as_data
from roles.engine.reach import neighbourhood, reachable_beyond
from roles.engine.salary import SalaryFactData, SalarySpread, annualise, role_salary_spreads, salary_spread
from roles.engine.search import k_best_routes
from roles.engine.timing import evaluate_route
from roles.engine.types import (
    EXPERIENCE,
    LEADERSHIP,
    LEADING_TRACKS,
    LEARNING_KINDS,
    MAX_ROUTES,
    MONTHS_PER_YEAR,
    MOVES,
    RANKINGS,
    SALARY,
    SALARY_CANDIDATES,
    TIME,
    CertificationInfo,
    InvalidRanking,
    InvalidRouteCount,
    Move,
    NoRoute,
    Person,
    RoleNode,
    Route,
    RouteError,
    RouteLeg,
    RouteStep,
    SkillInfo,
    StepData,
    UnknownRole,
    role_id_for_slug,
    role_node,
)

__all__ = [
    "EXPERIENCE",
    "LEADERSHIP",
    "LEADING_TRACKS",
    "LEARNING_KINDS",
    "MAX_ROUTES",
    "MONTHS_PER_YEAR",
    "MOVES",
    "RANKINGS",
    "SALARY",
    "SALARY_CANDIDATES",
    "TIME",
    "CertificationGap",
    "CertificationInfo",
    "InvalidRanking",
    "InvalidRouteCount",
    "Move",
    "NoRoute",
    "Person",
    "RoleGaps",
    "RoleNode",
    "Route",
    "RouteError",
    "RouteLeg",
    "RouteStep",
    "SalaryFactData",
    "SalarySpread",
    "SkillGap",
    "SkillInfo",
    "StepData",
    "UnknownRole",
    "YearsGap",
    "annualise",
    "build_graph",
    "evaluate_route",
    "k_best_routes",
    "neighbourhood",
    "reachable_beyond",
    "role_gaps",
    "role_id_for_slug",
    "role_node",
    "role_salary_spreads",
    "route_as_data",
    "routes_answer",
    "route_gaps",
    "salary_as_data",
    "salary_spread",
]
