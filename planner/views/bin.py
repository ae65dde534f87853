"""Archiving a plan, and the bin: deleting, restoring and deleting for good."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from planner.access import (
    plan_get_for_owner,
    plan_get_in_bin_for_owner,
)
from planner.models import BIN_DAYS
from planner.selectors import (
    plan_bin_for_owner,
)
from planner.services import (
    plan_delete_forever,
    plan_move_to_bin,
    plan_restore_from_bin,
    plan_set_archived,
)


class PlanArchiveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_set_archived(plan=plan, archived=True)
        messages.success(
            request, _("Archived “%(title)s”. You can restore it from your plans.") % {"title": plan.title}
        )
        return redirect("planner:plan-list")


class PlanRestoreView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_set_archived(plan=plan, archived=False)
        messages.success(request, _("Restored “%(title)s”.") % {"title": plan.title})
        return redirect(plan)


class PlanDeleteView(LoginRequiredMixin, View):
    """Move a plan to the bin; it can be restored from there for BIN_DAYS."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_move_to_bin(plan=plan)
        messages.success(
            request,
            _("Moved “%(title)s” to the bin. You can restore it there until %(date)s.")
            % {"title": plan.title, "date": date_format(plan.purge_on)},
        )
        return redirect("planner:plan-list")


class PlanBinView(LoginRequiredMixin, TemplateView):
    template_name = "planner/plan_bin.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = plan_bin_for_owner(user=self.request.user)
        context["bin_days"] = BIN_DAYS
        return context


class PlanBinRestoreView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_in_bin_for_owner(user=request.user, plan_id=pk)
        try:
            plan_restore_from_bin(plan=plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("planner:plan-bin")
        messages.success(request, _("Restored “%(title)s” from the bin.") % {"title": plan.title})
        return redirect(plan)


class PlanBinDeleteView(LoginRequiredMixin, View):
    """Delete a plan in the bin for good, only with the confirmation box ticked."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_in_bin_for_owner(user=request.user, plan_id=pk)
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm you want to delete “%(title)s” for good.") % {"title": plan.title}
            )
            return redirect("planner:plan-bin")
        title = plan.title
        plan_delete_forever(plan=plan)
        messages.success(request, _("Deleted “%(title)s” for good.") % {"title": title})
        return redirect("planner:plan-bin")
