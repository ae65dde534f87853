"""
Notifications: record one and email it, and mark them read.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from coaching.models import (
    Notification,
)

logger = logging.getLogger(__name__)


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


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
