"""Views for a person's account: signing up, the profile, deleting the account, the data export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from careerpath.forms import add_service_errors
from careerpath.ratelimit import ratelimit
from careerpath.signup import signup_confirm, signup_request
from planner import exports
from planner.access import (
    profile_get_or_create_for_user,
)
from planner.forms import (
    AccountDeleteForm,
    CertificationFormSet,
    ProfileForm,
    SignupForm,
)
from planner.selectors import (
    account_deletion_summary,
    profile_certifications_held,
    profile_skill_levels,
    skills_for_rating,
)
from planner.services import (
    CertificationHeld,
    account_delete,
    profile_update,
)


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
        messages.success(request, _("Welcome to CareerPath. Start by telling us where you stand."))
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
                messages.success(request, _("Profile saved. Your plans now use it."))
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
        messages.success(request, _("Your account and your data are deleted. Thank you for using CareerPath."))
        return redirect("home")

    def _render(self, form: AccountDeleteForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "summary": account_deletion_summary(user=self.request.user)}
        return render(self.request, self.template_name, context, status=status)


class DataExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = exports.person_data(user=request.user)
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="careerpath-my-data.json"'
        return response
