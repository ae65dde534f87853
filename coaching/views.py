"""
Views for coaching: the seeker's consent page, the coach's pages, and what both write on a plan.

Thin, like planner/views.py: each obtains what it works on through one access function (so a
coach without access, or whose access was revoked, gets the same 404 as for a missing page) and
then makes one service or read call. Read paths the coaching pages share are at the end.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from careerpath.forms import add_service_errors
from coaching import pages, selectors, services
from coaching.access import (
    client_skill_get_for_coach,
    coach_get_approved,
    coaching_get_as_coach,
    coaching_get_for_client,
    coaching_get_for_coach,
    comment_get_on_plan,
    note_get_for_coach,
    notification_get_for_recipient,
    plan_get_for_coach,
    suggestion_get_on_plan,
)
from coaching.forms import (
    CoachApplyForm,
    CoachingShareForm,
    CoachNoteForm,
    CommentEditForm,
    CommentForm,
    DashboardQueryForm,
    EmailInviteForm,
    InvitationCodeForm,
    ReviewForm,
    SkillVerifyForm,
    SuggestionForm,
)
from coaching.models import Coaching, Suggestion
from planner.access import plan_get_for_owner, profile_get_or_create_for_user
from planner.models import Plan
from planner.selectors import plan_detail_queryset, plan_with_people


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "Check what you wrote."


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
                    request, f"Invitation sent to {coaching.coach.get_username()}. They see nothing until they accept."
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
                    f"{coaching.coach.get_username()} is now your coach and sees all your plans. "
                    "You can choose which ones below, or end it at any time.",
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
                messages.success(request, f"Saved what {coaching.coach.get_username()} sees.")
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
                request, f"{coaching.coach.get_username()} no longer sees your plans. Their comments stay on them."
            )
        return redirect("coaching:coaching")


class CoachingAnswerView(LoginRequiredMixin, View):
    """Accept or decline a coach's offer; declining your own invitation withdraws it."""

    accept = True

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_for_client(user=request.user, coaching_id=pk)
        try:
            if self.accept:
                services.coaching_accept(coaching=coaching, by=request.user)
            else:
                services.coaching_decline(coaching=coaching, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = coaching.coach.get_username()
            if self.accept:
                messages.success(request, f"{name} is now your coach and sees all your plans; choose which below.")
            elif coaching.invited_by == Coaching.Side.CLIENT:
                messages.success(request, f"Withdrew your invitation to {name}.")
            else:
                messages.success(request, f"Declined {name}'s offer.")
        return redirect(f"{reverse('coaching:coaching')}#coaching-{coaching.pk}")


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
                messages.success(request, "Thank you: staff will read your application and answer here.")
                return redirect("coaching:coach-apply")
        application = selectors.coach_application(user=request.user)
        return render(request, self.template_name, {"form": form, "application": application}, status=400)


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
                    f"If a CareerPath account uses {form.cleaned_data['email']}, its owner will find your offer "
                    "on their coaching page.",
                )
                return redirect("coaching:coach-dashboard")
        return self.render_page(status=400, invite_form=form)


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
                f"New code {invitation.code}: it works once, until {invitation.expires_at:%d %B %Y}. "
                "Copy the link below and send it to your client.",
            )
        return redirect(f"{reverse('coaching:coach-dashboard')}#codes")


