"""
The only way views obtain a person's plan or profile.

"Not yours" and "not there" raise the same Http404, so nobody learns which plans exist.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from planner.models import Plan, Profile


def plan_get_for_owner(*, user: AbstractBaseUser, plan_id: int | str, queryset=None) -> Plan:
    """Return the user's plan with this id, or raise Http404."""
    if not user.is_authenticated:
        raise Http404("No such plan.")
    try:
        plan_id = int(plan_id)
    except (TypeError, ValueError):
        raise Http404("No such plan.") from None
    queryset = Plan.objects.all() if queryset is None else queryset
    try:
        return queryset.get(pk=plan_id, owner=user)
    except Plan.DoesNotExist:
        raise Http404("No such plan.") from None


def profile_get_or_create_for_user(*, user: AbstractBaseUser) -> Profile:
    """Return the user's profile, creating an empty one on first use."""
    if not user.is_authenticated:
        raise Http404("No such profile.")
    profile, _ = Profile.objects.select_related("current_role").get_or_create(user=user)
    return profile
