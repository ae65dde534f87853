"""
Read paths for people's data: a profile as the engine's Person, plan lists, and the plan page.

Each function runs a fixed number of queries whatever the size of the plan or the list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from planner.models import Plan, PlanRole, PlanStep, Profile
from roles import graph as engine
from roles.gaps import Person, RoleGaps, role_gaps
from roles.models import Education, Skill, TransitionStep
from roles.salary import SalarySpread
from roles.selectors import graph_get

DAYS_PER_MONTH = Decimal("30.44")


def person_from_profile(profile: Profile | None) -> Person:
    """Return the engine's view of a person; expired certifications do not count."""
    if profile is None or profile.pk is None:
        return Person(
            current_role_id=None,
            years_experience=Decimal(0),
            years_leading=Decimal(0),
            education=Education.HIGH_SCHOOL,
            skills={},
            certification_ids=frozenset(),
        )
    today = timezone.localdate()
    skills = dict(profile.skills.values_list("skill_id", "level"))
    certifications = frozenset(
        profile.certifications.filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today)).values_list(
            "certification_id", flat=True
        )
    )
    return Person(
        current_role_id=profile.current_role_id,
        years_experience=profile.years_experience,
        years_leading=profile.years_leading,
        education=profile.education,
        skills=skills,
        certification_ids=certifications,
    )


def profile_skill_levels(profile: Profile) -> dict[int, int]:
    return dict(profile.skills.values_list("skill_id", "level"))


def skills_for_rating() -> list[Skill]:
    return list(Skill.objects.filter(archived=False).order_by("category", "name"))


def start_role_id(G: nx.DiGraph, person: Person) -> int:
    """Return where a person's routes start: their current role, or the entry node."""
    if person.current_role_id is not None and person.current_role_id in G:
        return person.current_role_id
    for role_id, data in G.nodes(data=True):
        if data["is_entry"] and not data["archived"]:
            return role_id
    raise engine.NoRoute("you", "anywhere", reason="the role graph has no entry role yet")


def plan_list_for_owner(*, user: AbstractBaseUser, archived: bool = False) -> QuerySet[Plan]:
    """The user's plans with their progress counts, newest first."""
    closed = Q(steps__status__in=[PlanStep.Status.DONE, PlanStep.Status.SKIPPED])
    plans = Plan.objects.filter(owner=user, archived_at__isnull=not archived)
    return plans.select_related("start_role", "target_role").annotate(
        step_count=Count("steps"), closed_count=Count("steps", filter=closed)
    )


def plan_detail_queryset() -> QuerySet[Plan]:
    """A plan with everything its page shows, in a fixed number of queries."""
    return Plan.objects.select_related("start_role", "target_role", "owner").prefetch_related(
        Prefetch(
            "route_roles",
            queryset=PlanRole.objects.select_related("role", "transition").order_by("position"),
        ),
        Prefetch(
            "steps",
            queryset=PlanStep.objects.select_related(
                "transition_step__skill", "transition_step__certification"
            ).order_by("move__position", "order"),
        ),
    )


# --- The plan page --------------------------------------------------------------------------


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

    @property
    def percent(self) -> int:
        return round(100 * self.closed_count / self.step_count) if self.step_count else 100

    @property
    def months_typical(self) -> int:
        low, high = self.months_left
        return (low + high + 1) // 2


def _route_is_live(G: nx.DiGraph, role_ids: list[int]) -> bool:
    if any(role_id not in G or G.nodes[role_id]["archived"] for role_id in role_ids):
        return False
    return all(G.has_edge(u, v) and G.edges[u, v]["live"] for u, v in zip(role_ids, role_ids[1:], strict=False))


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
    steps = list(plan.steps.all())
    role_ids = [plan_role.role_id for plan_role in route_roles]
    route_in_graph = _route_is_live(G, role_ids)

    # The engine's view of each step for this person today, by the graph step's id.
    live_remaining: dict[int, tuple[int, int]] = {}
    if all(G.has_edge(u, v) for u, v in zip(role_ids, role_ids[1:], strict=False)):
        route = engine.evaluate_route(G, role_ids, person=person)
        for route_step in route.steps:
            if not route_step.step.optional:
                live_remaining[route_step.step.id] = route_step.months_range

    step_remaining: dict[int, tuple[int, int]] = {}
    for step in steps:
        if step.is_closed:
            step_remaining[step.pk] = (0, 0)
        elif step.transition_step_id in live_remaining:
            step_remaining[step.pk] = live_remaining[step.transition_step_id]
        elif step.transition_step is not None and step.transition_step.optional:
            step_remaining[step.pk] = (0, 0)
        else:
            step_remaining[step.pk] = (step.months_min, step.months_max)

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

    months_left = (sum(low for low, _ in step_remaining.values()), sum(high for _, high in step_remaining.values()))
    # Where the person stands: the last role whose every step into it is closed or met.
    reached_position = 0
    for index, move in enumerate(moves, start=1):
        if move.months_left == (0, 0) and all(
            step.is_closed or step_remaining[step.pk] == (0, 0) for step in move.steps
        ):
            reached_position = index
        else:
            break

    roles = []
    for plan_role in route_roles:
        in_graph = plan_role.role_id in G
        roles.append(
            RoleOnRoute(
                role_id=plan_role.role_id,
                slug=plan_role.role.slug,
                title=plan_role.role.title,
                archived=plan_role.role.archived,
                position=plan_role.position,
                reached=plan_role.position <= reached_position,
                current=plan_role.position == reached_position,
                salary=G.nodes[plan_role.role_id]["salary"] if in_graph else None,
                gaps=role_gaps(G, person, plan_role.role_id) if in_graph and plan_role.position > 0 else None,
            )
        )

    next_step, saves = _next_best_step(steps, step_remaining)
    typical = (months_left[0] + months_left[1] + 1) // 2
    projected = today + datetime.timedelta(days=float(DAYS_PER_MONTH * typical)) if months_left != (0, 0) else None

    beyond = []
    if plan.target_role_id in G:
        for role_id, depth in engine.reachable_beyond(G, plan.target_role_id, max_depth=2):
            data = G.nodes[role_id]
            beyond.append(BeyondRole(slug=data["slug"], title=data["title"], moves=depth, salary=data["salary"]))

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
        stale=plan.graph_revision != revision,
        route_in_graph=route_in_graph,
        graph_revision=revision,
        step_remaining=step_remaining,
    )


def _next_best_step(
    steps: list[PlanStep], remaining: dict[int, tuple[int, int]]
) -> tuple[PlanStep | None, tuple[int, int] | None]:
    """
    Return the open step that shortens the route the most, and the months it saves.

    Experience only comes with time, so a step a person can act on (a skill, a certification, a
    qualification, an application) comes first; among equals the earliest on the route wins.
    """
    open_steps = [step for step in steps if not step.is_closed]
    if not open_steps:
        return None, None

    def key(item: tuple[int, PlanStep]) -> tuple:
        index, step = item
        low, high = remaining[step.pk]
        actionable = step.kind != TransitionStep.Kind.EXPERIENCE
        return (not actionable, -(low + high), step.status != PlanStep.Status.DOING, index)

    _, best = min(enumerate(open_steps), key=key)
    return best, remaining[best.pk]
