"""
Read paths for people's data: a profile as the engine's Person, plan lists, and the plan page.

Each function runs a fixed number of queries whatever the size of the plan or the list.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from planner import extensions
from planner.models import Plan, PlanRole, PlanStep, Profile
from roles import engine
from roles.engine import Person, RoleGaps, SalarySpread, role_gaps
from roles.models import Education, Role, Skill, TransitionStep
from roles.selectors import graph_get

DAYS_PER_MONTH = Decimal("30.44")
# The graph's learning-step months assume about this many hours a week; a person's own hours set
# their pace, within bounds (learning cannot be crammed without end, nor stretched without end).
PACE_BASELINE_HOURS = 5
PACE_BOUNDS = (0.5, 3.0)


def pace_for_hours(hours_per_week: int | None) -> float:
    if not hours_per_week or hours_per_week <= 0:
        return 1.0
    low, high = PACE_BOUNDS
    return min(high, max(low, PACE_BASELINE_HOURS / hours_per_week))


def person_from_profile(profile: Profile | None) -> Person:
    """
    Return the engine's view of a person; expired certifications do not count.

    A coach's verified level, where there is one, counts instead of the self-rating. Reads the
    profile's skills and certifications once each, or none when the caller prefetched them (the
    coach dashboard does, for every client at once).
    """
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
    return Person(
        current_role_id=profile.current_role_id,
        years_experience=profile.years_experience,
        years_leading=profile.years_leading,
        education=profile.education,
        skills={row.skill_id: row.effective_level for row in profile.skills.all()},
        certification_ids=frozenset(
            row.certification_id
            for row in profile.certifications.all()
            if row.expires_on is None or row.expires_on > today
        ),
        pace=pace_for_hours(profile.hours_per_week),
    )


# The target the new-plan page proposes first.
DEFAULT_TARGET_SLUG = "customer-service-manager"
# The plan page's "beyond" list: the best few of the roles within two moves of the target (with
# the O*NET occupations that is ~200 roles, most of the page); the target's own page has the rest.
BEYOND_SHOWN = 8


def default_target() -> Role | None:
    return Role.objects.active().filter(slug=DEFAULT_TARGET_SLUG).first()


def profile_certifications_held(profile: Profile) -> list[dict]:
    """The profile's certifications as the profile form's initial rows."""
    return [
        {"certification": row.certification, "earned_on": row.earned_on, "expires_on": row.expires_on}
        for row in profile.certifications.select_related("certification")
    ]


def profile_skill_levels(profile: Profile) -> dict[int, int]:
    return dict(profile.skills.values_list("skill_id", "level"))


def skills_for_rating() -> list[Skill]:
    return list(Skill.objects.filter(archived=False).order_by("category", "name"))


def first_missing_move(slugs: list[str]) -> tuple[str, str] | None:
    """Return the first two neighbouring roles of a route with no live move between them now, or None."""
    G = graph_get()
    for source, target in zip(slugs, slugs[1:], strict=False):
        try:
            u, v = engine.role_id_for_slug(G, source), engine.role_id_for_slug(G, target)
        except engine.UnknownRole:
            return source, target
        if not G.has_edge(u, v) or not G.edges[u, v]["live"]:
            return source, target
    return None


def start_role_id(G: nx.DiGraph, person: Person) -> int:
    """Return where a person's routes start: their current role, or the entry node."""
    if person.current_role_id is not None and person.current_role_id in G:
        return person.current_role_id
    for role_id, data in G.nodes(data=True):
        if data["is_entry"] and not data["archived"]:
            return role_id
    raise engine.NoRoute("you", "anywhere", reason="the role graph has no entry role yet")


def start_role_for_user(*, user: AbstractBaseUser) -> Role | None:
    """The role a person's routes start from (their current role, or the entry role), if any."""
    profile = Profile.objects.filter(user=user).select_related("current_role").first()
    if profile is not None and profile.current_role is not None and not profile.current_role.archived:
        return profile.current_role
    return Role.objects.active().filter(is_entry=True).order_by("pk").first()


