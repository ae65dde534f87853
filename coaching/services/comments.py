"""
What coach and client write on a shared plan: comments, replies and reviews.
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
    Coaching,
    Comment,
    Notification,
    Review,
)
from coaching.services.notifications import notify
from planner.models import Plan, PlanStep


@transaction.atomic
def comment_create(
    *,
    plan: Plan,
    author: User,
    body: str,
    step: PlanStep | None = None,
    parent: Comment | None = None,
) -> Comment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    if step is not None and step.plan_id != plan.pk:
        raise ValidationError(_("That step is not on this plan."))
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise ValidationError(_("That comment is not on this plan."))
        # Replies stay one level deep and on the parent's step.
        parent = parent.parent or parent
        step = parent.step
    comment = Comment(plan=plan, author=author, body=body, step=step, parent=parent)
    comment.full_clean()
    comment.save()
    # Step and plan titles are written as they are (graph text, or what the owner typed).
    params = {"name": author.get_username(), "step": step.title if step else "", "plan": plan.title}
    commented = (
        gettext_lazy("%(name)s commented on “%(step)s” in “%(plan)s”.")
        if step
        else gettext_lazy("%(name)s commented in “%(plan)s”.")
    )
    if author.pk != plan.owner_id:
        notify(
            recipient=plan.owner,
            actor=author,
            kind=Notification.Kind.COMMENT,
            text=commented,
            params=params,
            url=f"{plan.get_absolute_url()}#comment-{comment.pk}",
        )
    elif parent is not None and parent.author_id != author.pk and parent.author is not None:
        notify(
            recipient=parent.author,
            actor=author,
            kind=Notification.Kind.COMMENT,
            text=gettext_lazy("%(name)s replied to your comment in “%(plan)s”."),
            params=params,
            url=f"{reverse('coaching:coach-plan', args=[plan.pk])}#comment-{comment.pk}",
        )
    elif parent is None:
        # The owner starts a thread: every coach who sees the plan now hears of it.
        for coaching in Coaching.objects.active().filter(client_id=plan.owner_id).select_related("coach"):
            if coaching.share_all or coaching.shared_plans.filter(pk=plan.pk).exists():
                notify(
                    recipient=coaching.coach,
                    actor=author,
                    kind=Notification.Kind.COMMENT,
                    text=commented,
                    params=params,
                    url=f"{reverse('coaching:coach-plan', args=[plan.pk])}#comment-{comment.pk}",
                )
    return comment


def comment_update(*, comment: Comment, by: User, body: str) -> Comment:
    if comment.author_id != by.pk or comment.is_deleted:
        raise ValidationError(_("You can only edit your own comments."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something, or delete the comment.")})
    comment.body = body
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_delete(*, comment: Comment, by: User) -> Comment:
    """Hide a comment's text; its place in the thread stays so replies still read right."""
    if comment.author_id != by.pk:
        raise ValidationError(_("You can only delete your own comments."))
    comment.deleted_at = timezone.now()
    comment.body = ""
    comment.save(update_fields=["deleted_at", "body"])
    return comment


def review_create(*, plan: Plan, author: User, verdict: str, message: str = "") -> Review:
    review = Review(plan=plan, author=author, verdict=verdict, message=(message or "").strip())
    review.full_clean()
    review.save()
    notify(
        recipient=plan.owner,
        actor=author,
        kind=Notification.Kind.REVIEW,
        text=gettext_lazy("%(name)s reviewed “%(plan)s”: looks good.")
        if review.verdict == Review.Verdict.LOOKS_GOOD
        else gettext_lazy("%(name)s reviewed “%(plan)s”: needs changes."),
        params={"name": author.get_username(), "plan": plan.title},
        url=f"{plan.get_absolute_url()}#reviews",
    )
    return review
