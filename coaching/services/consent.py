"""
Consent between a client and a coach: invitations (by email or code), answers, what is shared,
ending a coaching, and what an account's deletion settles.

Every grant, change and revoke of consent is recorded as a ConsentEvent.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from coaching.models import (
    Coaching,
    CoachInvitation,
    ConsentEvent,
    Notification,
)
from coaching.services.coaches import user_is_coach
from coaching.services.notifications import notify, recipient_language
from planner.models import Plan

INVITATION_DAYS = 14
MAX_OPEN_INVITATIONS = 50


def _event(
    coaching: Coaching, actor: User, action: str, detail: Promise | str = "", params: dict | None = None
) -> None:
    """Record a grant, change or end; its detail is written in the client's language (the record is theirs)."""
    with translation.override(recipient_language(coaching.client)):
        text = str(detail % params if params is not None else detail)
    ConsentEvent.objects.create(coaching=coaching, actor=actor, action=action, detail=text[:500])


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
    *, client: User, coach: User, invited_by: str, actor: User, recipient: User, text: Promise, url: str
) -> Coaching:
    """Open an invitation between two people, record it and tell the one who must answer."""
    if client.pk == coach.pk:
        raise ValidationError({"email": _("You cannot coach yourself.")})
    already = ValidationError({"email": _("You already have an invitation or access with this person.")})
    if _open_coaching_exists(client, coach):
        raise already
    # The check above and this insert race with the same invitation sent at once (a double
    # click): the database's one-open-per-pair constraint decides, and the loser hears why.
    coaching = _coaching_create_once(already, client=client, coach=coach, invited_by=invited_by)
    _event(
        coaching,
        actor,
        ConsentEvent.Action.INVITED,
        gettext_lazy("%(actor)s invited %(recipient)s"),
        {"actor": actor.get_username(), "recipient": recipient.get_username()},
    )
    notify(
        recipient=recipient,
        actor=actor,
        kind=Notification.Kind.COACHING,
        text=text,
        params={"name": actor.get_username()},
        url=url,
    )
    return coaching