def alternative_routes(*, plan: Plan, k: int = 4) -> list[tuple[str, str]]:
    """
    Other routes a plan could take, as (comma-joined slugs, a label naming the roles), best first.

    The routes to the plan's target that the plan does not follow yet, then the best route on to
    each role one move beyond the target, timed for the plan's owner.
    """
    G = graph_get()
    person = person_from_profile(Profile.objects.filter(user_id=plan.owner_id).first())
    current = [plan_role.role_id for plan_role in plan.route_roles.order_by("position")]
    if not current or current[0] not in G or plan.target_role_id not in G:
        return []
    start, target = current[0], plan.target_role_id
    candidates: list[engine.Route] = []
    for goal, count in [
        (target, k + 1),
        *((role_id, 1) for role_id, _ in engine.reachable_beyond(G, target, max_depth=1)),
    ]:
        with contextlib.suppress(engine.RouteError):
            candidates += engine.k_best_routes(G, start, goal, k=count, person=person)
    choices, seen = [], {tuple(current)}
    for route in candidates:
        if route.role_ids in seen:
            continue
        seen.add(route.role_ids)
        titles = " → ".join(G.nodes[role_id]["title"] for role_id in route.role_ids)
        low, high = route.months_range
        choices.append(
            (
                ",".join(G.nodes[role_id]["slug"] for role_id in route.role_ids),
                f"{titles} ({route.moves} move{'s' if route.moves != 1 else ''}, {low}–{high} months)",
            )
        )
    return choices


def plan_list_for_owner(*, user: AbstractBaseUser, archived: bool = False) -> QuerySet[Plan]:
    """The user's plans with their progress counts, newest first."""
    closed = Q(steps__status__in=[PlanStep.Status.DONE, PlanStep.Status.SKIPPED])
    plans = Plan.objects.filter(owner=user, archived_at__isnull=not archived)
    return plans.select_related("start_role", "target_role").annotate(
        step_count=Count("steps"), closed_count=Count("steps", filter=closed)
    )


def account_deletion_summary(*, user: AbstractBaseUser) -> list[str]:
    """What deleting the account deletes and what it leaves, in sentences for the person."""
    plans = Plan.with_bin.filter(owner=user).aggregate(
        total=Count("id"), binned=Count("id", filter=Q(deleted_at__isnull=False))
    )
    lines = [
        "Your account, your profile (where you stand, your skills and certifications) and your "
        f"{plans['total']} plan{'' if plans['total'] == 1 else 's'}"
        + (f", {plans['binned']} of them in the bin" if plans["binned"] else "")
        + ", with their steps, dates and notes, are deleted at once.",
    ]
    # Sections of the apps built on planner (coaching: coachings, what you wrote on others' plans).
    lines.extend(extensions.account_deletion_summary(user=user))
    return lines


def plan_bin_for_owner(*, user: AbstractBaseUser) -> QuerySet[Plan]:
    """The plans in the user's bin, most recently deleted first."""
    return (
        Plan.with_bin.in_bin()
        .filter(owner=user)
        .select_related("start_role", "target_role")
        .annotate(step_count=Count("steps"))
        .order_by("-deleted_at", "-id")
    )


def plan_with_people() -> QuerySet[Plan]:
    """Plans with their owner and start role, for pages that name them."""
    return Plan.objects.select_related("owner", "start_role")


def plan_detail_queryset(*, include_bin: bool = False) -> QuerySet[Plan]:
    """A plan with everything its page shows, in a fixed number of queries (the bin's plans for the export)."""
    plans = Plan.with_bin.all() if include_bin else Plan.objects.all()
    return plans.select_related("start_role", "target_role", "owner").prefetch_related(
        Prefetch(
            "route_roles",
            queryset=PlanRole.objects.filter(retired_at__isnull=True)
            .select_related("role", "transition")
            .order_by("position"),
        ),
        Prefetch(
            "steps",
            queryset=PlanStep.objects.select_related(
                "move__role", "transition_step__skill", "transition_step__certification", "added_by"
            ).order_by("move__position", "order"),
        ),
        # What apps built on planner show on the page (coaching: comments, suggestions, reviews).
        *extensions.plan_prefetches(),
    )


# --- Comparing routes --------------------------------------------------------------------


