"""The coach's pages: the dashboard, invitation codes, answers to requests, and one client's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from careerpath.forms import add_service_errors
from careerpath.ratelimit import ratelimit
from coaching import pages, selectors, services
from coaching.access import (
    client_skill_get_for_coach,
    coach_get_approved,
    coaching_get_as_coach,
    coaching_get_for_coach,
    note_get_for_coach,
)
from coaching.forms import (
    CoachNoteForm,
    DashboardQueryForm,
    EmailInviteForm,
    SkillVerifyForm,
    first_error,
)
from coaching.models import Coaching
from coaching.views.base import AnswerView

# --- The coach's dashboard, invitations and requests ----------------------------------------


class CoachDashboardPageMixin(LoginRequiredMixin):
    template_name = "coaching/coach/dashboard.html"

    def render_page(self, status: int = 200, **forms) -> HttpResponse:
        query = DashboardQueryForm(data=self.request.GET).query()
        context = pages.coach_dashboard(request=self.request, query=query, **forms)
        return render(self.request, self.template_name, context, status=status)


class CoachDashboardView(CoachDashboardPageMixin, View):
    """Every active client and their shared plans; sortable, filterable, 25 to a page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        coach_get_approved(user=request.user)
        return self.render_page()


@method_decorator(ratelimit(key="user", rate="RATELIMIT_INVITE", scope="coaching-invite"), name="post")
class CoachInviteClientView(CoachDashboardPageMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        coach_get_approved(user=request.user)
        form = EmailInviteForm(data=request.POST, prefix="invite")
        if form.is_valid():
            try:
                services.coaching_invite_client(coach=request.user, email=form.cleaned_data["email"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The same answer whether or not anyone uses the address: that is theirs to say.
                messages.success(
                    request,
                    _("If a CareerPath account uses %(email)s, its owner will find your offer on their coaching page.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("coaching:coach-dashboard")
        return self.render_page(status=400, invite_form=form)


@method_decorator(ratelimit(key="user", rate="RATELIMIT_INVITE", scope="coaching-invite"), name="post")
class CoachInvitationListView(LoginRequiredMixin, View):
    """Your invitation codes, used and unused (GET), or a new one (POST)."""

    template_name = "coaching/coach/invitation_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        coach_get_approved(user=request.user)
        invitations = selectors.invitations_for_coach(coach=request.user)
        context = {"invitations": invitations, "now": timezone.now(), "join_base": pages.join_base(request)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest) -> HttpResponse:
        coach_get_approved(user=request.user)
        try:
            invitation = services.invitation_create(coach=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("New code %(code)s: it works once, until %(date)s. Copy the link below and send it to your client.")
                % {"code": invitation.code, "date": date_format(invitation.expires_at, "j F Y")},
            )
        return redirect(f"{reverse('coaching:coach-dashboard')}#codes")


class CoachRequestAnswerView(AnswerView):
    """The coach answers an invitation between them and a client."""

    def get_object(self, request: HttpRequest, pk: int) -> Coaching:
        return coaching_get_as_coach(user=request.user, coaching_id=pk)

    def answered_url(self, coaching: Coaching) -> str:
        return reverse("coaching:coach-dashboard")


class CoachRequestAcceptView(CoachRequestAnswerView):
    def answer(self, coaching: Coaching) -> str:
        services.coaching_accept(coaching=coaching, by=self.request.user)
        return _("%(name)s is now your client.") % {"name": coaching.client.get_username()}


class CoachRequestDeclineView(CoachRequestAnswerView):
    """Decline a client's request; declining your own offer withdraws it."""

    def answer(self, coaching: Coaching) -> str:
        services.coaching_decline(coaching=coaching, by=self.request.user)
        name = coaching.client.get_username()
        if coaching.invited_by == Coaching.Side.COACH:
            return _("Withdrew your offer to %(name)s.") % {"name": name}
        return _("Declined %(name)s's request.") % {"name": name}


# --- One client -----------------------------------------------------------------------------


class CoachClientPageMixin(LoginRequiredMixin):
    template_name = "coaching/coach/client_detail.html"

    def render_page(self, coaching: Coaching, status: int = 200, **forms) -> HttpResponse:
        context = pages.coach_client_page(coaching=coaching, **forms)
        return render(self.request, self.template_name, context, status=status)


class CoachClientView(CoachClientPageMixin, View):
    """A client's shared plans, their skills to verify, and the coach's private notes."""

    def get(self, request: HttpRequest, client_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        return self.render_page(coaching)


class CoachNoteCreateView(CoachClientPageMixin, View):
    def post(self, request: HttpRequest, client_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        form = CoachNoteForm(data=request.POST)
        if form.is_valid():
            try:
                services.coach_note_create(coach=request.user, client=coaching.client, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Note saved. Only you see it."))
                return redirect(f"{reverse('coaching:coach-client', args=[client_id])}#notes")
        return self.render_page(coaching, status=400, note_form=form)


class CoachNoteDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        note = note_get_for_coach(coaching=coaching, note_id=note_id)
        services.coach_note_delete(note=note, by=request.user)
        messages.success(request, _("Note deleted."))
        return redirect(f"{reverse('coaching:coach-client', args=[client_id])}#notes")


class CoachSkillVerifyView(LoginRequiredMixin, View):
    """Confirm or adjust one of the client's self-rated skills; both figures are kept."""

    def post(self, request: HttpRequest, client_id: int, skill_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        row = client_skill_get_for_coach(coaching=coaching, skill_id=skill_id)
        form = SkillVerifyForm(data=request.POST, prefix=f"skill-{skill_id}")
        if form.is_valid():
            try:
                services.skill_verify(
                    coach=request.user, client=coaching.client, skill=row.skill, level=form.cleaned_data["level"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Verified %(skill)s at level %(level)d.")
                    % {"skill": row.skill.name, "level": form.cleaned_data["level"]},
                )
        else:
            messages.error(request, _("%(skill)s: %(error)s") % {"skill": row.skill.name, "error": first_error(form)})
        return redirect(f"{reverse('coaching:coach-client', args=[client_id])}#skill-{skill_id}")


class CoachClientEndView(LoginRequiredMixin, View):
    """The coach ends the coaching; the client sees who ended it in their record."""

    def post(self, request: HttpRequest, client_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        services.coaching_revoke(coaching=coaching, by=request.user)
        messages.success(request, _("You no longer coach %(name)s.") % {"name": coaching.client.get_username()})
        return redirect("coaching:coach-dashboard")
