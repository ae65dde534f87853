"""
A person's plans: lists, the bin, the plan page's queryset, the routes a plan could take instead, and
what deleting the account removes. Each runs a fixed number of queries whatever the list's size.
"""

from __future__ import annotations

import contextlib

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import ngettext

from planner import extensions
from planner.models import Plan, PlanRole, PlanStep, Profile
from planner.selectors.people import person_from_profile
from planner.wording import month_range_words
from roles import engine
from roles.selectors import graph_get


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
        choices.append(
            (
                ",".join(G.nodes[role_id]["slug"] for role_id in route.role_ids),
                ngettext(
                    "%(roles)s (%(moves)s move, %(months)s)", "%(roles)s (%(moves)s moves, %(months)s)", route.moves
                )
                % {"roles": titles, "moves": route.moves, "months": month_range_words(route.months_range)},
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
    if plans["binned"]:
        line = ngettext(
            "Your account, your profile (where you stand, your skills and certifications) and your "
            "%(total)s plan, %(binned)s of them in the bin, with their steps, dates and notes, are deleted at once.",
            "Your account, your profile (where you stand, your skills and certifications) and your "
            "%(total)s plans, %(binned)s of them in the bin, with their steps, dates and notes, are deleted at once.",
            plans["total"],
        )
    else:
        line = ngettext(
            "Your account, your profile (where you stand, your skills and certifications) and your "
            "%(total)s plan, with their steps, dates and notes, are deleted at once.",
            "Your account, your profile (where you stand, your skills and certifications) and your "
            "%(total)s plans, with their steps, dates and notes, are deleted at once.",
            plans["total"],
        )
    lines = [line % {"total": plans["total"], "binned": plans["binned"]}]
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
            # The graph's step only for its archived flag: its skill and certification never show.
            queryset=PlanStep.objects.select_related("move__role", "transition_step", "added_by").order_by(
                "move__position", "order"
            ),
        ),
        # What apps built on planner show on the page (coaching: comments, suggestions, reviews).
        *extensions.plan_prefetches(),
    )
