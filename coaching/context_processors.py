"""What the navigation shows on every page: the unread notification count and the coach link."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.functional import cached_property

from coaching.models import Coach, Notification


class NavFacts:
    """
    Read lazily, in one query, and only when a template asks.

    htmx partials rendered with the request run context processors too; they never touch ``nav``,
    so they pay nothing.
    """

    def __init__(self, user) -> None:
        self._user = user

    @cached_property
    def _facts(self) -> tuple[int, bool]:
        user = self._user
        if user is None or not user.is_authenticated:
            return 0, False
        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        )
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
                is_coach=Exists(Coach.objects.filter(user=OuterRef("pk"), status=Coach.Status.APPROVED)),
            )
            .values_list("unread", "is_coach")
            .first()
        )
        return (row[0], row[1]) if row else (0, False)

    @property
    def unread(self) -> int:
        return self._facts[0]

    @property
    def is_coach(self) -> bool:
        return self._facts[1]


def navigation(request: HttpRequest) -> dict:
    return {"nav": NavFacts(getattr(request, "user", None))}
