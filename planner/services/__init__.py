"""
Every write to people's data: plans here, profiles in ``profiles`` (re-exported here).

Functions are keyword-only and atomic; they check what they are given against the role graph as
it is now, and raise ValidationError with a message a person can act on.
"""

from __future__ import annotations

import dataclasses
import datetime

import networkx as nx
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import extensions
from planner.models import BIN_DAYS, Plan, PlanRole, PlanStep, Profile
from planner.selectors import person_from_profile, start_role_id
from planner.services.profiles import CertificationHeld as CertificationHeld
from planner.services.profiles import profile_language_set as profile_language_set
from planner.services.profiles import profile_update as profile_update
from planner.wording import route_error_words
from roles import engine
from roles.engine import Person
from roles.models import Role
from roles.selectors import graph_get

MAX_PLANS = 50
PLAN_TITLE_MAX_LENGTH = 120


def plan_lock(*, plan: Plan) -> Plan:
    """
    Lock the plan's row until the transaction ends and return it as saved now.

    Every change to several rows of a plan (its route, its steps' order) takes this lock first,
    so two requests on one plan (a double click, two tabs) run one after the other, and the
    second sees what the first did. Call it inside ``transaction.atomic``.
    """
    return Plan.objects.select_for_update().get(pk=plan.pk)


