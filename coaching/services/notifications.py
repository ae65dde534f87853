"""
Notifications: record one and email it, and mark them read.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from coaching.models import Notification
from planner.models import Profile

logger = logging.getLogger(__name__)


def recipient_language(user: User | None) -> str:
    """
    The language to write to a person in when they are not the one reading the page now.

    A notification, its email and what is recorded on someone's behalf are written once, for
    them, whatever the language of whoever set it off: in the language they last chose with the
    switcher while signed in (kept on their profile), else the site's default (English).
    """
    if user is None:
        return settings.LANGUAGE_CODE
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


def notify(
    *,
    recipient: User,
    actor: User | None,
    kind: str,
    text: str | Promise,
    params: Mapping[str, object] | None = None,
    url: str = "",
) -> Notification:
    """
    Record a notification and email it; a mail failure is logged, never shown to the actor.

    ``text`` is a translatable message (``gettext_lazy``, or ``ngettext_lazy`` counting
    ``params["count"]``) filled with ``params``: it is written in the recipient's language.
    """
    with translation.override(recipient_language(recipient)):
        message = str(text % params if params is not None else text)
        # A subject is one header line: a line break in it (from a plan's title) makes Django
        # refuse the whole message.
        subject = f"CareerPath: {' '.join(message.split())[:80]}"
    notification = Notification.objects.create(recipient=recipient, actor=actor, kind=kind, text=message[:300], url=url)
    if recipient.email:
        body = f"{message}\n\n{url}\n" if url else f"{message}\n"

        def send() -> None:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
            except Exception:  # an unreachable mail server must not undo the comment
                logger.exception("Could not email notification %s", notification.pk)

        transaction.on_commit(send)
    return notification


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
