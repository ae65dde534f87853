"""
Services for coaching: applying to coach, consent between a client and a coach, and what a
coach may do with a shared plan (comments, suggestions, reviews, skill verification, notes).

Every grant, change and revoke of consent is recorded as a ConsentEvent. Coaches never write a
plan's data; a suggestion changes the plan only when its owner accepts it.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
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
from planner.models import NOTE_MAX_LENGTH, Plan, PlanRole, PlanStep, Profile, ProfileSkill
from planner.services import plan_lock, plan_reroute
from roles.models import Skill, TransitionStep

logger = logging.getLogger(__name__)

INVITATION_DAYS = 14
MAX_OPEN_INVITATIONS = 50


# --- Becoming a coach ---------------------------------------------------------------------


def user_is_coach(user: User) -> bool:
    return bool(user.is_authenticated and Coach.objects.filter(user=user, status=Coach.Status.APPROVED).exists())


@transaction.atomic
def coach_apply(*, user: User, bio: str) -> Coach:
    """Apply to coach (again, after a rejection); staff decide."""
    coach, created = Coach.objects.get_or_create(user=user, defaults={"bio": bio})
    if not created:
        if coach.is_approved:
            raise ValidationError("You are already a coach.")
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
            text="You are now a CareerPath coach: invite clients from your dashboard.",
            url=reverse("coaching:coach-dashboard"),
        )
    elif not approve:
        notify(
            recipient=coach.user,
            actor=None,
            kind=Notification.Kind.COACHING,
            text="Your application to coach was not approved this time. You may apply again.",
            url=reverse("coaching:coach-apply"),
        )
    return coach


@transaction.atomic
def coach_make(*, user: User, by: User) -> Coach:
    """Staff make a person a coach without an application."""
    coach, _ = Coach.objects.get_or_create(user=user)
    return coach_decide(coach=coach, approve=True, by=by)


# --- Consent ------------------------------------------------------------------------------


def _event(coaching: Coaching, actor: User, action: str, detail: str = "") -> None:
    ConsentEvent.objects.create(coaching=coaching, actor=actor, action=action, detail=detail[:500])


def _open_coaching_exists(client: User, coach: User) -> bool:
    return Coaching.objects.open().filter(client=client, coach=coach).exists()


def _user_by_email(email: str) -> User | None:
    email = (email or "").strip()
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("id").first()


def _coaching_create_once(already: ValidationError, **fields: object) -> Coaching:
    """Create a coaching, or raise ``already`` if an open one between the pair was created meanwhile."""
    try:
        with transaction.atomic():
            return Coaching.objects.create(**fields)
    except IntegrityError:
        raise already from None


def _coaching_lock(coaching: Coaching) -> Coaching:
    """
    Lock the coaching's row and return it as saved now.

    Answers to one coaching (accept, decline, end, what is shared) take turns, so a double click
    records one event, not two, and the second answer sees the first.
    """
    return Coaching.objects.select_for_update().get(pk=coaching.pk)


def _coaching_invite(
    *, client: User, coach: User, invited_by: str, actor: User, recipient: User, text: str, url: str
) -> Coaching:
    """Open an invitation between two people, record it and tell the one who must answer."""
    if client.pk == coach.pk:
        raise ValidationError({"email": "You cannot coach yourself."})
    already = ValidationError({"email": "You already have an invitation or access with this person."})
    if _open_coaching_exists(client, coach):
        raise already
    # The check above and this insert race with the same invitation sent at once (a double
    # click): the database's one-open-per-pair constraint decides, and the loser hears why.
    coaching = _coaching_create_once(already, client=client, coach=coach, invited_by=invited_by)
    _event(coaching, actor, ConsentEvent.Action.INVITED, f"{actor.get_username()} invited {recipient.get_username()}")
    notify(recipient=recipient, actor=actor, kind=Notification.Kind.COACHING, text=text, url=url)
    return coaching


@transaction.atomic
def coaching_invite_coach(*, client: User, email: str) -> Coaching:
    """A client asks an approved coach, by email, to coach them; the coach accepts or declines."""
    coach = _user_by_email(email)
    if coach is None or not user_is_coach(coach):
        raise ValidationError(
            {"email": "No approved coach uses that email address. Ask your coach for an invitation code."}
        )
    return _coaching_invite(
        client=client,
        coach=coach,
        invited_by=Coaching.Side.CLIENT,
        actor=client,
        recipient=coach,
        text=f"{client.get_username()} asked you to be their coach.",
        url=reverse("coaching:coach-dashboard"),
    )


@transaction.atomic
def coaching_invite_client(*, coach: User, email: str) -> Coaching | None:
    """
    A coach invites a person by email; the person accepts or declines on their coaching page.

    Return None, without telling the coach, when nobody uses the address: whether a person has
    an account is theirs to say.
    """
    if not user_is_coach(coach):
        raise ValidationError("Only approved coaches can invite clients.")
    client = _user_by_email(email)
    if client is None:
        return None
    return _coaching_invite(
        client=client,
        coach=coach,
        invited_by=Coaching.Side.COACH,
        actor=coach,
        recipient=client,
        text=f"{coach.get_username()} offered to coach you. Accept or decline on your coaching page.",
        url=reverse("coaching:coaching"),
    )


def invitation_create(*, coach: User, days: int = INVITATION_DAYS) -> CoachInvitation:
    """Return a new single-use code that expires after ``days`` days."""
    if not user_is_coach(coach):
        raise ValidationError("Only approved coaches can create invitation codes.")
    open_count = CoachInvitation.objects.filter(
        coach=coach, used_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    if open_count >= MAX_OPEN_INVITATIONS:
        raise ValidationError(f"You have {MAX_OPEN_INVITATIONS} unused codes; let some be used or expire first.")
    return CoachInvitation.objects.create(
        coach=coach,
        code=secrets.token_urlsafe(9),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


@transaction.atomic
def invitation_redeem(*, client: User, code: str) -> Coaching:
    """Use a coach's code: the client grants the coach access to all their plans (changeable later)."""
    code = (code or "").strip()
    invitation = CoachInvitation.objects.select_for_update().filter(code=code).select_related("coach").first()
    if invitation is None:
        raise ValidationError({"code": "That invitation code is not valid. Check it with your coach."})
    if invitation.used_at is not None:
        raise ValidationError({"code": "That invitation code was already used. Ask your coach for a new one."})
    if invitation.expires_at <= timezone.now():
        raise ValidationError({"code": "That invitation code has expired. Ask your coach for a new one."})
    coach = invitation.coach
    if coach.pk == client.pk:
        raise ValidationError({"code": "That is your own code: you cannot coach yourself."})
    if not user_is_coach(coach):
        raise ValidationError({"code": "That coach is no longer coaching on CareerPath."})
    already = ValidationError({"code": "You already have an invitation or access with this coach."})
    if _open_coaching_exists(client, coach):
        raise already
    now = timezone.now()
    invitation.used_at = now
    invitation.used_by = client
    invitation.save(update_fields=["used_at", "used_by"])
    coaching = _coaching_create_once(
        already,
        client=client,
        coach=coach,
        invited_by=Coaching.Side.COACH,
        status=Coaching.Status.ACTIVE,
        accepted_at=now,
    )
    _event(coaching, client, ConsentEvent.Action.ACCEPTED, f"used invitation code; shares nothing with {coach} yet")
    notify(
        recipient=coach,
        actor=client,
        kind=Notification.Kind.COACHING,
        text=f"{client.get_username()} used your invitation code; you see their plans once they choose what to share.",
        url=reverse("coaching:coach-dashboard"),
    )
    return coaching