def plan_title_clean(title: str) -> str:
    """
    Return a plan's title on one line, or raise ValidationError.

    A title goes into email subjects and calendar headers, where a line break would end the
    header; PostgreSQL refuses a NUL character in text.
    """
    try:
        ProhibitNullCharactersValidator()(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from None
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the plan a name.")})
    return title[:PLAN_TITLE_MAX_LENGTH]


@transaction.atomic
def account_delete(*, user: User) -> None:
    """
    Delete a person's account and everything that is theirs alone: profile, plans (the bin too).

    Apps built on planner first settle what they hold (coaching ends open coachings on the record
    and keeps what a coach wrote on a client's plan, attributed to "a former coach"); then the
    database's on_delete rules, chosen per foreign key, do the rest. The caller has checked the
    password again.
    """
    extensions.account_deletion_prepare(user=user)
    user.delete()


def person_at_start(profile: Profile | None, start: Role | None) -> Person:
    """The person, standing at ``start`` when given (the new-plan page's "from") instead of their profile's role."""
    person = person_from_profile(profile)
    return person if start is None else dataclasses.replace(person, current_role_id=start.pk)


def routes_for_person(
    *,
    profile: Profile | None,
    target: Role,
    by: str,
    k: int = 3,
    start: Role | None = None,
    person: Person | None = None,
) -> tuple[nx.DiGraph, int, list[engine.Route]]:
    """
    Return the graph, the start role id and up to k routes to the target, best first for the person.

    ``person`` is ``person_at_start(profile, start)`` when the caller has worked it out already, so
    a page reads the profile's skills and certifications once.
    """
    G = graph_get()
    if person is None:
        person = person_at_start(profile, start)
    source = start_role_id(G, person)
    routes = engine.k_best_routes(G, source, target.pk, k=k, by=by, person=person)
    return G, source, routes


@transaction.atomic
def plan_create(
    *,
    owner: User,
    profile: Profile | None,
    route_slugs: list[str],
    by: str,
    title: str = "",
    start: Role | None = None,
) -> Plan:
    """
    Make a plan from a route the person picked; its steps come from the route's moves.

    The route is checked against the graph as it is now: every role and move must still be there.
    Steps the person already meets start as skipped, marked as met. With ``start``, the route
    starts there (a role picked on the new-plan page) instead of at the profile's current role.
    """
    # One plan creation at a time per person, so two at once cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
    if Plan.objects.filter(owner=owner, archived_at__isnull=True).count() >= MAX_PLANS:
        raise ValidationError(_("You have %(count)s active plans; archive or delete one first.") % {"count": MAX_PLANS})
    G = graph_get()
    person = person_at_start(profile, start)
    role_ids = _checked_route(
        G,
        route_slugs=route_slugs,
        start_id=start_role_id(G, person),
        not_start_message=_("This route does not start where you stand. Update your profile or pick again."),
    )

    route = engine.evaluate_route(G, role_ids, person=person)
    roles = Role.objects.in_bulk(role_ids)
    target = roles[role_ids[-1]]
    plan = Plan(
        owner=owner,
        title=plan_title_clean(title or _("Toward %(role)s") % {"role": target.title}),
        start_role=roles[role_ids[0]],
        target_role=target,
        ranking=by,
        graph_revision=G.graph.get("revision", 0),
    )
    plan.full_clean()
    plan.save()

    plan_roles = PlanRole.objects.bulk_create(
        [
            PlanRole(
                plan=plan,
                position=position,
                role=roles[role_id],
                transition_id=route.transition_ids[position - 1] if position else None,
            )
            for position, role_id in enumerate(role_ids)
        ]
    )
    now = timezone.now()
    steps = []
    for leg, plan_role in zip(route.legs, plan_roles[1:], strict=True):
        for order, route_step in enumerate(leg.steps, start=1):
            steps.append(_plan_step(G, plan=plan, move=plan_role, order=order, route_step=route_step, now=now))
    PlanStep.objects.bulk_create(steps)
    return plan


def _plan_step(
    G: nx.DiGraph, *, plan: Plan, move: PlanRole, order: int, route_step: engine.RouteStep, now: datetime.datetime
) -> PlanStep:
    """A plan's copy of a graph step; a step the person already meets starts as skipped."""
    step = route_step.step
    return PlanStep(
        plan=plan,
        move=move,
        transition_step_id=step.id,
        order=order,
        kind=step.kind,
        title=step.title,
        description=_step_description(G, step),
        months_min=step.months_min,
        months_max=step.months_max,
        met_at_creation=route_step.skipped,
        status=PlanStep.Status.SKIPPED if route_step.skipped else PlanStep.Status.TODO,
        completed_at=now if route_step.skipped else None,
    )


def _step_description(G: nx.DiGraph, step: engine.StepData) -> str:
    """Keep what the step asks for in the plan's own words, so it reads the same if the graph changes."""
    parts = []
    skill = G.graph["skills"].get(step.skill_id)
    if skill is not None:
        parts.append(f"{skill.name} at level {step.skill_level}.")
    certification = G.graph["certifications"].get(step.certification_id)
    if certification is not None:
        parts.append(f"{certification.name}.")
    if step.optional:
        parts.append("Optional: it helps, but the move does not require it.")
    return " ".join(parts)


class StepConflict(Exception):
    """
    The step was saved (from another tab or by an accepted suggestion) after the form was opened,
    and differs from what the form sends: saving would overwrite that change unseen.

    ``step`` is the step as saved now; its ``version`` is what a form that keeps the person's
    values carries to save over it knowingly.
    """

    def __init__(self, *, step: PlanStep):
        self.step = step
        super().__init__(f"“{step.title}” was changed elsewhere.")


@transaction.atomic
def plan_step_update(
    *,
    step: PlanStep,
    status: str,
    target_date: datetime.date | None,
    note: str,
    expected_version: int | None = None,
) -> PlanStep:
    """
    Change a step's status, target date and note; record when it was closed.

    With ``expected_version`` (the version the form was opened at), raise StepConflict if the
    step was saved since with other values than these; saving the same values is no conflict.
    """
    if status not in PlanStep.Status.values:
        raise ValidationError({"status": _("Choose to do, doing, done or skipped.")})
    step = PlanStep.objects.select_for_update().get(pk=step.pk)
    stale = expected_version is not None and step.version != expected_version
    if stale and (step.status, step.target_date, step.note) != (status, target_date, note):
        raise StepConflict(step=step)
    was_closed = step.is_closed
    step.status = status
    step.target_date = target_date
    step.note = note
    if step.is_closed and not was_closed:
        step.completed_at = timezone.now()
    elif not step.is_closed:
        step.completed_at = None
    step.full_clean(exclude=["plan", "move", "transition_step"])
    step.save(update_fields=["status", "target_date", "note", "completed_at", "updated_at"])
    Plan.objects.filter(pk=step.plan_id).update(updated_at=timezone.now())
    return step


def plan_rename(*, plan: Plan, title: str) -> Plan:
    plan.title = plan_title_clean(title)
    plan.save(update_fields=["title", "updated_at"])
    return plan


def plan_set_archived(*, plan: Plan, archived: bool) -> Plan:
    """Archive a plan (it leaves the list and stops being shared as active) or restore it."""
    plan.archived_at = timezone.now() if archived else None
    plan.save(update_fields=["archived_at", "updated_at"])
    return plan


def plan_move_to_bin(*, plan: Plan) -> Plan:
    """Put a plan in the bin: it disappears from every page, and comes back if restored within BIN_DAYS."""
    plan.deleted_at = timezone.now()
    plan.save(update_fields=["deleted_at"])
    return plan


@transaction.atomic
def plan_restore_from_bin(*, plan: Plan) -> Plan:
    """Bring a plan back from the bin, as it was (archived or not, shared as before)."""
    if not plan.is_archived and Plan.objects.active().filter(owner_id=plan.owner_id).count() >= MAX_PLANS:
        raise ValidationError(
            _("You have %(count)s active plans; archive or delete one before restoring this one.")
            % {"count": MAX_PLANS}
        )
    plan.deleted_at = None
    plan.save(update_fields=["deleted_at", "updated_at"])
    return plan


@transaction.atomic
def plan_delete_forever(*, plan: Plan) -> None:
    """Delete a plan for good, with its steps, notes and everything written about it."""
    plan.delete()


@transaction.atomic
def plan_bin_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete for good the plans that have been in the bin for more than BIN_DAYS; return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=BIN_DAYS)
    expired = Plan.with_bin.in_bin().filter(deleted_at__lt=cutoff)
    count = expired.count()
    expired.delete()
    return count


