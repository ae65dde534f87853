"""
The only way coaching views obtain a coaching, a coach's record, or a plan a coach may see.

"Not yours" and "not there" raise the same Http404, so nobody learns which coachings or plans exist.
"""

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404

from coaching.models import Coach, Coaching, CoachNote, Comment, Notification, Suggestion
from planner.access import as_id
from planner.models import Plan, ProfileSkill


def coach_get_approved(*, user: User) -> Coach:
    """Return the user's approved coach record, or raise Http404 (the coach pages do not exist for others)."""
    if not user.is_authenticated:
        raise Http404("Not found.")
    coach = Coach.objects.filter(user=user, status=Coach.Status.APPROVED).first()
    if coach is None:
        raise Http404("Not found.")
    return coach


def coaching_get_for_coach(*, user: User, client_id: int | str) -> Coaching:
    """Return the coach's active coaching of this client, or raise Http404 ("not yours" = "not there")."""
    coach_get_approved(user=user)
    coaching = Coaching.objects.active().select_related("client").filter(coach=user, client_id=as_id(client_id)).first()
    if coaching is None:
        raise Http404("Not found.")
    return coaching


def coaching_get_for_client(*, user: User, coaching_id: int | str) -> Coaching:
    """Return one of the user's own coachings (as the client), or raise Http404."""
    if not user.is_authenticated:
        raise Http404("Not found.")
    coaching = Coaching.objects.select_related("coach").filter(pk=as_id(coaching_id), client=user).first()
    if coaching is None:
        raise Http404("Not found.")
    return coaching


def coaching_get_for_either(*, user: User, coaching_id: int | str) -> Coaching:
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


def plan_get_for_coach(*, user: User, plan_id: int | str, queryset: QuerySet[Plan] | None = None) -> Plan:
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


def coaching_get_as_coach(*, user: User, coaching_id: int | str) -> Coaching:
    """Return a coaching (of any status) in which the approved coach ``user`` is the coach, or raise Http404."""
    coach_get_approved(user=user)
    coaching = coaching_get_for_either(user=user, coaching_id=coaching_id)
    if coaching.coach_id != user.pk:
        raise Http404("Not found.")
    return coaching


def note_get_for_coach(*, coaching: Coaching, note_id: int | str) -> CoachNote:
    """Return the coach's own note on this coaching's client, or raise Http404."""
    note = CoachNote.objects.filter(pk=as_id(note_id), coach_id=coaching.coach_id, client_id=coaching.client_id).first()
    if note is None:
        raise Http404("Not found.")
    return note


def client_skill_get_for_coach(*, coaching: Coaching, skill_id: int | str) -> ProfileSkill:
    """Return the client's rating of this skill, for the client's coach, or raise Http404."""
    row = (
        ProfileSkill.objects.filter(profile__user_id=coaching.client_id, skill_id=as_id(skill_id))
        .select_related("skill")
        .first()
    )
    if row is None:
        raise Http404("Not found.")
    return row


def comment_get_on_plan(*, plan: Plan, comment_id: int | str) -> Comment:
    """Return a comment on a plan the caller already obtained through an access function, or raise Http404."""
    comment = Comment.objects.filter(plan=plan, pk=as_id(comment_id)).first()
    if comment is None:
        raise Http404("Not found.")
    return comment


def suggestion_get_on_plan(*, plan: Plan, suggestion_id: int | str) -> Suggestion:
    """Return a suggestion on a plan the caller already obtained through an access function, or raise Http404."""
    suggestion = (
        Suggestion.objects.filter(plan=plan, pk=as_id(suggestion_id)).select_related("author", "move", "step").first()
    )
    if suggestion is None:
        raise Http404("Not found.")
    suggestion.plan = plan
    return suggestion


def notification_get_for_recipient(*, user: User, notification_id: int | str) -> Notification:
    if not user.is_authenticated:
        raise Http404("Not found.")
    notification = Notification.objects.filter(pk=as_id(notification_id), recipient=user).first()
    if notification is None:
        raise Http404("Not found.")
    return notification
