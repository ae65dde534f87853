"""
The role graph's plain data: roles, moves, steps, routes, the person the engine plans for, the
constants they share, and the errors a routing question can end in.

Everything in ``roles.engine`` is pure: functions take these and a networkx graph keyed by role
ids (ints, never model instances), so they run and are tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import networkx as nx

from roles.engine.salary import MONTHS_PER_YEAR, SalaryFactData, SalarySpread

__all__ = ["MONTHS_PER_YEAR"]  # re-exported: experience is counted in the same months

TIME = "time"
MOVES = "moves"
SALARY = "salary"
RANKINGS = (TIME, MOVES, SALARY)
MAX_ROUTES = 20
SALARY_CANDIDATES = 10
LEADING_TRACKS = frozenset({"leadership", "management", "operations"})
EXPERIENCE = "experience"
LEARNING_KINDS = frozenset({"skill", "certification", "education"})
LEADERSHIP = "leadership"

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


class StepData(NamedTuple):
    """
    One step of a move (mirrors ``roles.models.TransitionStep``, fields in its column order).

    A named tuple rather than a frozen dataclass: a graph holds ~20,000 steps and the cached
    graph is rebuilt after every edit, and a tuple is made from a database row ten times faster.
    """

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
        steps = self.steps
        # Built from the database the steps come live and in order (the common case, ~20,000
        # moves per build): keep the tuple as it is rather than sort a copy.
        low = high = 0
        previous = -1
        in_order = True
        for step in steps:
            if step.archived or step.order < previous:
                in_order = False
                break
            previous = step.order
            if not step.optional:
                low += step.months_min
                high += step.months_max
        if not in_order:
            steps = tuple(sorted((step for step in steps if not step.archived), key=lambda step: step.order))
            object.__setattr__(self, "steps", steps)
            required = [step for step in steps if not step.optional]
            low, high = sum(step.months_min for step in required), sum(step.months_max for step in required)
        elif type(steps) is not tuple:
            object.__setattr__(self, "steps", tuple(steps))
        object.__setattr__(self, "months_min", low)
        object.__setattr__(self, "months_max", high)


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


@dataclass(frozen=True, slots=True)
class Person:
    """Where a person stands: what the engine needs to personalise routes and gaps."""

    current_role_id: int | None = None
    years_experience: float = 0.0
    years_leading: float = 0.0
    education: int = 0
    skills: Mapping[int, int] = field(default_factory=dict)
    certification_ids: frozenset[int] = frozenset()
    # How long learning steps (skills, certifications, education) take this person compared with
    # the graph's figures: 1.0 as the graph says, 2.0 twice as long. Experience comes with time.
    pace: float = 1.0


# ---------------------------------------------------------------------------------------------
# Reading a built graph


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
