"""Views for people: thin wrappers over access functions, selectors and services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView, TemplateView

from careerpath.forms import add_service_errors
from planner import exports, extensions
from planner.access import plan_get_for_owner, profile_get_or_create_for_user, step_get_on_plan
from planner.forms import CertificationFormSet, PlanPickForm, PlanStepForm, PlanTargetForm, ProfileForm, SignupForm
from planner.models import Plan, PlanStep
from planner.selectors import (
    DEFAULT_TARGET_SLUG,
    default_target,
    plan_detail_queryset,
    plan_list_for_owner,
    plan_view,
    profile_certifications_held,
    profile_skill_levels,
    skills_for_rating,
)
from planner.services import (
    CertificationHeld,
    account_create,
    person_at_start,
    plan_create,
    plan_delete,
    plan_rename,
    plan_reroute,
    plan_set_archived,
    plan_step_update,
    profile_update,
    routes_for_person,
)
from roles import engine
from roles.engine import role_gaps
from roles.models import Role


class SignupView(FormView):
    template_name = "registration/signup.html"
    form_class = SignupForm
    success_url = reverse_lazy("planner:profile")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("planner:plan-list")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = account_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, "Welcome to CareerPath. Start by telling us where you stand.")
        return super().form_valid(form)


class ProfileView(LoginRequiredMixin, View):
    template_name = "planner/profile_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        profile = profile_get_or_create_for_user(user=request.user)
        form = self._form(profile)
        formset = CertificationFormSet(initial=profile_certifications_held(profile), prefix="certs")
        return self._render(form, formset)

    def post(self, request: HttpRequest) -> HttpResponse:
        profile = profile_get_or_create_for_user(user=request.user)
        form = self._form(profile, data=request.POST)
        formset = CertificationFormSet(data=request.POST, prefix="certs")
        if form.is_valid() and formset.is_valid():
            held = [
                CertificationHeld(
                    certification=f.cleaned_data["certification"],
                    earned_on=f.cleaned_data["earned_on"],
                    expires_on=f.cleaned_data.get("expires_on"),
                )
                for f in formset.forms
                if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                profile_update(
                    profile=profile,
                    current_role=form.cleaned_data["current_role"],
                    years_experience=form.cleaned_data["years_experience"],
                    years_leading=form.cleaned_data["years_leading"],
                    education=form.cleaned_data["education"],
                    hours_per_week=form.cleaned_data["hours_per_week"],
                    skill_levels=form.skill_levels(),
                    certifications=held,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Profile saved. Your plans now use it.")
                return redirect("planner:profile")
        return self._render(form, formset, status=400)

    def _form(self, profile, data=None) -> ProfileForm:
        return ProfileForm(
            data=data, instance=profile, skills=skills_for_rating(), skill_levels=profile_skill_levels(profile)
        )

    def _render(self, form, formset, status=200) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "formset": formset}, status=status)


class PlanListView(LoginRequiredMixin, TemplateView):
    template_name = "planner/plan_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = plan_list_for_owner(user=self.request.user)
        context["archived_plans"] = plan_list_for_owner(user=self.request.user, archived=True)
        return context


class PlanCreateView(LoginRequiredMixin, View):
    """Choose a target, compare the ranked routes side by side, and pick one."""

    template_name = "planner/plan_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        asked = any(key in request.GET for key in ("target", "target_title", "start", "start_title"))
        profile = profile_get_or_create_for_user(user=request.user)
        form = PlanTargetForm(
            data=request.GET if asked else None,
            initial={"target": DEFAULT_TARGET_SLUG, "start": profile.current_role},
        )
        return self._render(form)

    def post(self, request: HttpRequest) -> HttpResponse:
        pick = PlanPickForm(data=request.POST)
        target_form = PlanTargetForm(
            data={key: request.POST.get(key, "") for key in ("target", "start")}
            | {"by": request.POST.get("by", "time")}
        )
        if pick.is_valid():
            profile = profile_get_or_create_for_user(user=request.user)
            start_slug = pick.cleaned_data["start"]
            start = Role.objects.active().filter(slug=start_slug).first() if start_slug else None
            try:
                plan = plan_create(
                    owner=request.user,
                    profile=profile,
                    route_slugs=pick.cleaned_data["route"],
                    by=pick.cleaned_data["by"],
                    title=pick.cleaned_data["title"],
                    start=start,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Your plan is ready. Mark steps as you go.")
                return redirect(plan)
        else:
            messages.error(request, "Pick one of the routes shown.")
        return self._render(target_form, status=400)

    def _render(self, form: PlanTargetForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "routes": [], "error": None}
        if form.is_bound and not form.is_valid():
            status = 400 if status == 200 else status
        else:
            target = form.cleaned_data["target"] if form.is_bound else default_target()
            by = form.cleaned_data["by"] if form.is_bound else Plan.Ranking.TIME
            start = form.cleaned_data["start"] if form.is_bound else None
            if target is not None:
                context.update(_route_choices(self.request, target, by, start))
        return render(self.request, self.template_name, context, status=status)


def _route_choices(request: HttpRequest, target: Role, by: str, start: Role | None = None) -> dict:
    profile = profile_get_or_create_for_user(user=request.user)
    try:
        G, source, routes = routes_for_person(profile=profile, target=target, by=by, start=start)
    except engine.RouteError as error:
        return {"target": target, "by": by, "error": str(error)}
    person = person_at_start(profile, start)
    choices = []
    for rank, route in enumerate(routes, start=1):
        choices.append(
            {
                "rank": rank,
                "route": route,
                "slugs": ",".join(G.nodes[role_id]["slug"] for role_id in route.role_ids),
                "roles": [
                    {
                        "slug": G.nodes[role_id]["slug"],
                        "title": G.nodes[role_id]["title"],
                        "salary": G.nodes[role_id]["salary"],
                        "gaps": role_gaps(G, person, role_id) if index else None,
                    }
                    for index, role_id in enumerate(route.role_ids)
                ],
                "legs": [
                    {
                        "to": G.nodes[leg.to_id]["title"],
                        "months_range": leg.months_range,
                        "steps": leg.steps,
                    }
                    for leg in route.legs
                ],
                "skipped": sum(1 for step in route.steps if step.skipped),
            }
        )
    return {
        "target": target,
        "by": by,
        "start": G.nodes[source],
        "routes": choices,
        "profile": profile,
        "pick_title": f"Toward {target.title}",
        "start_slug": start.slug if start is not None else "",
    }


class PlanDetailView(LoginRequiredMixin, View):
    template_name = "planner/plan_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        profile = profile_get_or_create_for_user(user=request.user)
        view = plan_view(plan=plan, profile=profile)
        forms = {step.pk: PlanStepForm(instance=step, prefix=f"step-{step.pk}") for step in plan.steps.all()}
        context = {"plan": plan, "view": view, "step_forms": forms, "plan_panels": extensions.plan_panels()}
        return render(request, self.template_name, context)


class PlanStepUpdateView(LoginRequiredMixin, View):
    """Change one step in place (htmx swaps the step's row), or with a full page post without JS."""

    def post(self, request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        step = step_get_on_plan(plan=plan, step_id=step_pk)
        form = PlanStepForm(data=request.POST, instance=step, prefix=f"step-{step.pk}")
        saved = False
        if form.is_valid():
            try:
                plan_step_update(
                    step=step,
                    status=form.cleaned_data["status"],
                    target_date=form.cleaned_data["target_date"],
                    note=form.cleaned_data["note"],
                )
                saved = True
            except ValidationError as error:
                add_service_errors(form, error)
        if request.htmx:
            return self._row(request, plan, step, form, saved=saved)
        if saved:
            messages.success(request, f"Saved “{step.title}”.")
        else:
            messages.error(request, f"“{step.title}” was not saved: " + " ".join(_form_messages(form)))
        return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")

    def _row(
        self, request: HttpRequest, plan: Plan, step: PlanStep, form: PlanStepForm, *, saved: bool
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
        }
        # 422: the answer carries the form with its errors; htmx swaps it (see base.html).
        response = render(request, "planner/partials/plan_step_saved.html", context, status=200 if saved else 422)
        if saved:
            response["HX-Trigger"] = "plan-progress-changed"
        return response


def _form_messages(form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else ''} {message}".strip()
        for name, errors in form.errors.items()
        for message in errors
    ]


class PlanProgressView(LoginRequiredMixin, View):
    """The progress panel alone, refreshed by htmx after a step changes."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        profile = profile_get_or_create_for_user(user=request.user)
        view = plan_view(plan=plan, profile=profile)
        return render(request, "planner/partials/plan_progress.html", {"plan": plan, "view": view})


class PlanArchiveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_set_archived(plan=plan, archived=True)
        messages.success(request, f"Archived “{plan.title}”. You can restore it from your plans.")
        return redirect("planner:plan-list")


class PlanRestoreView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_set_archived(plan=plan, archived=False)
        messages.success(request, f"Restored “{plan.title}”.")
        return redirect(plan)


class PlanDeleteView(LoginRequiredMixin, View):
    """Delete a plan for good, only with the confirmation box ticked."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Tick the box to confirm you want to delete the plan for good.")
            return redirect(plan)
        title = plan.title
        plan_delete(plan=plan)
        messages.success(request, f"Deleted “{title}”.")
        return redirect("planner:plan-list")


class PlanRecomputeView(LoginRequiredMixin, View):
    """Bring the plan onto the best route in the graph now, keeping what the person did."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        profile = profile_get_or_create_for_user(user=request.user)
        try:
            plan_reroute(plan=plan, profile=profile)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your route is up to date with the role graph. Done steps and notes are kept.")
        return redirect(plan)


class PlanRenameView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        try:
            plan_rename(plan=plan, title=request.POST.get("title", "")[:200])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Renamed the plan.")
        return redirect(plan)


class PlanCalendarView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        response = HttpResponse(exports.plan_calendar(plan=plan, host=request.get_host()), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title) or "plan"}.ics"'
        return response


class PlanPrintView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        profile = profile_get_or_create_for_user(user=request.user)
        view = plan_view(plan=plan, profile=profile)
        return render(request, "planner/plan_print.html", {"plan": plan, "view": view})


class DataExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = exports.person_data(user=request.user)
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="careerpath-my-data.json"'
        return response