def _answering_side(coaching: Coaching, user: User) -> bool:
    """Whether ``user`` is the one who must answer this invitation."""
    if coaching.invited_by == Coaching.Side.CLIENT:
        return user.pk == coaching.coach_id
    return user.pk == coaching.client_id


def _notify_other_side(coaching: Coaching, by: User, text: Callable[[bool], str]) -> None:
    """
    Tell the other person in a coaching what ``by`` did, on the page where they see it.

    ``text`` is given whether that person is the coach. A coach who deleted their account
    (``coach`` set to NULL) is told nothing.
    """
    to_coach = by.pk == coaching.client_id
    other = coaching.coach if to_coach else coaching.client
    if other is None:
        return
    notify(
        recipient=other,
        actor=by,
        kind=Notification.Kind.COACHING,
        text=text(to_coach),
        url=reverse("coaching:coach-dashboard") if to_coach else reverse("coaching:coaching"),
    )


@transaction.atomic
def coaching_accept(*, coaching: Coaching, by: User) -> Coaching:
    coaching = _coaching_lock(coaching)
    if coaching.status != Coaching.Status.INVITED or not _answering_side(coaching, by):
        raise ValidationError("This invitation is not waiting for your answer.")
    if coaching.coach_id == by.pk and not user_is_coach(by):
        raise ValidationError("Only approved coaches can accept clients.")
    coaching.status = Coaching.Status.ACTIVE
    coaching.accepted_at = timezone.now()
    coaching.save(update_fields=["status", "accepted_at"])
    _event(coaching, by, ConsentEvent.Action.ACCEPTED)
    _notify_other_side(coaching, by, lambda _: f"{by.get_username()} accepted the coaching invitation.")
    return coaching


