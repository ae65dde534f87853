"""
A person's time on a route: which steps they already meet, and the months left of each move.

The rules are in the ``roles.engine`` docstring ("Time").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import pairwise

import networkx as nx

from roles.engine.salary import SalarySpread
from roles.engine.types import (
    EXPERIENCE,
    LEADERSHIP,
    LEARNING_KINDS,
    MONTHS_PER_YEAR,
    Move,
    NoRoute,
    Person,
    RoleNode,
    Route,
    RouteLeg,
    RouteStep,
    StepData,
    role_node,
)


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


def cost_today(steps: tuple[StepData, ...], person: Person, *, service: bool, leading: bool) -> int:
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
        return sum(plain, Decimal(0)) / len(plain)
    return None
