"""
What coaches and owners write on a plan: comments (both), suggestions and reviews (coach), answers (owner).

The coach reaches a plan through plan_get_for_coach and the owner through plan_get_for_owner, so a
plan that is not shared (or no longer) is not found, exactly like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from careerpath.forms import add_service_errors
from careerpath.ratelimit import ratelimit
from coaching import pages, services
from coaching.access import (
    comment_get_on_plan,
    plan_get_for_coach,
    suggestion_get_on_plan,
)
from coaching.forms import (
    CommentEditForm,
    CommentForm,
    ReviewForm,
    SuggestionForm,
    first_error,
)
from coaching.models import Suggestion
from coaching.views.base import AnswerView
from planner.access import plan_get_for_owner, profile_get_or_create_for_user
from planner.models import Plan
from planner.selectors import plan_detail_queryset, plan_with_people

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
                messages.error(
                    request, _("Your comment was not saved: %(reason)s") % {"reason": " ".join(error.messages)}
                )
            else:
                return redirect(f"{self.plan_url(plan)}#comment-{comment.pk}")
        else:
            messages.error(request, _("Your comment was not saved: %(reason)s") % {"reason": first_error(form)})
        return redirect(f"{self.plan_url(plan)}#{pages.comment_anchor(form)}")


class CommentUpdateMixin:
    """Edit one's own comment on a plan obtained by ``get_plan``."""

    def post(self, request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
        plan = self.get_plan(request, pk)
        comment = comment_get_on_plan(plan=plan, comment_id=comment_id)
        form = CommentEditForm(data=request.POST, prefix=f"edit-{comment.pk}")
        if form.is_valid():
            try:
                services.comment_update(comment=comment, by=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, first_error(form))
        return redirect(f"{self.plan_url(plan)}#comment-{comment.pk}")


class CommentDeleteMixin:
    """Delete one's own comment on a plan obtained by ``get_plan``; its place in the thread stays."""

    def post(self, request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
        plan = self.get_plan(request, pk)
        comment = comment_get_on_plan(plan=plan, comment_id=comment_id)
        try:
            services.comment_delete(comment=comment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Comment deleted."))
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


@method_decorator(ratelimit(key="user", rate="RATELIMIT_COMMENT", scope="comment"), name="post")
class CoachCommentCreateView(CoachPlanAccessMixin, CommentCreateMixin, View):
    pass


class CoachCommentUpdateView(CoachPlanAccessMixin, CommentUpdateMixin, View):
    pass


class CoachCommentDeleteView(CoachPlanAccessMixin, CommentDeleteMixin, View):
    pass


@method_decorator(ratelimit(key="user", rate="RATELIMIT_COMMENT", scope="comment"), name="post")
class PlanCommentCreateView(OwnerPlanAccessMixin, CommentCreateMixin, View):
    pass


class PlanCommentUpdateView(OwnerPlanAccessMixin, CommentUpdateMixin, View):
    pass


class PlanCommentDeleteView(OwnerPlanAccessMixin, CommentDeleteMixin, View):
    pass


@method_decorator(ratelimit(key="user", rate="RATELIMIT_COMMENT", scope="comment"), name="post")
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
                messages.success(request, _("Suggestion sent to %(name)s.") % {"name": plan.owner.get_username()})
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
                messages.success(request, _("Review sent to %(name)s.") % {"name": plan.owner.get_username()})
                return redirect(f"{reverse('coaching:coach-plan', args=[plan.pk])}#reviews")
        return self.render_page(pk, status=400, review_form=form)


# --- The owner answers suggestions ----------------------------------------------------------


class PlanSuggestionAnswerView(AnswerView):
    """The plan's owner answers a coach's suggestion."""

    failure_prefix = gettext_lazy("The suggestion was not applied: ")

    def get_object(self, request: HttpRequest, pk: int, suggestion_id: int) -> Suggestion:
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        return suggestion_get_on_plan(plan=plan, suggestion_id=suggestion_id)

    def answered_url(self, suggestion: Suggestion) -> str:
        return f"{suggestion.plan.get_absolute_url()}#suggestion-{suggestion.pk}"


class PlanSuggestionAcceptView(PlanSuggestionAnswerView):
    """Accept a suggestion: it is applied to the plan."""

    def answer(self, suggestion: Suggestion) -> str:
        profile = profile_get_or_create_for_user(user=self.request.user)
        services.suggestion_accept(suggestion=suggestion, by=self.request.user, profile=profile)
        if suggestion.kind == Suggestion.Kind.ADD_STEP:
            return _("Added “%(title)s” to your plan.") % {"title": suggestion.title}
        if suggestion.kind == Suggestion.Kind.CHANGE_DATE:
            return _("Moved “%(title)s” to %(date)s.") % {
                "title": suggestion.step.title,
                "date": date_format(suggestion.target_date, "j F Y"),
            }
        return _("Your plan now follows the suggested route. Done steps, dates and notes are kept.")


class PlanSuggestionDeclineView(PlanSuggestionAnswerView):
    def answer(self, suggestion: Suggestion) -> str:
        services.suggestion_decline(suggestion=suggestion, by=self.request.user)
        return _("Declined. %(name)s will see that.") % {"name": suggestion.author.get_username()}
