"""
What coaching holds of one person, for their data export and the account page's deletion summary.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coaching.models import (
    FORMER_COACH,
    Coach,
    Coaching,
    CoachInvitation,
    CoachNote,
    Comment,
    ConsentEvent,
    Notification,
    Review,
    Suggestion,
)


def _name(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else FORMER_COACH


def _when(moment: datetime.datetime | datetime.date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _record(coaching: Coaching) -> list[dict]:
    return [
        {"action": event.action, "by": _name(event.actor), "detail": event.detail, "at": _when(event.created_at)}
        for event in coaching.events.all()
    ]


def coaching_export(user: AbstractBaseUser) -> list[dict]:
    """The person's coachings as the client, with their consent record, for the data export."""
    coachings = (
        Coaching.objects.filter(client=user)
        .select_related("coach")
        .prefetch_related("shared_plans", Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")))
        .order_by("created_at", "id")
    )
    return [
        {
            "coach": _name(coaching.coach),
            "status": coaching.status,
            "share_all": coaching.share_all,
            "shared_plans": [plan.title for plan in coaching.shared_plans.all()],
            "record": _record(coaching),
        }
        for coaching in coachings
    ]


def clients_export(user: AbstractBaseUser) -> list[dict]:
    """The person's coachings as the coach, with their consent record, for the data export."""
    coachings = (
        Coaching.objects.filter(coach=user)
        .select_related("client")
        .prefetch_related(Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")))
        .order_by("created_at", "id")
    )
    return [
        {
            "client": coaching.client.get_username(),
            "status": coaching.status,
            "invited_by": coaching.invited_by,
            "accepted_at": _when(coaching.accepted_at),
            "ended_at": _when(coaching.ended_at),
            "record": _record(coaching),
        }
        for coaching in coachings
    ]


def coach_export(user: AbstractBaseUser) -> dict | None:
    """The person's application to coach and their invitation codes, or None if they never applied."""
    coach = Coach.objects.filter(user=user).first()
    if coach is None:
        return None
    return {
        "status": coach.status,
        "bio": coach.bio,
        "applied_at": _when(coach.applied_at),
        "decided_at": _when(coach.decided_at),
        "invitation_codes": [
            {
                "code": invitation.code,
                "created_at": _when(invitation.created_at),
                "expires_at": _when(invitation.expires_at),
                "used_at": _when(invitation.used_at),
                "used_by": invitation.used_by.get_username() if invitation.used_by else None,
            }
            for invitation in CoachInvitation.objects.filter(coach=user).select_related("used_by")
        ],
    }


def _comment(comment: Comment) -> dict:
    return {
        "plan": comment.plan.title,
        "step": comment.step.title if comment.step else None,
        "author": _name(comment.author),
        "body": comment.body,
        "created_at": _when(comment.created_at),
        "edited_at": _when(comment.edited_at),
    }


def comments_export(user: AbstractBaseUser) -> list[dict]:
    """The comments the person wrote, on their plans and their clients', for the data export."""
    comments = Comment.objects.filter(author=user, deleted_at__isnull=True).select_related("plan", "step", "author")
    return [_comment(comment) for comment in comments]


def comments_received_export(user: AbstractBaseUser) -> list[dict]:
    """What others (their coaches) wrote on the person's plans, for the data export."""
    comments = (
        Comment.objects.filter(plan__owner=user, deleted_at__isnull=True)
        .exclude(author=user)
        .select_related("plan", "step", "author")
    )
    return [_comment(comment) for comment in comments]


def _suggestion(suggestion: Suggestion) -> dict:
    return {
        "plan": suggestion.plan.title,
        "author": _name(suggestion.author),
        "kind": suggestion.kind,
        "title": suggestion.title,
        "step": suggestion.step.title if suggestion.step else None,
        "target_date": _when(suggestion.target_date),
        "route": suggestion.route.split(",") if suggestion.route else [],
        "message": suggestion.message,
        "status": suggestion.status,
        "created_at": _when(suggestion.created_at),
        "decided_at": _when(suggestion.decided_at),
    }


def _review(review: Review) -> dict:
    return {
        "plan": review.plan.title,
        "author": _name(review.author),
        "verdict": review.verdict,
        "message": review.message,
        "created_at": _when(review.created_at),
    }


def suggestions_export(user: AbstractBaseUser) -> dict:
    """Suggestions the person made (as a coach) and received (on their plans), for the data export."""
    suggestions = Suggestion.objects.select_related("plan", "author", "step").order_by("created_at", "id")
    return {
        "given": [_suggestion(row) for row in suggestions.filter(author=user)],
        "received": [_suggestion(row) for row in suggestions.filter(plan__owner=user)],
    }


def reviews_export(user: AbstractBaseUser) -> dict:
    """Reviews the person wrote (as a coach) and received (on their plans), for the data export."""
    reviews = Review.objects.select_related("plan", "author").order_by("created_at", "id")
    return {
        "given": [_review(row) for row in reviews.filter(author=user)],
        "received": [_review(row) for row in reviews.filter(plan__owner=user)],
    }


def coach_notes_export(user: AbstractBaseUser) -> list[dict]:
    """
    The private notes the person wrote as a coach, for the data export.

    Notes a coach wrote about the person are the coach's, private by design: they are in the
    coach's export, not the client's.
    """
    return [
        {
            "client": note.client.get_username(),
            "body": note.body,
            "created_at": _when(note.created_at),
            "updated_at": _when(note.updated_at),
        }
        for note in CoachNote.objects.filter(coach=user).select_related("client").order_by("created_at", "id")
    ]


def notifications_export(user: AbstractBaseUser) -> list[dict]:
    return [
        {
            "kind": notification.kind,
            "text": notification.text,
            "url": notification.url,
            "from": notification.actor.get_username() if notification.actor else None,
            "created_at": _when(notification.created_at),
            "read_at": _when(notification.read_at),
        }
        for notification in Notification.objects.filter(recipient=user)
        .select_related("actor")
        .order_by("created_at", "id")
    ]


def account_deletion_summary(user: AbstractBaseUser) -> list[str]:
    """What deleting the person's account does to their coaching, in sentences (see planner.extensions)."""
    lines = []
    as_client = Coaching.objects.open().filter(client=user).count()
    if as_client:
        lines.append(
            ngettext(
                "Your %(count)d coaching ends at once, with its record. The plans you share with coaches are "
                "deleted with the rest, comments and suggestions on them included: your coach sees nothing more, "
                "and is told you left.",
                "Your %(count)d coachings end at once, with their record. The plans you share with coaches are "
                "deleted with the rest, comments and suggestions on them included: your coaches see nothing more, "
                "and are told you left.",
                as_client,
            )
            % {"count": as_client}
        )
    as_coach = Coaching.objects.open().filter(coach=user).count()
    wrote = Comment.objects.filter(author=user).exclude(plan__owner=user).exists()
    if as_coach:
        lines.append(
            ngettext(
                "Your coaching of %(count)d client ends, and they are told.",
                "Your coaching of %(count)d clients ends, and they are told.",
                as_coach,
            )
            % {"count": as_coach}
        )
    if Coach.objects.filter(user=user).exists() or wrote:
        lines.append(
            _(
                "Your clients keep the record of your coaching, and the comments, suggestions, reviews and verified "
                "skill levels you gave stay on their plans, shown as from “a former coach”. Your private notes on "
                "clients, your coach application and your invitation codes are deleted."
            )
        )
    lines.append(_("Your notifications are deleted."))
    return lines
