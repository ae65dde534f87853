"""Saving one step of a plan in place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from careerpath.forms import add_service_errors
from planner.access import (
    plan_get_for_owner,
    profile_get_or_create_for_user,
    step_get_on_plan,
)
from planner.forms import (
    PlanStepForm,
)
from planner.models import Plan, PlanStep
from planner.selectors import (
    plan_detail_queryset,
    plan_view,
)
from planner.services import (
    StepConflict,
)
from planner.views.plans import plan_page


class PlanStepUpdateView(LoginRequiredMixin, View):
    """
    Change one step in place (htmx swaps the step's row), or with a full page post without JS.

    A save from a page opened before the step last changed is refused with both versions shown
    (409): "Save" again keeps the person's, "Take the saved one" shows the saved one.
    """

    def post(self, request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        step = step_get_on_plan(plan=plan, step_id=step_pk)
        prefix = f"step-{step.pk}"
        if request.POST.get(f"{prefix}-take") == "saved":
            if request.htmx:
                form = PlanStepForm(instance=step, prefix=prefix)
                # The button pressed is gone with the conflict: the keyboard goes to the saved note.
                return self._row(request, plan, step, form, saved=False, focus=form["note"].id_for_label)
            return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")
        form = PlanStepForm(data=request.POST, instance=step, prefix=prefix)
        saved = conflict = False
        if form.is_valid():
            try:
                step = form.save_step(step)
                saved = True
                form.next_version = step.version
            except StepConflict as error:
                conflict = True
                form.show_conflict(error.step)
            except ValidationError as error:
                add_service_errors(form, error)
        if request.htmx:
            return self._row(request, plan, step, form, saved=saved, status=409 if conflict else None)
        if conflict:
            return plan_page(request, plan.pk, step_form=form, status=409)
        if saved:
            messages.success(request, _("Saved “%(step)s”.") % {"step": step.title})
        else:
            messages.error(
                request,
                _("“%(step)s” was not saved: %(errors)s")
                % {"step": step.title, "errors": " ".join(_form_messages(form))},
            )
        return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")

    def _row(
        self,
        request: HttpRequest,
        plan: Plan,
        step: PlanStep,
        form: PlanStepForm,
        *,
        saved: bool,
        status: int | None = None,
        focus: str = "",
    ) -> HttpResponse:
        """The step's row (the form keeps what was typed), and its move's counters out of band."""
        plan = plan_get_for_owner(user=request.user, plan_id=plan.pk, queryset=plan_detail_queryset())
        step = step_get_on_plan(plan=plan, step_id=step.pk)
        view = plan_view(plan=plan, profile=profile_get_or_create_for_user(user=request.user))
        move = next((move for move in view.moves if any(s.pk == step.pk for s in move.steps)), None)
        context = {
            "plan": plan,
            "step": step,
            "form": form,
            "saved": saved,
            "remaining": view.step_remaining.get(step.pk),
            "move": move,
            "focus": focus,
        }
        # 422 (errors) and 409 (a conflict) carry the form as typed; htmx swaps them (static/js/inplace.js).
        if status is None:
            status = 200 if saved or not form.is_bound else 422
        response = render(request, "planner/partials/plan_step_saved.html", context, status=status)
        if saved:
            response["HX-Trigger"] = "plan-progress-changed"
        return response


def _form_messages(form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else ''} {message}".strip()
        for name, errors in form.errors.items()
        for message in errors
    ]