@transaction.atomic
def coaching_decline(*, coaching: Coaching, by: User) -> Coaching:
    coaching = _coaching_lock(coaching)
    if coaching.status != Coaching.Status.INVITED or by.pk not in (coaching.client_id, coaching.coach_id):
        raise ValidationError("This invitation is not open.")
    coaching.status = Coaching.Status.DECLINED
    coaching.ended_at = timezone.now()
    coaching.save(update_fields=["status", "ended_at"])
    # Declining your own invitation is withdrawing it: the record says who did it either way.
    _event(coaching, by, ConsentEvent.Action.DECLINED)
    return coaching


@transaction.atomic
def coaching_revoke(*, coaching: Coaching, by: User) -> Coaching:
    """End access at once: the next request the coach makes for the client's plans is refused."""
    coaching = _coaching_lock(coaching)
    if by.pk not in (coaching.client_id, coaching.coach_id):
        raise ValidationError("This is not your coaching.")
    if coaching.status != Coaching.Status.ACTIVE:
        raise ValidationError("This coaching is not active.")
    coaching.status = Coaching.Status.REVOKED
    coaching.ended_at = timezone.now()
    coaching.save(update_fields=["status", "ended_at"])
    _event(coaching, by, ConsentEvent.Action.REVOKED)
    _notify_other_side(
        coaching,
        by,
        lambda to_coach: (
            f"{by.get_username()} ended the coaching: "
            + ("you no longer see their plans." if to_coach else "they no longer see your plans.")
        ),
    )
    return coaching


@transaction.atomic
def coaching_share(*, coaching: Coaching, by: User, share_all: bool, plans: list[Plan]) -> Coaching:
    """Choose which plans the coach sees: all of them, or the ones listed."""
    coaching = _coaching_lock(coaching)
    if by.pk != coaching.client_id:
        raise ValidationError("Only the client chooses what is shared.")
    if coaching.status not in (Coaching.Status.ACTIVE, Coaching.Status.INVITED):
        raise ValidationError("This coaching has ended.")
    if any(plan.owner_id != coaching.client_id for plan in plans):
        raise ValidationError("You can only share your own plans.")
    coaching.share_all = share_all
    coaching.save(update_fields=["share_all"])
    coaching.shared_plans.set([] if share_all else plans)
    detail = "all plans" if share_all else ("no plans" if not plans else ", ".join(p.title for p in plans))
    _event(coaching, by, ConsentEvent.Action.SHARING_CHANGED, f"shares {detail}")
    if coaching.status == Coaching.Status.ACTIVE and coaching.coach is not None:
        count = len(plans)
        notify(
            recipient=coaching.coach,
            actor=by,
            kind=Notification.Kind.COACHING,
            text=f"{by.get_username()} now shares "
            + (
                "all their plans"
                if share_all
                else ngettext("%d plan", "%d plans", count) % count
                if count
                else "no plans"
            )
            + " with you.",
            url=reverse("coaching:coach-client", args=[coaching.client_id]),
        )
    return coaching


