"""The seeker's side of coaching: their coaching page, invitations and codes, sharing, ending; applying to coach."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from careerpath.forms import add_service_errors
from careerpath.ratelimit import ratelimit
from coaching import pages, selectors, services
from coaching.access import (
    coaching_get_for_client,
)
from coaching.forms import (
    CoachApplyForm,
    CoachingShareForm,
    EmailInviteForm,
    InvitationCodeForm,
)
from coaching.models import Coaching
from coaching.views.base import AnswerView

# --- The seeker's coaching page -------------------------------------------------------------


class CoachingPageMixin(LoginRequiredMixin):
    template_name = "coaching/coaching.html"

    def render_page(self, status: int = 200, **forms) -> HttpResponse:
        context = pages.coaching_page(user=self.request.user, **forms)
        return render(self.request, self.template_name, context, status=status)


class CoachingView(CoachingPageMixin, View):
    """Your coaches, the invitations waiting for you, what each coach sees, and the consent record."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page()


@method_decorator(ratelimit(key="user", rate="RATELIMIT_INVITE", scope="coaching-invite"), name="post")
class CoachingInviteView(CoachingPageMixin, View):
    """Ask an approved coach, by their email address, to coach you."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = EmailInviteForm(data=request.POST, prefix="invite")
        if form.is_valid():
            try:
                coaching = services.coaching_invite_coach(client=request.user, email=form.cleaned_data["email"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(name)s. They see nothing until they accept.")
                    % {"name": coaching.coach.get_username()},
                )
                return redirect("coaching:coaching")
        return self.render_page(status=400, invite_form=form)


class CoachingJoinView(LoginRequiredMixin, View):
    """Use a coach's one-time code, typed in or from the link the coach sent."""

    template_name = "coaching/coaching_join.html"

    def get(self, request: HttpRequest, code: str = "") -> HttpResponse:
        form = InvitationCodeForm(initial={"code": code})
        return render(request, self.template_name, {"form": form, "from_link": bool(code)})

    def post(self, request: HttpRequest, code: str = "") -> HttpResponse:
        form = InvitationCodeForm(data=request.POST)
        if form.is_valid():
            try:
                coaching = services.invitation_redeem(client=request.user, code=form.cleaned_data["code"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is now your coach. Nothing is shared yet: choose below which plans they see. "
                        "You can end it at any time."
                    )
                    % {"name": coaching.coach.get_username()},
                )
                return redirect(f"{reverse('coaching:coaching')}#coaching-{coaching.pk}")
        return render(request, self.template_name, {"form": form, "from_link": bool(code)}, status=400)


class CoachingShareView(CoachingPageMixin, View):
    """Choose what one coach sees: all your plans, or the ones you tick."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_for_client(user=request.user, coaching_id=pk)
        form = CoachingShareForm(
            data=request.POST, prefix=f"share-{coaching.pk}", plans=selectors.shareable_plans(user=request.user)
        )
        if form.is_valid():
            try:
                services.coaching_share(
                    coaching=coaching,
                    by=request.user,
                    share_all=form.cleaned_data["share"] == "all",
                    plans=list(form.cleaned_data["plans"]),
                )
            except ValidationError as error:
                # The coaching ended, or a plan is not theirs: nothing at a field to point at.
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Saved what %(name)s sees.") % {"name": coaching.coach.get_username()})
            return redirect(f"{reverse('coaching:coaching')}#coaching-{coaching.pk}")
        return self.render_page(status=400, share_form=form)


class CoachingRevokeView(LoginRequiredMixin, View):
    """End a coaching: asks first, then the coach loses access on their very next request."""

    template_name = "coaching/coaching_revoke.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_for_client(user=request.user, coaching_id=pk)
        return render(request, self.template_name, {"coaching": coaching})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_for_client(user=request.user, coaching_id=pk)
        try:
            services.coaching_revoke(coaching=coaching, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s no longer sees your plans. Their comments stay on them.")
                % {"name": coaching.coach.get_username()},
            )
        return redirect("coaching:coaching")


class CoachingAnswerView(AnswerView):
    """The client answers an invitation between them and a coach."""

    def get_object(self, request: HttpRequest, pk: int) -> Coaching:
        return coaching_get_for_client(user=request.user, coaching_id=pk)

    def answered_url(self, coaching: Coaching) -> str:
        return f"{reverse('coaching:coaching')}#coaching-{coaching.pk}"


class CoachingAcceptView(CoachingAnswerView):
    """Accept a coach's offer: the coach sees none of the client's plans until the client chooses."""

    def answer(self, coaching: Coaching) -> str:
        services.coaching_accept(coaching=coaching, by=self.request.user)
        return _("%(name)s is now your coach. Nothing is shared yet: choose below which plans they see.") % {
            "name": coaching.coach.get_username()
        }


class CoachingDeclineView(CoachingAnswerView):
    """Decline a coach's offer; declining your own invitation withdraws it."""

    def answer(self, coaching: Coaching) -> str:
        services.coaching_decline(coaching=coaching, by=self.request.user)
        name = coaching.coach.get_username()
        if coaching.invited_by == Coaching.Side.CLIENT:
            return _("Withdrew your invitation to %(name)s.") % {"name": name}
        return _("Declined %(name)s's offer.") % {"name": name}


# --- Becoming a coach -----------------------------------------------------------------------


class CoachApplyView(LoginRequiredMixin, View):
    """Apply to coach, and see where the application stands (the only coach page for non-coaches)."""

    template_name = "coaching/coach/apply.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        application = selectors.coach_application(user=request.user)
        form = CoachApplyForm(initial={"bio": application.bio if application else ""})
        return render(request, self.template_name, {"form": form, "application": application})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CoachApplyForm(data=request.POST)
        if form.is_valid():
            try:
                services.coach_apply(user=request.user, bio=form.cleaned_data["bio"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: staff will read your application and answer here."))
                return redirect("coaching:coach-apply")
        application = selectors.coach_application(user=request.user)
        return render(request, self.template_name, {"form": form, "application": application}, status=400)
