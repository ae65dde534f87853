"""
The plan page: a plan's moves and steps with the person's gaps, time left, what changed in the graph
and the next best step, read in a fixed number of queries whatever the plan's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import networkx as nx
from django.utils import timezone
from django.utils.translation import gettext as _

from planner.models import Plan, PlanRole, PlanStep, Profile
from planner.selectors.people import DAYS_PER_MONTH, person_from_profile
from roles import engine
from roles.engine import Person, RoleGaps, SalarySpread, role_gaps
from roles.models import TransitionStep
from roles.selectors import graph_get


@dataclass
class MoveView:
    """One move of a plan with its steps, for the checklist."""

    plan_role: PlanRole
    from_title: str
    steps: list[PlanStep]
    months_left: tuple[int, int] = (0, 0)

    @property
    def closed_count(self) -> int:
        return sum(1 for step in self.steps if step.is_closed)

    @property
    def done(self) -> bool:
        return self.closed_count == len(self.steps)


@dataclass
class RoleOnRoute:
    role_id: int
    slug: str
    title: str
    archived: bool
    position: int
    reached: bool
    current: bool
    salary: SalarySpread | None
    gaps: RoleGaps | None


@dataclass
class BeyondRole:
    slug: str
    title: str
    moves: int
    salary: SalarySpread | None


# The plan page's "beyond" list: the best few of the roles within two moves of the target (with
# the O*NET occupations that is ~200 roles, most of the page); the target's own page has the rest.
BEYOND_SHOWN = 8


def _beyond(G: nx.DiGraph, target_id: int) -> tuple[list[BeyondRole], int]:
    """
    The BEYOND_SHOWN best roles within two moves of the target, and how many more there are.

    Nearest first; among roles as near, the best paid (the top of their salary spread) first,
    roles without a figure last.
    """
    if target_id not in G:
        return [], 0
    reach = engine.reachable_beyond(G, target_id, max_depth=2)

    def rank(item: tuple[int, int]) -> tuple:
        salary = G.nodes[item[0]]["salary"]
        return (item[1], salary is None, -(salary.high if salary is not None else 0))

    shown = sorted(reach, key=rank)[:BEYOND_SHOWN]
    roles = [
        BeyondRole(
            slug=G.nodes[role_id]["slug"],
            title=G.nodes[role_id]["title"],
            moves=depth,
            salary=G.nodes[role_id]["salary"],
        )
        for role_id, depth in shown
    ]
    return roles, len(reach) - len(shown)


@dataclass
class PlanView:
    plan: Plan
    moves: list[MoveView]
    roles: list[RoleOnRoute]
    step_count: int
    closed_count: int
    months_left: tuple[int, int]
    projected_date: datetime.date | None
    next_step: PlanStep | None
    next_step_saves: tuple[int, int] | None
    beyond: list[BeyondRole]
    stale: bool
    route_in_graph: bool
    graph_revision: int
    step_remaining: dict[int, tuple[int, int]] = field(default_factory=dict)
    earlier_steps: list[PlanStep] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    timeline: list[PlanStep] = field(default_factory=list)
    beyond_more: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.closed_count / self.step_count) if self.step_count else 100

    @property
    def upcoming(self) -> list[PlanStep]:
        """The open dated steps, soonest first."""
        return [step for step in self.timeline if not step.is_closed]

    @property
    def months_typical(self) -> int:
        low, high = self.months_left
        return (low + high + 1) // 2


def _route_is_live(G: nx.DiGraph, role_ids: list[int]) -> bool:
    if any(role_id not in G or G.nodes[role_id]["archived"] for role_id in role_ids):
        return False
    return all(G.has_edge(u, v) and G.edges[u, v]["live"] for u, v in zip(role_ids, role_ids[1:], strict=False))


def steps_remaining(
    G: nx.DiGraph, person: Person, role_ids: list[int], steps: list[PlanStep]
) -> dict[int, tuple[int, int]]:
    """
    Return the months each plan step still takes the person, by plan step id.

    Closed steps take none; steps still on a live move take what the engine says for the person
    today; steps the graph no longer has keep the months copied when they were planned.
    """
    live: dict[int, tuple[int, int]] = {}
    if all(u in G and v in G and G.has_edge(u, v) for u, v in zip(role_ids, role_ids[1:], strict=False)):
        for route_step in engine.evaluate_route(G, role_ids, person=person).steps:
            live[route_step.step.id] = (0, 0) if route_step.step.optional else route_step.months_range
    remaining = {}
    for step in steps:
        if step.is_closed:
            remaining[step.pk] = (0, 0)
        elif step.transition_step_id in live:
            remaining[step.pk] = live[step.transition_step_id]
        else:
            remaining[step.pk] = (step.months_min, step.months_max)
    return remaining


def plan_view(*, plan: Plan, profile: Profile | None, today: datetime.date | None = None) -> PlanView:
    """
    Work out what the plan page shows, live from the graph and the person's profile.

    Done and skipped steps take no more time; steps the profile now meets are shown as met even
    if the person has not ticked them. Time left is a range, and the projected date uses its
    typical figure.
    """
    today = today or timezone.localdate()
    G = graph_get()
    person = person_from_profile(profile)
    route_roles = list(plan.route_roles.all())
    live_move_ids = {plan_role.pk for plan_role in route_roles}
    all_steps = list(plan.steps.all())
    steps = [step for step in all_steps if step.move_id in live_move_ids]
    earlier_steps = [step for step in all_steps if step.move_id not in live_move_ids]
    role_ids = [plan_role.role_id for plan_role in route_roles]
    route_in_graph = _route_is_live(G, role_ids)

    step_remaining = steps_remaining(G, person, role_ids, steps)

    steps_by_move: dict[int, list[PlanStep]] = {}
    for step in steps:
        steps_by_move.setdefault(step.move_id, []).append(step)
    moves = []
    for previous, plan_role in zip(route_roles, route_roles[1:], strict=False):
        move_steps = steps_by_move.get(plan_role.pk, [])
        moves.append(
            MoveView(
                plan_role=plan_role,
                from_title=previous.role.title,
                steps=move_steps,
                months_left=(
                    sum(step_remaining[s.pk][0] for s in move_steps),
                    sum(step_remaining[s.pk][1] for s in move_steps),
                ),
            )
        )

    months_left = (
        sum(low for low, _high in step_remaining.values()),
        sum(high for _low, high in step_remaining.values()),
    )
    # Where the person stands: the last role whose every step into it is closed or met.
    reached = 0
    for index, move in enumerate(moves, start=1):
        if all(step.is_closed or step_remaining[step.pk] == (0, 0) for step in move.steps):
            reached = index
        else:
            break

    roles = []
    for index, plan_role in enumerate(route_roles):
        in_graph = plan_role.role_id in G
        roles.append(
            RoleOnRoute(
                role_id=plan_role.role_id,
                slug=plan_role.role.slug,
                title=plan_role.role.title,
                archived=plan_role.role.archived,
                position=index,
                reached=index <= reached,
                current=index == reached,
                salary=G.nodes[plan_role.role_id]["salary"] if in_graph else None,
                gaps=role_gaps(G, person, plan_role.role_id) if in_graph and index > 0 else None,
            )
        )

    next_step, saves = _next_best_step(moves, step_remaining)
    typical = (months_left[0] + months_left[1] + 1) // 2
    projected = today + datetime.timedelta(days=float(DAYS_PER_MONTH * typical)) if months_left != (0, 0) else None

    beyond, beyond_more = _beyond(G, plan.target_role_id)

    revision = G.graph.get("revision", 0)
    return PlanView(
        plan=plan,
        moves=moves,
        roles=roles,
        step_count=len(steps),
        closed_count=sum(1 for step in steps if step.is_closed),
        months_left=months_left,
        projected_date=projected,
        next_step=next_step,
        next_step_saves=saves,
        beyond=beyond,
        beyond_more=beyond_more,
        stale=plan.graph_revision != revision,
        route_in_graph=route_in_graph,
        graph_revision=revision,
        step_remaining=step_remaining,
        earlier_steps=earlier_steps,
        changes=_route_changes(G, route_roles, steps) if plan.graph_revision != revision else [],
        timeline=sorted((step for step in steps if step.target_date), key=lambda step: (step.target_date, step.pk)),
    )


def _route_changes(G: nx.DiGraph, route_roles: list[PlanRole], steps: list[PlanStep]) -> list[str]:
    """Say, in words, how the graph now differs from the plan's copy of its route."""
    changes = []
    for plan_role in route_roles:
        if plan_role.role_id not in G or G.nodes[plan_role.role_id]["archived"]:
            changes.append(_("%(role)s was archived.") % {"role": plan_role.role.title})
    for previous, plan_role in zip(route_roles, route_roles[1:], strict=False):
        u, v = previous.role_id, plan_role.role_id
        if not G.has_edge(u, v) or not G.edges[u, v]["live"]:
            changes.append(
                _("The move %(from)s → %(to)s was archived.")
                % {"from": previous.role.title, "to": plan_role.role.title}
            )
            continue
        move = G.edges[u, v]["move"]
        planned = {step.transition_step_id: step for step in steps if step.move_id == plan_role.pk}
        for graph_step in move.steps:
            if graph_step.id not in planned:
                changes.append(
                    _("New step on the move to %(role)s: %(step)s.")
                    % {"role": plan_role.role.title, "step": graph_step.title}
                )
            elif planned[graph_step.id].title != graph_step.title:
                changes.append(
                    _("Step renamed: “%(old)s” is now “%(new)s”.")
                    % {"old": planned[graph_step.id].title, "new": graph_step.title}
                )
        live_ids = {graph_step.id for graph_step in move.steps}
        for step in planned.values():
            if step.transition_step_id and step.transition_step_id not in live_ids:
                changes.append(
                    _("Step “%(step)s” is no longer part of the move to %(role)s.")
                    % {"step": step.title, "role": plan_role.role.title}
                )
    return changes


def _next_best_step(
    moves: list[MoveView], remaining: dict[int, tuple[int, int]]
) -> tuple[PlanStep | None, tuple[int, int] | None]:
    """
    Return the open step of the first unfinished move that shortens the route the most, and the
    months it saves.

    A move is made in order, so a step further along never comes before one the person still has
    to close on the way. Experience only comes with time, so within the move a step a person can
    act on (a skill, a certification, a qualification, an application) comes first; among equals
    the earliest wins.
    """
    open_steps = next(([step for step in move.steps if not step.is_closed] for move in moves if not move.done), [])
    if not open_steps:
        return None, None

    def key(item: tuple[int, PlanStep]) -> tuple:
        index, step = item
        low, high = remaining[step.pk]
        actionable = step.kind != TransitionStep.Kind.EXPERIENCE
        return (not actionable, -(low + high), step.status != PlanStep.Status.DOING, index)

    _index, best = min(enumerate(open_steps), key=key)
    return best, remaining[best.pk]
