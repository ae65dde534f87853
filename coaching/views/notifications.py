"""A person's notifications: the list, marking them read, and opening one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views import View

from coaching import selectors, services
from coaching.access import (
    notification_get_for_recipient,
)

# --- Notifications --------------------------------------------------------------------------


class NotificationListView(LoginRequiredMixin, View):
    template_name = "coaching/notifications.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = selectors.notifications_page(user=request.user, page_number=request.GET.get("page"))
        return render(request, self.template_name, {"page": page})


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = services.notifications_mark_read(user=request.user)
        messages.success(
            request,
            ngettext("Marked %(count)d notification as read.", "Marked %(count)d notifications as read.", count)
            % {"count": count},
        )
        return redirect("coaching:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """
    Go where a notification points: a POST (the list's button) also marks it read.

    A GET only follows the link, so nothing a browser fetches on its own (a prefetch, a link
    checker in an email client) marks a notification read unseen.
    """

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = notification_get_for_recipient(user=request.user, notification_id=pk)
        return _follow(notification)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = notification_get_for_recipient(user=request.user, notification_id=pk)
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
        return _follow(notification)


def _follow(notification) -> HttpResponse:
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("coaching:notifications")
