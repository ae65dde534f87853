"""
The only way views obtain a person's plan or profile.

"Not yours" and "not there" raise the same Http404, so nobody learns which plans exist.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.http import Http404

from planner.models import Coach, Coaching, Plan, Profile


def plan_get_for_owner(*, user: AbstractBaseUser, plan_id: int | str, queryset=None) -> Plan:
    """Return the user's plan with this id, or raise Http404."""
    if not user.is_authenticated:
        raise Http404("No such plan.")
    plan_id = as_id(plan_id)
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


# Ids are 64-bit database integers; a larger number in an address is simply not found.
MAX_ID = 2**63 - 1


def as_id(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404("Not found.") from None
    if not 0 < number <= MAX_ID:
        raise Http404("Not found.")
    return number


def coach_get_approved(*, user: AbstractBaseUser) -> Coach:
    """Return the user's approved coach record, or raise Http404 (the coach pages do not exist for others)."""
    if not user.is_authenticated:
        raise Http404("Not found.")
    coach = Coach.objects.filter(user=user, status=Coach.Status.APPROVED).first()
    if coach is None:
        raise Http404("Not found.")
    return coach


def coaching_get_for_coach(*, user: AbstractBaseUser, client_id) -> Coaching:
    """Return the coach's active coaching of this client, or raise Http404 ("not yours" = "not there")."""
    coach_get_approved(user=user)
    coaching = Coaching.objects.active().select_related("client").filter(coach=user, client_id=as_id(client_id)).first()
    if coaching is None:
        raise Http404("Not found.")
    return coaching


def coaching_get_for_client(*, user: AbstractBaseUser, coaching_id) -> Coaching:
    """Return one of the user's own coachings (as the client), or raise Http404."""
    if not user.is_authenticated:
        raise Http404("Not found.")
    coaching = Coaching.objects.select_related("coach").filter(pk=as_id(coaching_id), client=user).first()
    if coaching is None:
        raise Http404("Not found.")
    return coaching


def coaching_get_for_either(*, user: AbstractBaseUser, coaching_id) -> Coaching:
    """Return a coaching the user is part of (as client or coach), or raise Http404."""
    if not user.is_authenticated:
        raise Http404("Not found.")
    coaching = (
        Coaching.objects.select_related("coach", "client")
        .filter(Q(client=user) | Q(coach=user), pk=as_id(coaching_id))
        .first()
    )
    if coaching is None:
        raise Http404("Not found.")
    return coaching


def plan_shared_with(*, coaching: Coaching, plan: Plan) -> bool:
    return coaching.share_all or coaching.shared_plans.filter(pk=plan.pk).exists()


def plan_get_for_coach(*, user: AbstractBaseUser, plan_id, queryset=None) -> Plan:
    """
    Return a plan its owner shares with this coach now, or raise Http404.

    Checked on every request against the database, so a revoke takes effect on the very next one.
    """
    coach_get_approved(user=user)
    queryset = Plan.objects.all() if queryset is None else queryset
    plan = queryset.filter(pk=as_id(plan_id)).first()
    if plan is None or plan.owner_id == user.pk:
        raise Http404("Not found.")
    coaching = Coaching.objects.active().filter(coach=user, client_id=plan.owner_id).first()
    if coaching is None or not plan_shared_with(coaching=coaching, plan=plan):
        raise Http404("Not found.")
    return plan