@transaction.atomic
def coaching_invite_coach(*, client: User, email: str) -> Coaching:
    """A client asks an approved coach, by email, to coach them; the coach accepts or declines."""
    coach = _user_by_email(email)
    if coach is None or not user_is_coach(coach):
        raise ValidationError(
            {"email": _("No approved coach uses that email address. Ask your coach for an invitation code.")}
        )
    return _coaching_invite(
        client=client,
        coach=coach,
        invited_by=Coaching.Side.CLIENT,
        actor=client,
        recipient=coach,
        text=gettext_lazy("%(name)s asked you to be their coach."),
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
        raise ValidationError(_("Only approved coaches can invite clients."))
    client = _user_by_email(email)
    if client is None:
        return None
    return _coaching_invite(
        client=client,
        coach=coach,
        invited_by=Coaching.Side.COACH,
        actor=coach,
        recipient=client,
        text=gettext_lazy("%(name)s offered to coach you. Accept or decline on your coaching page."),
        url=reverse("coaching:coaching"),
    )


def invitation_create(*, coach: User, days: int = INVITATION_DAYS) -> CoachInvitation:
    """Return a new single-use code that expires after ``days`` days."""
    if not user_is_coach(coach):
        raise ValidationError(_("Only approved coaches can create invitation codes."))
    open_count = CoachInvitation.objects.filter(
        coach=coach, used_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    if open_count >= MAX_OPEN_INVITATIONS:
        raise ValidationError(
            _("You have %(count)d unused codes; let some be used or expire first.") % {"count": MAX_OPEN_INVITATIONS}
        )
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
        raise ValidationError({"code": _("That invitation code is not valid. Check it with your coach.")})
    if invitation.used_at is not None:
        raise ValidationError({"code": _("That invitation code was already used. Ask your coach for a new one.")})
    if invitation.expires_at <= timezone.now():
        raise ValidationError({"code": _("That invitation code has expired. Ask your coach for a new one.")})
    coach = invitation.coach
    if coach.pk == client.pk:
        raise ValidationError({"code": _("That is your own code: you cannot coach yourself.")})
    if not user_is_coach(coach):
        raise ValidationError({"code": _("That coach is no longer coaching on CareerPath.")})
    already = ValidationError({"code": _("You already have an invitation or access with this coach.")})
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
    _event(
        coaching,
        client,
        ConsentEvent.Action.ACCEPTED,
        gettext_lazy("used invitation code; shares nothing with %(coach)s yet"),
        {"coach": coach.get_username()},
    )
    notify(
        recipient=coach,
        actor=client,
        kind=Notification.Kind.COACHING,
        text=gettext_lazy("%(name)s used your invitation code; you see their plans once they choose what to share."),
        params={"name": client.get_username()},
        url=reverse("coaching:coach-dashboard"),
    )
    return coaching


def _answering_side(coaching: Coaching, user: User) -> bool:
    """Whether ``user`` is the one who must answer this invitation."""
    if coaching.invited_by == Coaching.Side.CLIENT:
        return user.pk == coaching.coach_id
    return user.pk == coaching.client_id


def _notify_other_side(coaching: Coaching, by: User, text: Callable[[bool], Promise]) -> None:
    """
    Tell the other person in a coaching what ``by`` did, on the page where they see it.

    ``text`` is given whether that person is the coach, and gives a message naming ``by`` as
    ``%(name)s``. A coach who deleted their account (``coach`` set to NULL) is told nothing.
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
        params={"name": by.get_username()},
        url=reverse("coaching:coach-dashboard") if to_coach else reverse("coaching:coaching"),
    )


@transaction.atomic
def coaching_accept(*, coaching: Coaching, by: User) -> Coaching:
    coaching = _coaching_lock(coaching)
    if coaching.status != Coaching.Status.INVITED or not _answering_side(coaching, by):
        raise ValidationError(_("This invitation is not waiting for your answer."))
    if coaching.coach_id == by.pk and not user_is_coach(by):
        raise ValidationError(_("Only approved coaches can accept clients."))
    coaching.status = Coaching.Status.ACTIVE
    coaching.accepted_at = timezone.now()
    coaching.save(update_fields=["status", "accepted_at"])
    _event(coaching, by, ConsentEvent.Action.ACCEPTED)
    _notify_other_side(coaching, by, lambda to_coach: gettext_lazy("%(name)s accepted the coaching invitation."))
    return coaching


@transaction.atomic
def coaching_decline(*, coaching: Coaching, by: User) -> Coaching:
    coaching = _coaching_lock(coaching)
    if coaching.status != Coaching.Status.INVITED or by.pk not in (coaching.client_id, coaching.coach_id):
        raise ValidationError(_("This invitation is not open."))
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
        raise ValidationError(_("This is not your coaching."))
    if coaching.status != Coaching.Status.ACTIVE:
        raise ValidationError(_("This coaching is not active."))
    coaching.status = Coaching.Status.REVOKED
    coaching.ended_at = timezone.now()
    coaching.save(update_fields=["status", "ended_at"])
    _event(coaching, by, ConsentEvent.Action.REVOKED)
    _notify_other_side(
        coaching,
        by,
        lambda to_coach: (
            gettext_lazy("%(name)s ended the coaching: you no longer see their plans.")
            if to_coach
            else gettext_lazy("%(name)s ended the coaching: they no longer see your plans.")
        ),
    )
    return coaching


@transaction.atomic
def coaching_share(*, coaching: Coaching, by: User, share_all: bool, plans: list[Plan]) -> Coaching:
    """Choose which plans the coach sees: all of them, or the ones listed."""
    coaching = _coaching_lock(coaching)
    if by.pk != coaching.client_id:
        raise ValidationError(_("Only the client chooses what is shared."))
    if coaching.status not in (Coaching.Status.ACTIVE, Coaching.Status.INVITED):
        raise ValidationError(_("This coaching has ended."))
    if any(plan.owner_id != coaching.client_id for plan in plans):
        raise ValidationError(_("You can only share your own plans."))
    coaching.share_all = share_all
    coaching.save(update_fields=["share_all"])
    coaching.shared_plans.set([] if share_all else plans)
    if share_all:
        _event(coaching, by, ConsentEvent.Action.SHARING_CHANGED, gettext_lazy("shares all plans"))
    elif not plans:
        _event(coaching, by, ConsentEvent.Action.SHARING_CHANGED, gettext_lazy("shares no plans"))
    else:
        # Plan titles are the client's own words, kept as written.
        titles = ", ".join(p.title for p in plans)
        _event(coaching, by, ConsentEvent.Action.SHARING_CHANGED, gettext_lazy("shares %(plans)s"), {"plans": titles})
    if coaching.status == Coaching.Status.ACTIVE and coaching.coach is not None:
        count = len(plans)
        if share_all:
            text = gettext_lazy("%(name)s now shares all their plans with you.")
        elif count:
            text = ngettext_lazy(
                "%(name)s now shares %(count)d plan with you.", "%(name)s now shares %(count)d plans with you.", "count"
            )
        else:
            text = gettext_lazy("%(name)s now shares no plans with you.")
        notify(
            recipient=coaching.coach,
            actor=by,
            kind=Notification.Kind.COACHING,
            text=text,
            params={"name": by.get_username(), "count": count},
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
        _event(
            coaching,
            user,
            action,
            gettext_lazy("The coach deleted their account.")
            if leaving_coach
            else gettext_lazy("The client deleted their account."),
        )
        if leaving_coach:
            notify(
                recipient=coaching.client,
                actor=user,
                kind=Notification.Kind.COACHING,
                text=gettext_lazy(
                    "%(name)s deleted their account: they no longer see your plans. "
                    "What they wrote on your plans stays."
                ),
                params={"name": user.get_username()},
                url=reverse("coaching:coaching"),
            )
        elif coaching.coach is not None:
            notify(
                recipient=coaching.coach,
                actor=user,
                kind=Notification.Kind.COACHING,
                text=gettext_lazy("%(name)s deleted their account, with their plans."),
                params={"name": user.get_username()},
                url=reverse("coaching:coach-dashboard"),
            )
