"""
The role graph's checks and history pages: every change, a role's or a move's, and reverting one.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import View
from django.views.generic import TemplateView

from roles import selectors, services
from roles.health import graph_health
from roles.history import (
    HistoryScope,
    RevertRefused,
    change_ref,
    history_entries,
    history_record_get,
    revert_plan,
)
from roles.views.access import GraphEditorAccessMixin


class GraphHealthView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/health.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=graph_health(), **kwargs)


# ---------------------------------------------------------------------------------------------
# History


class HistoryView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/history_list.html"

    def scope(self) -> tuple[HistoryScope, dict]:
        return HistoryScope.everything(), {"heading": gettext("Every change to the role graph")}

    def get_context_data(self, **kwargs):
        scope, extra = self.scope()
        try:
            page = int(self.request.GET.get("page", "1"))
        except ValueError:
            page = 1
        return super().get_context_data(history=history_entries(scope, page=page), **extra, **kwargs)


class RoleHistoryView(HistoryView):
    def scope(self):
        role = selectors.editor_role_get(pk=self.kwargs["pk"])
        return HistoryScope.for_role(role.pk), {
            "heading": gettext("History of “%(title)s”") % {"title": role.title},
            "intro": gettext(
                "The role, its skills, certifications and salary figures, and the moves to and from it "
                "with their steps."
            ),
            "role": role,
        }


class TransitionHistoryView(HistoryView):
    def scope(self):
        transition = selectors.editor_transition_get(pk=self.kwargs["pk"])
        return HistoryScope.for_transition(transition.pk), {
            "heading": gettext("History of the move %(move)s") % {"move": transition},
            "intro": gettext("The move and its steps."),
            "transition": transition,
        }


class HistoryRevertView(GraphEditorAccessMixin, View):
    """Confirm (GET) and revert (POST) one recorded change."""

    template_name = "roles/history_revert.html"

    def _record(self):
        try:
            return history_record_get(self.kwargs["key"], self.kwargs["history_id"])
        except LookupError:
            raise Http404(gettext("No such change was recorded.")) from None

    def _next(self) -> str:
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url and url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure()):
            return url
        return reverse("roles:history")

    def _context(self, record) -> dict:
        key = self.kwargs["key"]
        return {"record": record, "key": key, "ref": change_ref(key, record.history_id), "next": self._next()}

    def get(self, request, *args, **kwargs):
        _, record = self._record()
        context = self._context(record)
        try:
            context["plan"] = revert_plan(self.kwargs["key"], record)
        except RevertRefused as refusal:
            context["refusal"] = str(refusal)
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        _, record = self._record()
        try:
            plan = services.history_revert(key=self.kwargs["key"], history_id=record.history_id)
        except RevertRefused as refusal:
            context = {**self._context(record), "refusal": str(refusal)}
            return render(request, self.template_name, context, status=409)
        messages.success(
            request,
            gettext("Reverted %(change)s: %(summary)s")
            % {"change": change_ref(self.kwargs["key"], record.history_id), "summary": plan.summary},
        )
        return redirect(self._next())