class CoachRequestAnswerView(LoginRequiredMixin, View):
    """Accept or decline a client's request; declining your own offer withdraws it."""

    accept = True

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_as_coach(user=request.user, coaching_id=pk)
        try:
            if self.accept:
                services.coaching_accept(coaching=coaching, by=request.user)
            else:
                services.coaching_decline(coaching=coaching, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = coaching.client.get_username()
            if self.accept:
                messages.success(request, f"{name} is now your client.")
            elif coaching.invited_by == Coaching.Side.COACH:
                messages.success(request, f"Withdrew your offer to {name}.")
            else:
                messages.success(request, f"Declined {name}'s request.")
        return redirect("coaching:coach-dashboard")


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
                messages.success(request, "Note saved. Only you see it.")
                return redirect(f"{reverse('coaching:coach-client', args=[client_id])}#notes")
        return self.render_page(coaching, status=400, note_form=form)


class CoachNoteDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        note = note_get_for_coach(coaching=coaching, note_id=note_id)
        services.coach_note_delete(note=note, by=request.user)
        messages.success(request, "Note deleted.")
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
                messages.success(request, f"Verified {row.skill.name} at level {form.cleaned_data['level']}.")
        else:
            messages.error(request, f"{row.skill.name}: {_first_error(form)}")
        return redirect(f"{reverse('coaching:coach-client', args=[client_id])}#skill-{skill_id}")


class CoachClientEndView(LoginRequiredMixin, View):
    """The coach ends the coaching; the client sees who ended it in their record."""

    def post(self, request: HttpRequest, client_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        services.coaching_revoke(coaching=coaching, by=request.user)
        messages.success(request, f"You no longer coach {coaching.client.get_username()}.")
        return redirect("coaching:coach-dashboard")


# --- A client's plan, as the coach sees it --------------------------------------------------


class CoachPlanPageMixin(LoginRequiredMixin):
    template_name = "coaching/coach/plan_detail.html"

    def render_page(self, plan_id: int, status: int = 200, **forms) -> HttpResponse:
        plan = plan_get_for_coach(user=self.request.user, plan_id=plan_id, queryset=plan_detail_queryset())
        return render(self.request, self.template_name, pages.coach_plan_page(plan=plan, **forms), status=status)


class CoachPlanDetailView(CoachPlanPageMixin, View):
    """The plan read-only, with its comment threads and the suggestion and review forms."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(pk)


class CommentCreateMixin:
    """Create a comment, a step comment or a reply on a plan obtained by ``get_plan``."""

    def get_plan(self, request: HttpRequest, pk: int) -> Plan:
        raise NotImplementedError

    def plan_url(self, plan: Plan) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_plan(request, pk)
        form = CommentForm(data=request.POST, plan=plan)
        if form.is_valid():
            try:
                comment = services.comment_create(
                    plan=plan,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    step=form.cleaned_data["step"],
                    parent=form.cleaned_data["parent"],
                )
            except ValidationError as error:
                messages.error(request, "Your comment was not saved: " + " ".join(error.messages))
            else:
                return redirect(f"{self.plan_url(plan)}#comment-{comment.pk}")
        else:
            messages.error(request, "Your comment was not saved: " + _first_error(form))
        return redirect(f"{self.plan_url(plan)}#{pages.comment_anchor(form)}")


class CommentChangeMixin:
    """Edit or delete one's own comment on a plan obtained by ``get_plan``."""

    delete = False

    def post(self, request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
        plan = self.get_plan(request, pk)
        comment = comment_get_on_plan(plan=plan, comment_id=comment_id)
        try:
            if self.delete:
                services.comment_delete(comment=comment, by=request.user)
                messages.success(request, "Comment deleted.")
            else:
                form = CommentEditForm(data=request.POST, prefix=f"edit-{comment.pk}")
                if not form.is_valid():
                    raise ValidationError(_first_error(form))
                services.comment_update(comment=comment, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{self.plan_url(plan)}#comment-{comment.pk}")


class CoachPlanAccessMixin(LoginRequiredMixin):
    def get_plan(self, request: HttpRequest, pk: int) -> Plan:
        return plan_get_for_coach(user=request.user, plan_id=pk, queryset=plan_with_people())

    def plan_url(self, plan: Plan) -> str:
        return reverse("coaching:coach-plan", args=[plan.pk])


class OwnerPlanAccessMixin(LoginRequiredMixin):
    def get_plan(self, request: HttpRequest, pk: int) -> Plan:
        return plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_with_people())

    def plan_url(self, plan: Plan) -> str:
        return plan.get_absolute_url()


class CoachCommentCreateView(CoachPlanAccessMixin, CommentCreateMixin, View):
    pass


class CoachCommentUpdateView(CoachPlanAccessMixin, CommentChangeMixin, View):
    pass


class CoachCommentDeleteView(CoachPlanAccessMixin, CommentChangeMixin, View):
    delete = True


class PlanCommentCreateView(OwnerPlanAccessMixin, CommentCreateMixin, View):
    pass


class PlanCommentUpdateView(OwnerPlanAccessMixin, CommentChangeMixin, View):
    pass


class PlanCommentDeleteView(OwnerPlanAccessMixin, CommentChangeMixin, View):
    delete = True


class CoachSuggestionCreateView(CoachPlanPageMixin, View):
    """Propose a step, a new date for a step, or another route; the client decides."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_coach(user=request.user, plan_id=pk, queryset=plan_with_people())
        form = SuggestionForm(data=request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.suggestion_create(
                    plan=plan,
                    author=request.user,
                    kind=data["kind"],
                    message=data["message"],
                    move=data["move"],
                    title=data["title"],
                    step_kind=data["step_kind"],
                    step=data["step"],
                    target_date=data["target_date"],
                    route=data["route"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Suggestion sent to {plan.owner.get_username()}.")
                return redirect(f"{reverse('coaching:coach-plan', args=[plan.pk])}#suggestions")
        return self.render_page(pk, status=400, suggestion_form=form)


class CoachReviewCreateView(CoachPlanPageMixin, View):
    """Say "looks good" or "needs changes" about the plan as a whole."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_coach(user=request.user, plan_id=pk, queryset=plan_with_people())
        form = ReviewForm(data=request.POST)
        if form.is_valid():
            try:
                services.review_create(
                    plan=plan,
                    author=request.user,
                    verdict=form.cleaned_data["verdict"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Review sent to {plan.owner.get_username()}.")
                return redirect(f"{reverse('coaching:coach-plan', args=[plan.pk])}#reviews")
        return self.render_page(pk, status=400, review_form=form)


# --- The owner answers suggestions ----------------------------------------------------------


class PlanSuggestionAnswerView(LoginRequiredMixin, View):
    """Accept a suggestion (it is applied to the plan) or decline it."""

    accept = True

    def post(self, request: HttpRequest, pk: int, suggestion_id: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        suggestion = suggestion_get_on_plan(plan=plan, suggestion_id=suggestion_id)
        try:
            if self.accept:
                profile = profile_get_or_create_for_user(user=request.user)
                services.suggestion_accept(suggestion=suggestion, by=request.user, profile=profile)
            else:
                services.suggestion_decline(suggestion=suggestion, by=request.user)
        except ValidationError as error:
            messages.error(request, "The suggestion was not applied: " + " ".join(error.messages))
        else:
            messages.success(request, _answered_message(suggestion, accepted=self.accept))
        return redirect(f"{plan.get_absolute_url()}#suggestion-{suggestion.pk}")


def _answered_message(suggestion: Suggestion, *, accepted: bool) -> str:
    if not accepted:
        return f"Declined. {suggestion.author.get_username()} will see that."
    if suggestion.kind == Suggestion.Kind.ADD_STEP:
        return f"Added “{suggestion.title}” to your plan."
    if suggestion.kind == Suggestion.Kind.CHANGE_DATE:
        return f"Moved “{suggestion.step.title}” to {suggestion.target_date:%d %B %Y}."
    return "Your plan now follows the suggested route. Done steps, dates and notes are kept."


# --- Notifications --------------------------------------------------------------------------


class NotificationListView(LoginRequiredMixin, View):
    template_name = "coaching/notifications.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = selectors.notifications_page(user=request.user, page_number=request.GET.get("page"))
        return render(request, self.template_name, {"page": page})


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = services.notifications_mark_read(user=request.user)
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
        return redirect("coaching:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one notification read and go where it points."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = notification_get_for_recipient(user=request.user, notification_id=pk)
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
        if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
            return redirect(notification.url)
        return redirect("coaching:notifications")
