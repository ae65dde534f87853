"""Views for a person's plans: the list, creating one, the plan page and what it offers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from planner import exports, extensions
from planner.access import (
    plan_get_for_owner,
    profile_get_or_create_for_user,
)
from planner.forms import (
    PlanPickForm,
    PlanStepForm,
    PlanTargetForm,
)
from planner.models import Plan, Profile
from planner.selectors import (
    DEFAULT_TARGET_SLUG,
    default_target,
    plan_detail_queryset,
    plan_list_for_owner,
    plan_view,
    route_certifications,
    route_comparison,
    start_role_for_user,
)
from planner.services import (
    person_at_start,
    plan_create,
    plan_rename,
    plan_reroute,
    routes_for_person,
)
from planner.wording import route_error_words
from roles import engine
from roles.engine import role_gaps
from roles.models import Role


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
            start_role=start_role_for_user(user=request.user, profile=profile),
        )
        return self._render(form, profile=profile)

    def post(self, request: HttpRequest) -> HttpResponse:
        pick = PlanPickForm(data=request.POST)
        target_form = PlanTargetForm(
            data={key: request.POST.get(key, "") for key in ("target", "start")}
            | {"by": request.POST.get("by", "time")},
            start_role=start_role_for_user(user=request.user),
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
                messages.success(request, _("Your plan is ready. Mark steps as you go."))
                return redirect(plan)
        else:
            messages.error(request, _("Pick one of the routes shown."))
        return self._render(target_form, status=400)

    def _render(self, form: PlanTargetForm, status: int = 200, *, profile: Profile | None = None) -> HttpResponse:
        context: dict = {"form": form, "routes": [], "start": form.start_role}
        if form.is_bound and not form.is_valid():
            status = 400 if status == 200 else status
        else:
            target = form.cleaned_data["target"] if form.is_bound else form.suggested_target(default_target())
            by = form.cleaned_data["by"] if form.is_bound else Plan.Ranking.TIME
            start = form.cleaned_data["start"] if form.is_bound else None
            if start is not None:
                context["start"] = start
            if not form.is_bound and target is not None:
                form.initial["target"] = target.slug
            if target is not None:
                if profile is None:
                    profile = profile_get_or_create_for_user(user=self.request.user)
                choices = _route_choices(self.request, profile, target, by, start)
                if "error" in choices and form.is_bound:
                    # No route there is an answer about the chosen target: say it at that field.
                    form.add_error("target", choices.pop("error"))
                    status = 400 if status == 200 else status
                context.update(choices)
        return render(self.request, self.template_name, context, status=status)


def _route_choices(request: HttpRequest, profile: Profile, target: Role, by: str, start: Role | None = None) -> dict:
    # One reading of the profile's skills and certifications for the routes and the gaps.
    person = person_at_start(profile, start)
    try:
        G, source, routes = routes_for_person(profile=profile, target=target, by=by, start=start, person=person)
    except engine.RouteError as error:
        return {"target": target, "by": by, "error": route_error_words(error)}
    # Routes share roles (the target is on every one): each role's gaps are worked out and drawn
    # once (the list can run to twenty skills), then shown in every route card it is on.
    gaps_html: dict[int, str] = {}
    for route in routes:
        for role_id in route.role_ids[1:]:
            if role_id not in gaps_html:
                gaps = role_gaps(G, person, role_id)
                gaps_html[role_id] = render_to_string(
                    "planner/partials/gaps.html", {"gaps": gaps, "compact": True}, request=request
                )
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
                        "gaps_html": gaps_html[role_id] if index else "",
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
                "certifications": route_certifications(route),
            }
        )
    return {
        "target": target,
        "by": by,
        "routes": choices,
        "comparison": route_comparison(routes, by),
        "profile": profile,
        "pick_title": _("Toward %(role)s") % {"role": target.title},
        "start_slug": start.slug if start is not None else "",
    }


class PlanDetailView(LoginRequiredMixin, View):
    template_name = "planner/plan_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return plan_page(request, pk)


def plan_page(request: HttpRequest, pk: int, *, step_form: PlanStepForm | None = None, status: int = 200):
    """The owner's plan page; ``step_form`` replaces one step's form (a conflict shown without JS)."""
    plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
    profile = profile_get_or_create_for_user(user=request.user)
    view = plan_view(plan=plan, profile=profile)
    forms = {step.pk: PlanStepForm(instance=step, prefix=f"step-{step.pk}") for step in plan.steps.all()}
    if step_form is not None:
        forms[step_form.instance.pk] = step_form
    context = {"plan": plan, "view": view, "step_forms": forms, "plan_panels": extensions.plan_panels()}
    return render(request, PlanDetailView.template_name, context, status=status)


class PlanProgressView(LoginRequiredMixin, View):
    """The progress panel alone, refreshed by htmx after a step changes."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        profile = profile_get_or_create_for_user(user=request.user)
        view = plan_view(plan=plan, profile=profile)
        return render(request, "planner/partials/plan_progress.html", {"plan": plan, "view": view})


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
            messages.success(request, _("Your route is up to date with the role graph. Done steps and notes are kept."))
        return redirect(plan)


class PlanRenameView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        try:
            plan_rename(plan=plan, title=request.POST.get("title", "")[:200])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Renamed the plan."))
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