@transaction.atomic
def account_delete_prepare(user: User) -> None:
    """
    End the person's open coachings on the record before their account goes (see planner.extensions).

    The client keeps a coaching whose coach leaves, ended, with its whole record; the other side
    hears of it. A client's own coachings then go with their account.
    """
    now = timezone.now()
    open_coachings = Coaching.objects.open().filter(Q(client=user) | Q(coach=user)).select_related("client", "coach")
    for coaching in open_coachings.select_for_update(of=("self",)):
        was_active = coaching.status == Coaching.Status.ACTIVE
        coaching.status = Coaching.Status.REVOKED if was_active else Coaching.Status.DECLINED
        coaching.ended_at = now
        coaching.save(update_fields=["status", "ended_at"])
        leaving_coach = coaching.coach_id == user.pk
        action = ConsentEvent.Action.REVOKED if was_active else ConsentEvent.Action.DECLINED
        _event(coaching, user, action, f"The {'coach' if leaving_coach else 'client'} deleted their account.")
        if leaving_coach:
            notify(
                recipient=coaching.client,
                actor=user,
                kind=Notification.Kind.COACHING,
                text=f"{user.get_username()} deleted their account: they no longer see your plans. "
                "What they wrote on your plans stays.",
                url=reverse("coaching:coaching"),
            )
        elif coaching.coach is not None:
            notify(
                recipient=coaching.coach,
                actor=user,
                kind=Notification.Kind.COACHING,
                text=f"{user.get_username()} deleted their account, with their plans.",
                url=reverse("coaching:coach-dashboard"),
            )


# --- Working on a shared plan -------------------------------------------------------------


def notify(*, recipient: User, actor: User | None, kind: str, text: str, url: str = "") -> Notification:
    """Record a notification and email it; a mail failure is logged, never shown to the actor."""
    notification = Notification.objects.create(recipient=recipient, actor=actor, kind=kind, text=text[:300], url=url)
    if recipient.email:
        body = f"{text}\n\n{url}\n" if url else f"{text}\n"
        # A subject is one header line: a line break in it (from a plan's title) makes Django
        # refuse the whole message.
        subject = f"CareerPath: {' '.join(text.split())[:80]}"

        def send() -> None:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
            except Exception:  # an unreachable mail server must not undo the comment
                logger.exception("Could not email notification %s", notification.pk)

        transaction.on_commit(send)
    return notification


def _author_name(author: User | None) -> str:
    return author.get_username() if author is not None else FORMER_COACH


def _other_side(plan: Plan, author: User) -> User | None:
    return plan.owner if author.pk != plan.owner_id else None


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
        raise ValidationError({"body": "Write something first."})
    if step is not None and step.plan_id != plan.pk:
        raise ValidationError("That step is not on this plan.")
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise ValidationError("That comment is not on this plan.")
        # Replies stay one level deep and on the parent's step.
        parent = parent.parent or parent
        step = parent.step
    comment = Comment(plan=plan, author=author, body=body, step=step, parent=parent)
    comment.full_clean()
    comment.save()
    where = f" on “{step.title}”" if step else ""
    if author.pk != plan.owner_id:
        notify(
            recipient=plan.owner,
            actor=author,
            kind=Notification.Kind.COMMENT,
            text=f"{author.get_username()} commented{where} in “{plan.title}”.",
            url=f"{plan.get_absolute_url()}#comment-{comment.pk}",
        )
    elif parent is not None and parent.author_id != author.pk and parent.author is not None:
        notify(
            recipient=parent.author,
            actor=author,
            kind=Notification.Kind.COMMENT,
            text=f"{author.get_username()} replied to your comment in “{plan.title}”.",
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
                    text=f"{author.get_username()} commented{where} in “{plan.title}”.",
                    url=f"{reverse('coaching:coach-plan', args=[plan.pk])}#comment-{comment.pk}",
                )
    return comment


def comment_update(*, comment: Comment, by: User, body: str) -> Comment:
    if comment.author_id != by.pk or comment.is_deleted:
        raise ValidationError("You can only edit your own comments.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something, or delete the comment."})
    comment.body = body
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_delete(*, comment: Comment, by: User) -> Comment:
    """Hide a comment's text; its place in the thread stays so replies still read right."""
    if comment.author_id != by.pk:
        raise ValidationError("You can only delete your own comments.")
    comment.deleted_at = timezone.now()
    comment.body = ""
    comment.save(update_fields=["deleted_at", "body"])
    return comment


