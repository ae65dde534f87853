"""
Views for coaching: the seeker's consent page, the coach's pages, and what both write on a plan.

Thin, like planner/views.py: each obtains what it works on through one access function (so a
coach without access, or whose access was revoked, gets the same 404 as for a missing page) and
then makes one service or read call. Read paths the coaching pages share are at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from planner import coaching as services
from planner.access import (
    coach_get_approved,
    coaching_get_for_client,
    coaching_get_for_coach,
    coaching_get_for_either,
    plan_get_for_coach,
    plan_get_for_owner,
    profile_get_or_create_for_user,
)
from planner.forms import (
    CoachApplyForm,
    CoachingShareForm,
    CoachNoteForm,
    CommentEditForm,
    CommentForm,
    EmailInviteForm,
    InvitationCodeForm,
    ReviewForm,
    SkillVerifyForm,
    SuggestionForm,
)
from planner.models import (
    Coach,
    Coaching,
    CoachInvitation,
    CoachNote,
    Comment,
    ConsentEvent,
    Notification,
    Plan,
    Profile,
    ProfileSkill,
    Suggestion,
)
from planner.selectors import (
    DASHBOARD_SORTS,
    coach_dashboard_rows,
    plan_detail_queryset,
    plan_list_for_owner,
    plan_view,
)

DASHBOARD_PAGE_SIZE = 25
NOTIFICATIONS_PAGE_SIZE = 30


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's messages on the form's fields where it names them, else on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "Check what you wrote."


# --- The seeker's coaching page -------------------------------------------------------------


class CoachingPageMixin(LoginRequiredMixin):
    template_name = "planner/coaching.html"

    def render_page(self, status: int = 200, **forms) -> HttpResponse:
        context = coaching_page(user=self.request.user, **forms)
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
                _add_errors(form, error)
            else:
                messages.success(
                    request, f"Invitation sent to {coaching.coach.get_username()}. They see nothing until they accept."
                )
                return redirect("planner:coaching")
        return self.render_page(status=400, invite_form=form)


class CoachingJoinView(LoginRequiredMixin, View):
    """Use a coach's one-time code, typed in or from the link the coach sent."""

    template_name = "planner/coaching_join.html"

    def get(self, request: HttpRequest, code: str = "") -> HttpResponse:
        form = InvitationCodeForm(initial={"code": code})
        return render(request, self.template_name, {"form": form, "from_link": bool(code)})

    def post(self, request: HttpRequest, code: str = "") -> HttpResponse:
        form = InvitationCodeForm(data=request.POST)
        if form.is_valid():
            try:
                coaching = services.invitation_redeem(client=request.user, code=form.cleaned_data["code"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{coaching.coach.get_username()} is now your coach and sees all your plans. "
                    "You can choose which ones below, or end it at any time.",
                )
                return redirect(f"{reverse('planner:coaching')}#coaching-{coaching.pk}")
        return render(request, self.template_name, {"form": form, "from_link": bool(code)}, status=400)


class CoachingShareView(CoachingPageMixin, View):
    """Choose what one coach sees: all your plans, or the ones you tick."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = coaching_get_for_client(user=request.user, coaching_id=pk)
        form = CoachingShareForm(data=request.POST, prefix=f"share-{coaching.pk}", plans=_shareable_plans(request.user))
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
            return redirect(f"{reverse('planner:coaching')}#coaching-{coaching.pk}")
        return self.render_page(status=400, share_form=form)


class CoachingRevokeView(LoginRequiredMixin, View):
    """End a coaching: asks first, then the coach loses access on their very next request."""

    template_name = "planner/coaching_revoke.html"

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
        return redirect("planner:coaching")


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
        return redirect(f"{reverse('planner:coaching')}#coaching-{coaching.pk}")


# --- Becoming a coach -----------------------------------------------------------------------


class CoachApplyView(LoginRequiredMixin, View):
    """Apply to coach, and see where the application stands (the only coach page for non-coaches)."""

    template_name = "planner/coach/apply.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        application = Coach.objects.filter(user=request.user).first()
        form = CoachApplyForm(initial={"bio": application.bio if application else ""})
        return render(request, self.template_name, {"form": form, "application": application})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CoachApplyForm(data=request.POST)
        if form.is_valid():
            try:
                services.coach_apply(user=request.user, bio=form.cleaned_data["bio"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Thank you: staff will read your application and answer here.")
                return redirect("planner:coach-apply")
        application = Coach.objects.filter(user=request.user).first()
        return render(request, self.template_name, {"form": form, "application": application}, status=400)


# --- The coach's dashboard, invitations and requests ----------------------------------------


class CoachDashboardPageMixin(LoginRequiredMixin):
    template_name = "planner/coach/dashboard.html"

    def render_page(self, status: int = 200, **forms) -> HttpResponse:
        context = coach_dashboard(request=self.request, **forms)
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
                _add_errors(form, error)
            else:
                # The same answer whether or not anyone uses the address: that is theirs to say.
                messages.success(
                    request,
                    f"If a CareerPath account uses {form.cleaned_data['email']}, its owner will find your offer "
                    "on their coaching page.",
                )
                return redirect("planner:coach-dashboard")
        return self.render_page(status=400, invite_form=form)


class CoachInvitationListView(LoginRequiredMixin, View):
    """Your invitation codes, used and unused (GET), or a new one (POST)."""

    template_name = "planner/coach/invitation_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        coach_get_approved(user=request.user)
        invitations = CoachInvitation.objects.filter(coach=request.user).select_related("used_by")[:200]
        context = {"invitations": invitations, "now": timezone.now(), "join_base": _join_base(request)}
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
        return redirect(f"{reverse('planner:coach-dashboard')}#codes")


class CoachRequestAnswerView(LoginRequiredMixin, View):
    """Accept or decline a client's request; declining your own offer withdraws it."""

    accept = True

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        coaching = _coaching_of_coach(user=request.user, coaching_id=pk)
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
        return redirect("planner:coach-dashboard")


# --- One client -----------------------------------------------------------------------------


class CoachClientPageMixin(LoginRequiredMixin):
    template_name = "planner/coach/client_detail.html"

    def render_page(self, coaching: Coaching, status: int = 200, **forms) -> HttpResponse:
        context = coach_client_page(coaching=coaching, **forms)
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
                _add_errors(form, error)
            else:
                messages.success(request, "Note saved. Only you see it.")
                return redirect(f"{reverse('planner:coach-client', args=[client_id])}#notes")
        return self.render_page(coaching, status=400, note_form=form)


class CoachNoteDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        note = CoachNote.objects.filter(pk=note_id, coach=request.user, client=coaching.client).first()
        if note is None:
            raise Http404("Not found.")
        services.coach_note_delete(note=note, by=request.user)
        messages.success(request, "Note deleted.")
        return redirect(f"{reverse('planner:coach-client', args=[client_id])}#notes")


class CoachSkillVerifyView(LoginRequiredMixin, View):
    """Confirm or adjust one of the client's self-rated skills; both figures are kept."""

    def post(self, request: HttpRequest, client_id: int, skill_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        row = ProfileSkill.objects.filter(profile__user=coaching.client, skill_id=skill_id).select_related("skill")
        row = row.first()
        if row is None:
            raise Http404("Not found.")
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
        return redirect(f"{reverse('planner:coach-client', args=[client_id])}#skill-{skill_id}")


class CoachClientEndView(LoginRequiredMixin, View):
    """The coach ends the coaching; the client sees who ended it in their record."""

    def post(self, request: HttpRequest, client_id: int) -> HttpResponse:
        coaching = coaching_get_for_coach(user=request.user, client_id=client_id)
        services.coaching_revoke(coaching=coaching, by=request.user)
        messages.success(request, f"You no longer coach {coaching.client.get_username()}.")
        return redirect("planner:coach-dashboard")


# --- A client's plan, as the coach sees it --------------------------------------------------


class CoachPlanPageMixin(LoginRequiredMixin):
    template_name = "planner/coach/plan_detail.html"

    def render_page(self, plan_id: int, status: int = 200, **forms) -> HttpResponse:
        plan = plan_get_for_coach(user=self.request.user, plan_id=plan_id, queryset=plan_detail_queryset())
        return render(self.request, self.template_name, coach_plan_page(plan=plan, **forms), status=status)


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
        return redirect(f"{self.plan_url(plan)}#{_comment_anchor(form)}")


class CommentChangeMixin:
    """Edit or delete one's own comment on a plan obtained by ``get_plan``."""

    delete = False

    def post(self, request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
        plan = self.get_plan(request, pk)
        comment = Comment.objects.filter(plan=plan, pk=comment_id).first()
        if comment is None:
            raise Http404("Not found.")
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
        return plan_get_for_coach(user=request.user, plan_id=pk, queryset=Plan.objects.select_related("owner"))

    def plan_url(self, plan: Plan) -> str:
        return reverse("planner:coach-plan", args=[plan.pk])


class OwnerPlanAccessMixin(LoginRequiredMixin):
    def get_plan(self, request: HttpRequest, pk: int) -> Plan:
        return plan_get_for_owner(user=request.user, plan_id=pk, queryset=Plan.objects.select_related("owner"))

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
        plan = plan_get_for_coach(
            user=request.user, plan_id=pk, queryset=Plan.objects.select_related("start_role", "owner")
        )
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
                _add_errors(form, error)
            else:
                messages.success(request, f"Suggestion sent to {plan.owner.get_username()}.")
                return redirect(f"{reverse('planner:coach-plan', args=[plan.pk])}#suggestions")
        return self.render_page(pk, status=400, suggestion_form=form)


class CoachReviewCreateView(CoachPlanPageMixin, View):
    """Say "looks good" or "needs changes" about the plan as a whole."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_get_for_coach(user=request.user, plan_id=pk, queryset=Plan.objects.select_related("owner"))
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
                _add_errors(form, error)
            else:
                messages.success(request, f"Review sent to {plan.owner.get_username()}.")
                return redirect(f"{reverse('planner:coach-plan', args=[plan.pk])}#reviews")
        return self.render_page(pk, status=400, review_form=form)


# --- The owner answers suggestions ----------------------------------------------------------


class PlanSuggestionAnswerView(LoginRequiredMixin, View):
    """Accept a suggestion (it is applied to the plan) or decline it."""

    accept = True

    def post(self, request: HttpRequest, pk: int, suggestion_id: int) -> HttpResponse:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        suggestion = (
            Suggestion.objects.filter(plan=plan, pk=suggestion_id).select_related("author", "move", "step").first()
        )
        if suggestion is None:
            raise Http404("Not found.")
        suggestion.plan = plan
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
    template_name = "planner/notifications.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        notifications = Notification.objects.filter(recipient=request.user).select_related("actor")
        page = Paginator(notifications, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, self.template_name, {"page": page})


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = services.notifications_mark_read(user=request.user)
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
        return redirect("planner:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one notification read and go where it points."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
        if notification is None:
            raise Http404("Not found.")
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
        if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
            return redirect(notification.url)
        return redirect("planner:notifications")


# --- Read paths for these pages -------------------------------------------------------------
# Each runs a fixed number of queries whatever the number of coaches, clients, plans or comments.


def _coaching_of_coach(*, user: AbstractBaseUser, coaching_id) -> Coaching:
    """Return a coaching (of any status) in which the approved coach ``user`` is the coach, or 404."""
    coach_get_approved(user=user)
    coaching = coaching_get_for_either(user=user, coaching_id=coaching_id)
    if coaching.coach_id != user.pk:
        raise Http404("Not found.")
    return coaching


def _shareable_plans(user: AbstractBaseUser):
    return Plan.objects.filter(owner=user, archived_at__isnull=True).order_by("title", "id")


def _join_base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("planner:coaching-join"))


def _comment_anchor(form: CommentForm) -> str:
    target = form.target
    if target.startswith("reply-"):
        return f"comment-{target[6:]}"
    return target if target.startswith("step-") else "comments"


@dataclass
class CoachingCard:
    """One coaching on the seeker's page, with its sharing form state and its consent record."""

    coaching: Coaching
    share_all: bool
    shared_ids: set[int]
    share_form: CoachingShareForm | None


def coaching_page(
    *,
    user: AbstractBaseUser,
    invite_form: EmailInviteForm | None = None,
    share_form: CoachingShareForm | None = None,
) -> dict:
    coachings = list(
        Coaching.objects.filter(client=user)
        .select_related("coach__coach")
        .prefetch_related(
            Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")),
            Prefetch("shared_plans", queryset=Plan.objects.only("id")),
        )
    )
    plans = list(_shareable_plans(user))
    cards = []
    for coaching in coachings:
        form = share_form if share_form is not None and share_form.prefix == f"share-{coaching.pk}" else None
        if form is not None:
            share_all = form.data.get(f"{form.prefix}-share") != "some"
            shared_ids = {int(pk) for pk in form.data.getlist(f"{form.prefix}-plans") if pk.isdigit()}
        else:
            share_all = coaching.share_all
            shared_ids = {plan.pk for plan in coaching.shared_plans.all()}
        cards.append(CoachingCard(coaching=coaching, share_all=share_all, shared_ids=shared_ids, share_form=form))
    status = Coaching.Status
    return {
        "offers": [c for c in cards if c.coaching.status == status.INVITED and c.coaching.invited_by == "coach"],
        "requests": [c for c in cards if c.coaching.status == status.INVITED and c.coaching.invited_by == "client"],
        "active": [c for c in cards if c.coaching.status == status.ACTIVE],
        "ended": [c for c in cards if c.coaching.status in (status.DECLINED, status.REVOKED)],
        "plans": plans,
        "verified_skills": list(
            ProfileSkill.objects.filter(profile__user=user, verified_level__isnull=False)
            .select_related("skill", "verified_by")
            .order_by("skill__name")
        ),
        "invite_form": invite_form or EmailInviteForm(prefix="invite"),
        "code_form": InvitationCodeForm(),
    }


def coach_dashboard(*, request: HttpRequest, invite_form: EmailInviteForm | None = None) -> dict:
    user = request.user
    sort = request.GET.get("sort", "name")
    sort = sort if sort in DASHBOARD_SORTS else "name"
    attention = request.GET.get("attention") == "1"
    rows = coach_dashboard_rows(coach=user)
    total = len(rows)
    attention_count = sum(1 for row in rows if row.needs_attention)
    if attention:
        rows = [row for row in rows if row.needs_attention]
    rows.sort(key=DASHBOARD_SORTS[sort])
    page = Paginator(rows, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = list(
        Coaching.objects.filter(coach=user, status=Coaching.Status.INVITED)
        .select_related("client")
        .order_by("created_at")
    )
    codes = list(CoachInvitation.objects.filter(coach=user, used_at__isnull=True, expires_at__gt=timezone.now())[:20])
    query = {"sort": sort, **({"attention": "1"} if attention else {})}
    return {
        "page": page,
        "rows": page.object_list,
        "sort": sort,
        "sorts": DASHBOARD_SORT_LABELS,
        "attention": attention,
        "attention_count": attention_count,
        "total": total,
        "query": query,
        "requests": [c for c in waiting if c.invited_by == Coaching.Side.CLIENT],
        "offers": [c for c in waiting if c.invited_by == Coaching.Side.COACH],
        "codes": codes,
        "join_base": _join_base(request),
        "invite_form": invite_form or EmailInviteForm(prefix="invite"),
    }


DASHBOARD_SORT_LABELS = {
    "name": "Name",
    "progress": "Least progress first",
    "months": "Fewest months left first",
    "overdue": "Most overdue steps first",
    "inactive": "Longest without progress first",
    "next": "Next dated step soonest",
}


def coach_client_page(*, coaching: Coaching, note_form: CoachNoteForm | None = None) -> dict:
    client = coaching.client
    plans = plan_list_for_owner(user=client)
    if not coaching.share_all:
        plans = plans.filter(pk__in=coaching.shared_plans.values("pk"))
    skills = list(
        ProfileSkill.objects.filter(profile__user=client)
        .select_related("skill", "verified_by")
        .order_by("skill__category", "skill__name")
    )
    return {
        "coaching": coaching,
        "client": client,
        "plans": list(plans.order_by("title", "id")),
        "skills": skills,
        "level_choices": range(1, 6),
        "notes": list(CoachNote.objects.filter(coach=coaching.coach_id, client=client)),
        "note_form": note_form or CoachNoteForm(),
    }


def coach_plan_page(
    *, plan: Plan, suggestion_form: SuggestionForm | None = None, review_form: ReviewForm | None = None
) -> dict:
    profile = Profile.objects.filter(user_id=plan.owner_id).select_related("current_role").first()
    return {
        "plan": plan,
        "client": plan.owner,
        "view": plan_view(plan=plan, profile=profile),
        "suggestion_form": suggestion_form or SuggestionForm(plan=plan),
        "review_form": review_form or ReviewForm(),
        "today": timezone.localdate(),
    }