@dataclass
class RouteComparison:
    """What sets a set of ranked routes apart, for the new-plan page."""

    tied: bool  # every route scores the same on the chosen ranking: "best" would say nothing
    tied_on: str  # the figure they share, in words ("38–55 months", "3 moves")
    differs_in: list[str]  # what does differ between them, in words
    leader_label: str  # the badge for route 1 when it does lead ("" when tied)

    @property
    def differs_in_words(self) -> str:
        """The differences as one phrase: "moves, pay on the way and certifications"."""
        if len(self.differs_in) < 2:
            return "".join(self.differs_in)
        return ", ".join(self.differs_in[:-1]) + " and " + self.differs_in[-1]


RANKING_LEADER = {Plan.Ranking.TIME: "Fastest", Plan.Ranking.MOVES: "Fewest moves", Plan.Ranking.SALARY: "Best pay"}


def _ranking_key(route: engine.Route, by: str) -> object:
    if by == Plan.Ranking.MOVES:
        return route.moves
    if by == Plan.Ranking.SALARY:
        return route.salary_score
    return route.months_range


def route_certifications(route: engine.Route) -> list[str]:
    """The certifications a route still asks of the person (required steps they do not meet)."""
    return [
        step.step.title
        for step in route.steps
        if step.step.kind == TransitionStep.Kind.CERTIFICATION and not step.skipped and not step.step.optional
    ]


def route_comparison(routes: list[engine.Route], by: str) -> RouteComparison | None:
    """
    Say whether the routes tie on the chosen ranking and, if they do, what tells them apart.

    Routes ranked by time often share one range for a typical person (the longest move sets
    it), so the ranking badge is only worth showing when route 1 is ahead of route 2.
    """
    if not routes:
        return None
    keys = [_ranking_key(route, by) for route in routes]
    tied = len(routes) > 1 and len(set(keys)) == 1
    leads = len(routes) == 1 or keys[0] != keys[1]
    if by == Plan.Ranking.MOVES:
        shared = f"{routes[0].moves} move{'s' if routes[0].moves != 1 else ''}"
    elif by == Plan.Ranking.SALARY:
        shared = "the same pay on the way"
    else:
        low, high = routes[0].months_range
        shared = f"{low}–{high} months" if low != high else f"{low} months"
    differs = []
    if len({route.moves for route in routes}) > 1:
        differs.append("the number of moves")
    if len({route.salary_score for route in routes}) > 1:
        differs.append("pay on the way")
    if len({tuple(route_certifications(route)) for route in routes}) > 1:
        differs.append("certifications to earn")
    if len({sum(1 for step in route.steps if step.skipped) for route in routes}) > 1:
        differs.append("steps you already meet")
    if len({route.role_ids[1:-1] for route in routes}) > 1:
        differs.append("the roles on the way")
    return RouteComparison(
        tied=tied,
        tied_on=shared,
        differs_in=differs,
        leader_label=RANKING_LEADER.get(by, "Best") if leads and len(routes) > 1 else "",
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

    months_left = (sum(low for low, _ in step_remaining.values()), sum(high for _, high in step_remaining.values()))
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
            changes.append(f"{plan_role.role.title} was archived.")
    for previous, plan_role in zip(route_roles, route_roles[1:], strict=False):
        u, v = previous.role_id, plan_role.role_id
        if not G.has_edge(u, v) or not G.edges[u, v]["live"]:
            changes.append(f"The move {previous.role.title} → {plan_role.role.title} was archived.")
            continue
        move = G.edges[u, v]["move"]
        planned = {step.transition_step_id: step for step in steps if step.move_id == plan_role.pk}
        for graph_step in move.steps:
            if graph_step.id not in planned:
                changes.append(f"New step on the move to {plan_role.role.title}: {graph_step.title}.")
            elif planned[graph_step.id].title != graph_step.title:
                changes.append(f"Step renamed: “{planned[graph_step.id].title}” is now “{graph_step.title}”.")
        live_ids = {graph_step.id for graph_step in move.steps}
        for step in planned.values():
            if step.transition_step_id and step.transition_step_id not in live_ids:
                changes.append(f"Step “{step.title}” is no longer part of the move to {plan_role.role.title}.")
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

    _, best = min(enumerate(open_steps), key=key)
    return best, remaining[best.pk]