@transaction.atomic
def suggestion_create(
    *,
    plan: Plan,
    author: User,
    kind: str,
    message: str = "",
    move: PlanRole | None = None,
    title: str = "",
    step_kind: str = "",
    step: PlanStep | None = None,
    target_date: datetime.date | None = None,
    route: list[str] | None = None,
) -> Suggestion:
    """Propose a step, a new date for a step, or another route; nothing changes until the owner accepts."""
    errors: dict[str, str] = {}
    if kind == Suggestion.Kind.ADD_STEP:
        if move is None or move.plan_id != plan.pk or move.retired_at is not None or move.transition_id is None:
            errors["move"] = "Choose the move the step belongs to."
        if not (title or "").strip():
            errors["title"] = "Say what the step is."
        if step_kind not in TransitionStep.Kind.values:
            errors["step_kind"] = "Choose the kind of step."
    elif kind == Suggestion.Kind.CHANGE_DATE:
        if step is None or step.plan_id != plan.pk:
            errors["step"] = "Choose a step of this plan."
        if target_date is None:
            errors["target_date"] = "Give the new date."
    elif kind == Suggestion.Kind.OTHER_ROUTE:
        if not route or len(route) < 2:
            errors["route"] = "Choose the route, from the plan's start to a target."
    else:
        errors["kind"] = "Choose what you suggest."
    if errors:
        raise ValidationError(errors)
    suggestion = Suggestion(
        plan=plan,
        author=author,
        kind=kind,
        message=(message or "").strip(),
        move=move if kind == Suggestion.Kind.ADD_STEP else None,
        title=(title or "").strip() if kind == Suggestion.Kind.ADD_STEP else "",
        step_kind=step_kind if kind == Suggestion.Kind.ADD_STEP else "",
        step=step if kind == Suggestion.Kind.CHANGE_DATE else None,
        target_date=target_date if kind in (Suggestion.Kind.ADD_STEP, Suggestion.Kind.CHANGE_DATE) else None,
        route=",".join(route) if kind == Suggestion.Kind.OTHER_ROUTE and route else "",
    )
    suggestion.full_clean()
    suggestion.save()
    notify(
        recipient=plan.owner,
        actor=author,
        kind=Notification.Kind.SUGGESTION,
        text=f"{author.get_username()} suggested: {suggestion.get_kind_display().lower()} in “{plan.title}”.",
        url=f"{plan.get_absolute_url()}#suggestion-{suggestion.pk}",
    )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by: User, profile: Profile | None = None) -> Suggestion:
    """Apply a suggestion to the plan (only its owner may), and mark it accepted."""
    if by.pk != suggestion.plan.owner_id:
        raise ValidationError("Only the plan's owner can accept a suggestion.")
    # Under the plan's lock, read again: a second click finds the suggestion answered, and an
    # added step's place on its move cannot be taken by another at the same time.
    plan = plan_lock(plan=suggestion.plan)
    suggestion = Suggestion.objects.select_related("move", "step", "author").get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError("This suggestion was already answered.")
    if suggestion.kind == Suggestion.Kind.ADD_STEP:
        move = suggestion.move
        if move is None or move.retired_at is not None:
            raise ValidationError("The move this step was for is no longer on your route.")
        order = (move.steps.aggregate(top=Max("order"))["top"] or 0) + 1
        step = PlanStep(
            plan=plan,
            move=move,
            order=order,
            kind=suggestion.step_kind,
            title=suggestion.title,
            description=f"Suggested by {_author_name(suggestion.author)}. {suggestion.message}".strip(),
            target_date=suggestion.target_date,
            added_by=suggestion.author,
        )
        step.full_clean()
        step.save()
    elif suggestion.kind == Suggestion.Kind.CHANGE_DATE:
        dated = suggestion.step
        if dated is None:
            raise ValidationError("That step is no longer on your plan.")
        dated.target_date = suggestion.target_date
        dated.save(update_fields=["target_date", "updated_at"])
    else:
        plan_reroute(plan=plan, profile=profile, route_slugs=suggestion.route.split(","))
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    if suggestion.author is not None:  # a former coach has no one to tell
        notify(
            recipient=suggestion.author,
            actor=by,
            kind=Notification.Kind.SUGGESTION,
            text=f"{by.get_username()} accepted your suggestion in “{plan.title}”.",
            url=reverse("coaching:coach-plan", args=[plan.pk]),
        )
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by: User) -> Suggestion:
    if by.pk != suggestion.plan.owner_id:
        raise ValidationError("Only the plan's owner can decline a suggestion.")
    suggestion = Suggestion.objects.select_for_update().select_related("plan", "author").get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError("This suggestion was already answered.")
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    if suggestion.author is not None:
        notify(
            recipient=suggestion.author,
            actor=by,
            kind=Notification.Kind.SUGGESTION,
            text=f"{by.get_username()} declined your suggestion in “{suggestion.plan.title}”.",
            url=reverse("coaching:coach-plan", args=[suggestion.plan_id]),
        )
    return suggestion


