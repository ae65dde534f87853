"""Views for people: thin wrappers over access functions, selectors and services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView, TemplateView

from careerpath.forms import add_service_errors
from careerpath.ratelimit import ratelimit
from careerpath.signup import signup_confirm, signup_request
from planner import exports, extensions
from planner.access import (
    plan_get_for_owner,
    plan_get_in_bin_for_owner,
    profile_get_or_create_for_user,
    step_get_on_plan,
)
from planner.forms import (
    AccountDeleteForm,
    CertificationFormSet,
    PlanPickForm,
    PlanStepForm,
    PlanTargetForm,
    ProfileForm,
    SignupForm,
)
from planner.models import BIN_DAYS, Plan, PlanStep, Profile
from planner.selectors import (
    DEFAULT_TARGET_SLUG,
    account_deletion_summary,
    default_target,
    plan_bin_for_owner,
    plan_detail_queryset,
    plan_list_for_owner,
    plan_view,
    profile_certifications_held,
    profile_skill_levels,
    route_certifications,
    route_comparison,
    skills_for_rating,
    start_role_for_user,
)
from planner.services import (
    CertificationHeld,
    StepConflict,
    account_delete,
    person_at_start,
    plan_create,
    plan_delete_forever,
    plan_move_to_bin,
    plan_rename,
    plan_reroute,
    plan_restore_from_bin,
    plan_set_archived,
    plan_step_update,
    profile_update,
    routes_for_person,
)
from roles import engine
from roles.engine import role_gaps
from roles.models import Role


@method_decorator(ratelimit(key="ip", rate="RATELIMIT_SIGNUP", scope="signup"), name="post")
class SignupView(FormView):
    """The same answer for a new and a registered address: "check your email" (see careerpath.signup)."""

    template_name = "registration/signup.html"
    form_class = SignupForm
    success_url = reverse_lazy("signup-done")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("planner:plan-list")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            signup_request(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                base_url=f"{self.request.scheme}://{self.request.get_host()}",
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return super().form_valid(form)


class SignupConfirmView(View):
    """
    The link from the confirmation email. GET only shows a button: mail scanners fetch links, and a
    GET must not use up the one-time link; the POST activates the account and signs its owner in.
    """

    def get(self, request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
        user = signup_confirm(uidb64=uidb64, token=token, activate=False)
        template = "registration/signup_confirm.html" if user is not None else "registration/signup_invalid.html"
        return render(request, template, {"confirm_user": user}, status=200 if user is not None else 400)

    def post(self, request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
        user = signup_confirm(uidb64=uidb64, token=token, activate=True)
        if user is None:
            return render(request, "registration/signup_invalid.html", status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to CareerPath. Start by telling us where you stand.")
        return redirect("planner:profile")


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


class AccountDeleteView(LoginRequiredMixin, View):
    """
    Delete one's own account, after the password and an explicit confirmation.

    Deletion is immediate, with no grace period: a half-deleted account that still logs in, still
    shares plans and still gets mail would need every access check to know about it. The page says
    exactly what goes and what stays, and offers the data export first.
    """

    template_name = "planner/account_delete.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(AccountDeleteForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AccountDeleteForm(data=request.POST, user=request.user)
        if not form.is_valid():
            return self._render(form, status=400)
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, "Your account and your data are deleted. Thank you for using CareerPath.")
        return redirect("home")

    def _render(self, form: AccountDeleteForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "summary": account_deletion_summary(user=self.request.user)}
        return render(self.request, self.template_name, context, status=status)


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
                messages.success(request, "Your plan is ready. Mark steps as you go.")
                return redirect(plan)
        else:
            messages.error(request, "Pick one of the routes shown.")
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
        return {"target": target, "by": by, "error": str(error)}
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
        "pick_title": f"Toward {target.title}",
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
                step = plan_step_update(
                    step=step,
                    status=form.cleaned_data["status"],
                    target_date=form.cleaned_data["target_date"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                )
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
            messages.success(request, f"Saved “{step.title}”.")
        else:
            messages.error(request, f"“{step.title}” was not saved: " + " ".join(_form_messages(form)))
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
    """Move a plan to the bin; it can be restored from there for BIN_DAYS."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        plan_move_to_bin(plan=plan)
        messages.success(
            request,
            f"Moved “{plan.title}” to the bin. You can restore it there until {date_format(plan.purge_on)}.",
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
        messages.success(request, f"Restored “{plan.title}” from the bin.")
        return redirect(plan)


class PlanBinDeleteView(LoginRequiredMixin, View):
    """Delete a plan in the bin for good, only with the confirmation box ticked."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_in_bin_for_owner(user=request.user, plan_id=pk)
        if request.POST.get("confirm") != "yes":
            messages.error(request, f"Tick the box to confirm you want to delete “{plan.title}” for good.")
            return redirect("planner:plan-bin")
        title = plan.title
        plan_delete_forever(plan=plan)
        messages.success(request, f"Deleted “{title}” for good.")
        return redirect("planner:plan-bin")


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
