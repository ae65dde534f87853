"""
Becoming a coach: applying, a staff decision, and staff making a coach directly.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coaching.models import (
    Coach,
    Notification,
)
from coaching.services.notifications import notify


def user_is_coach(user: User) -> bool:
    return bool(user.is_authenticated and Coach.objects.filter(user=user, status=Coach.Status.APPROVED).exists())


@transaction.atomic
def coach_apply(*, user: User, bio: str) -> Coach:
    """Apply to coach (again, after a rejection); staff decide."""
    coach, created = Coach.objects.get_or_create(user=user, defaults={"bio": bio})
    if not created:
        if coach.is_approved:
            raise ValidationError(_("You are already a coach."))
        coach.bio = bio
        coach.status = Coach.Status.APPLIED
        coach.decided_at = None
        coach.decided_by = None
    coach.full_clean()
    coach.save()
    return coach


@transaction.atomic
def coach_decide(*, coach: Coach, approve: bool, by: User) -> Coach:
    # A decision already recorded as approval is not news (the admin saves the status before this runs).
    was_approved = coach.is_approved and coach.decided_at is not None
    coach.status = Coach.Status.APPROVED if approve else Coach.Status.REJECTED
    coach.decided_at = timezone.now()
    coach.decided_by = by
    coach.save(update_fields=["status", "decided_at", "decided_by"])
    if approve and not was_approved:
        notify(
            recipient=coach.user,
            actor=None,
            kind=Notification.Kind.COACHING,
            text=gettext_lazy("You are now a CareerPath coach: invite clients from your dashboard."),
            url=reverse("coaching:coach-dashboard"),
        )
    elif not approve:
        notify(
            recipient=coach.user,
            actor=None,
            kind=Notification.Kind.COACHING,
            text=gettext_lazy("Your application to coach was not approved this time. You may apply again."),
            url=reverse("coaching:coach-apply"),
        )
    return coach


@transaction.atomic
def coach_make(*, user: User, by: User) -> Coach:
    """Staff make a person a coach without an application."""
    coach, _created = Coach.objects.get_or_create(user=user)
    return coach_decide(coach=coach, approve=True, by=by)
