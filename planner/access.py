"""
The only way views obtain a person's plan or profile.

"Not yours" and "not there" raise the same Http404, so nobody learns which plans exist. A plan in
the bin is "not there" for every function but ``plan_get_in_bin_for_owner`` (``Plan.objects`` hides
it; see ``PlanManager``).
"""

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from planner.models import Plan, PlanStep, Profile


def plan_get_for_owner(*, user: User, plan_id: int | str, queryset: QuerySet[Plan] | None = None) -> Plan:
    """Return the user's plan with this id, or raise Http404."""
    if not user.is_authenticated:
        raise Http404("No such plan.")
    plan_id = as_id(plan_id)
    queryset = Plan.objects.all() if queryset is None else queryset
    try:
        return queryset.get(pk=plan_id, owner=user)
    except Plan.DoesNotExist:
        raise Http404("No such plan.") from None


def plan_get_in_bin_for_owner(*, user: User, plan_id: int | str) -> Plan:
    """Return the user's plan with this id from their bin, or raise Http404 (a live plan is not in the bin)."""
    if not user.is_authenticated:
        raise Http404("No such plan.")
    try:
        return Plan.with_bin.in_bin().get(pk=as_id(plan_id), owner=user)
    except Plan.DoesNotExist:
        raise Http404("No such plan.") from None


def profile_get_or_create_for_user(*, user: User) -> Profile:
    """Return the user's profile, creating an empty one on first use."""
    if not user.is_authenticated:
        raise Http404("No such profile.")
    profile, _ = Profile.objects.select_related("current_role").get_or_create(user=user)
    return profile


# Ids are 64-bit database integers; a larger number in an address is simply not found.
MAX_ID = 2**63 - 1


def as_id(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404("Not found.") from None
    if not 0 < number <= MAX_ID:
        raise Http404("Not found.")
    return number


def step_get_on_plan(*, plan: Plan, step_id: int | str) -> PlanStep:
    """Return a step of a plan the caller obtained through an access function, or raise Http404."""
    step = plan.steps.filter(pk=as_id(step_id)).first()
    if step is None:
        raise Http404("No such step.")
    return step