def _checked_route(
    G: nx.DiGraph,
    *,
    route_slugs: list[str],
    start_id: int,
    not_start_message: str = "",
) -> list[int]:
    """Return the role ids of a route that is live in the graph now, or raise ValidationError."""
    try:
        role_ids = [engine.role_id_for_slug(G, slug) for slug in route_slugs]
    except engine.UnknownRole:
        raise ValidationError(_("This route is no longer in the role graph. Pick one of the routes shown.")) from None
    if len(set(role_ids)) != len(role_ids) or len(role_ids) < 2:
        raise ValidationError(_("A route visits each role once and makes at least one move."))
    for role_id in role_ids:
        if G.nodes[role_id]["archived"]:
            raise ValidationError(
                _("“%(role)s” is no longer offered. Pick another route.") % {"role": G.nodes[role_id]["title"]}
            )
    for u, v in zip(role_ids, role_ids[1:], strict=False):
        if not G.has_edge(u, v) or not G.edges[u, v]["live"]:
            raise ValidationError(_("This route is no longer in the role graph. Pick one of the routes shown."))
    if role_ids[0] != start_id:
        raise ValidationError(not_start_message or _("This route does not start where the plan starts."))
    return role_ids


@transaction.atomic
def plan_reroute(*, plan: Plan, profile: Profile | None, route_slugs: list[str] | None = None) -> Plan:
    """
    Bring a plan onto a new route (given, or the best one now), keeping everything the person did.

    Steps of moves that stay on the route keep their status, dates and notes, and steps a coach
    added go with their move. The earlier route's rows are retired, not deleted: any step on them
    that was done, skipped, started, dated or noted stays visible under "your earlier route";
    only untouched steps of dropped moves go.

    Runs under the plan's lock; bringing a plan onto the route it is already on, with the steps
    it already has, changes nothing (a second click, a second tab).
    """
    plan = plan_lock(plan=plan)
    G = graph_get()
    person = person_from_profile(profile)
    start_id = plan.start_role_id
    if route_slugs is None:
        try:
            best = engine.k_best_routes(G, start_id, plan.target_role_id, k=1, by=plan.ranking, person=person)
        except engine.RouteError as error:
            raise ValidationError(
                _("There is no route to %(role)s in the graph now: %(reason)s")
                % {"role": plan.target_role.title, "reason": route_error_words(error)}
            ) from None
        role_ids = list(best[0].role_ids)
    else:
        role_ids = _checked_route(G, route_slugs=route_slugs, start_id=start_id)
    route = engine.evaluate_route(G, role_ids, person=person)

    now = timezone.now()
    old_moves = list(plan.route_roles.filter(retired_at__isnull=True).order_by("position"))
    old_steps = list(PlanStep.objects.filter(plan=plan).select_related("move"))
    if _on_route(old_moves, old_steps, role_ids=role_ids, route=route):
        plan.graph_revision = G.graph.get("revision", 0)
        plan.save(update_fields=["graph_revision", "updated_at"])
        return plan
    by_graph_step = {step.transition_step_id: step for step in old_steps if step.transition_step_id}
    added_by_transition: dict[int, list[PlanStep]] = {}
    for step in old_steps:
        if step.transition_step_id is None and step.move.transition_id and step.move.retired_at is None:
            added_by_transition.setdefault(step.move.transition_id, []).append(step)

    PlanRole.objects.filter(pk__in=[move.pk for move in old_moves]).update(retired_at=now)
    base = (plan.route_roles.aggregate(top=models.Max("position"))["top"] or 0) + 1
    roles = Role.objects.in_bulk(role_ids)
    new_moves = PlanRole.objects.bulk_create(
        [
            PlanRole(
                plan=plan,
                position=base + index,
                role=roles[role_id],
                transition_id=route.transition_ids[index - 1] if index else None,
            )
            for index, role_id in enumerate(role_ids)
        ]
    )
    kept: set[int] = set()
    creates = []
    for leg, move in zip(route.legs, new_moves[1:], strict=True):
        order = 0
        for route_step in leg.steps:
            order += 1
            graph_step = route_step.step
            existing = by_graph_step.get(graph_step.id)
            if existing is not None:
                existing.move = move
                existing.order = order
                existing.title = graph_step.title
                existing.months_min, existing.months_max = graph_step.months_min, graph_step.months_max
                existing.save(update_fields=["move", "order", "title", "months_min", "months_max", "updated_at"])
                kept.add(existing.pk)
                continue
            creates.append(_plan_step(G, plan=plan, move=move, order=order, route_step=route_step, now=now))
        # Every move after the start is made along a transition; only the start's has none.
        added_here = added_by_transition.get(move.transition_id, []) if move.transition_id is not None else []
        for added in added_here:
            order += 1
            added.move = move
            added.order = order
            added.save(update_fields=["move", "order", "updated_at"])
            kept.add(added.pk)
    # Orders on retired moves may clash with nothing: each move numbers its own steps.
    PlanStep.objects.bulk_create(creates)
    # Steps another app keeps (coaching: a step someone commented on).
    discussed = extensions.kept_step_ids(plan_id=plan.pk)
    untouched = [
        step.pk
        for step in old_steps
        if step.pk not in kept
        and step.status == PlanStep.Status.TODO
        and not step.note
        and step.target_date is None
        and step.added_by_id is None
        and step.pk not in discussed
    ]
    PlanStep.objects.filter(pk__in=untouched).delete()
    plan.graph_revision = G.graph.get("revision", 0)
    plan.target_role = roles[role_ids[-1]]
    plan.save(update_fields=["graph_revision", "target_role", "updated_at"])
    return plan


def _on_route(moves: list[PlanRole], steps: list[PlanStep], *, role_ids: list[int], route: engine.Route) -> bool:
    """Whether the plan's live moves and their graph steps are already exactly this route's."""
    if [move.role_id for move in moves] != role_ids:
        return False
    if [move.transition_id for move in moves[1:]] != list(route.transition_ids):
        return False
    on_move: dict[int, list[PlanStep]] = {}
    for step in sorted(steps, key=lambda step: step.order):
        if step.transition_step_id is not None:
            on_move.setdefault(step.move_id, []).append(step)
    for leg, move in zip(route.legs, moves[1:], strict=True):
        wanted = [
            (route_step.step.id, route_step.step.title, route_step.step.months_min, route_step.step.months_max)
            for route_step in leg.steps
        ]
        have = [(s.transition_step_id, s.title, s.months_min, s.months_max) for s in on_move.get(move.pk, [])]
        if have != wanted:
            return False
    return True