def review_create(*, plan: Plan, author: User, verdict: str, message: str = "") -> Review:
    review = Review(plan=plan, author=author, verdict=verdict, message=(message or "").strip())
    review.full_clean()
    review.save()
    notify(
        recipient=plan.owner,
        actor=author,
        kind=Notification.Kind.REVIEW,
        text=f"{author.get_username()} reviewed “{plan.title}”: {review.get_verdict_display().lower()}.",
        url=f"{plan.get_absolute_url()}#reviews",
    )
    return review


@transaction.atomic
def skill_verify(*, coach: User, client: User, skill: Skill, level: int) -> ProfileSkill:
    """
    Confirm or adjust a client's level; the self-rating stays beside it.

    A verified level below what a closed step asks for reopens that step, with a note saying
    why: the plan must not keep saying "met" against the coach's word.
    """
    if not 1 <= int(level) <= 5:
        raise ValidationError({"level": "Levels go from 1 to 5."})
    level = int(level)
    profile, _ = Profile.objects.get_or_create(user=client)
    row = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
    if row is None:
        raise ValidationError("The client has not rated this skill yet.")
    row.verified_level = level
    row.verified_by = coach
    row.verified_at = timezone.now()
    row.save(update_fields=["verified_level", "verified_by", "verified_at"])
    reopened = _steps_reopen_below(client=client, skill=skill, level=level, coach=coach)
    text = f"{coach.get_username()} verified your {skill.name} skill at level {level}."
    if reopened:
        text += (
            " "
            + ngettext(
                "%d step it no longer meets is open again.", "%d steps it no longer meets are open again.", reopened
            )
            % reopened
        )
    notify(recipient=client, actor=coach, kind=Notification.Kind.COACHING, text=text, url=reverse("planner:profile"))
    return row


def _steps_reopen_below(*, client: User, skill: Skill, level: int, coach: User) -> int:
    """Reopen the client's closed steps that ask for more of ``skill`` than ``level``; return how many."""
    steps = list(
        PlanStep.objects.select_for_update()
        .filter(
            plan__owner=client,
            plan__archived_at__isnull=True,
            status__in=[PlanStep.Status.DONE, PlanStep.Status.SKIPPED],
            transition_step__skill=skill,
            transition_step__skill_level__gt=level,
        )
        .select_related("transition_step")
    )
    for step in steps:
        # The query above only finds steps made from a graph step that asks for this skill.
        assert step.transition_step is not None
        why = (
            f"Reopened: {coach.get_username()} verified {skill.name} at level {level}; "
            f"this step asks for level {step.transition_step.skill_level}."
        )
        # The reason is kept whole; an already long note gives way at its end.
        step.note = f"{step.note[: NOTE_MAX_LENGTH - len(why) - 2].rstrip()}\n\n{why}" if step.note.strip() else why
        step.status = PlanStep.Status.TODO
        step.completed_at = None
        step.met_at_creation = False
        step.save(update_fields=["note", "status", "completed_at", "met_at_creation", "updated_at"])
    return len(steps)


def coach_note_create(*, coach: User, client: User, body: str) -> CoachNote:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    note = CoachNote(coach=coach, client=client, body=body)
    note.full_clean()
    try:
        note.save()
    except IntegrityError:  # pragma: no cover - no unique constraint today
        raise ValidationError("The note could not be saved.") from None
    return note


def coach_note_delete(*, note: CoachNote, by: User) -> None:
    if note.coach_id != by.pk:
        raise ValidationError("You can only delete your own notes.")
    note.delete()


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
