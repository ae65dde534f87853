"""
The context of each coaching page: what the selectors read, with the page's forms.

A page shown again after a failed post keeps the bound form that failed, so its errors show.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from coaching import selectors
from coaching.forms import (
    CoachingShareForm,
    CoachNoteForm,
    CommentForm,
    DashboardQuery,
    EmailInviteForm,
    InvitationCodeForm,
    ReviewForm,
    SuggestionForm,
)
from coaching.models import Coaching
from planner.models import Plan
from planner.selectors import plan_view

# Under each step of the coach's view of a plan: the step's comment threads.
COACH_STEP_PANELS = ["coaching/partials/comment_step.html"]


@dataclass
class CoachingCard:
    """One coaching on the seeker's page, with its sharing form state and its consent record."""

    coaching: Coaching
    share_all: bool
    shared_ids: set[int]
    share_form: CoachingShareForm | None

    @property
    def nothing_shared(self) -> bool:
        """The coach sees no plan (as when coaching begins): neither choice is shown as made."""
        return self.share_form is None and not self.share_all and not self.shared_ids


def join_base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("coaching:coaching-join"))


def comment_anchor(form: CommentForm) -> str:
    target = form.target
    if target.startswith("reply-"):
        return f"comment-{target[6:]}"
    return target if target.startswith("step-") else "comments"


def coaching_page(
    *,
    user: AbstractBaseUser,
    invite_form: EmailInviteForm | None = None,
    share_form: CoachingShareForm | None = None,
) -> dict:
    cards = []
    for coaching in selectors.coachings_for_client(user=user):
        form = share_form if share_form is not None and share_form.prefix == f"share-{coaching.pk}" else None
        if form is not None:
            share_all = form.data.get(f"{form.prefix}-share") == "all"
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
        "plans": list(selectors.shareable_plans(user=user)),
        "verified_skills": selectors.verified_skills(user=user),
        "invite_form": invite_form or EmailInviteForm(prefix="invite"),
        "code_form": InvitationCodeForm(),
    }


def coach_dashboard(*, request: HttpRequest, query: DashboardQuery, invite_form: EmailInviteForm | None = None) -> dict:
    dashboard = selectors.coach_dashboard(
        coach=request.user, sort=query.sort, attention_only=query.attention, page_number=query.page
    )
    return {
        "page": dashboard.page,
        "rows": dashboard.page.object_list,
        "sort": query.sort,
        "sorts": selectors.DASHBOARD_SORT_LABELS,
        "attention": query.attention,
        "attention_count": dashboard.attention_count,
        "total": dashboard.total,
        "query": {"sort": query.sort, **({"attention": "1"} if query.attention else {})},
        "requests": dashboard.requests,
        "offers": dashboard.offers,
        "codes": dashboard.codes,
        "join_base": join_base(request),
        "invite_form": invite_form or EmailInviteForm(prefix="invite"),
    }


def coach_client_page(*, coaching: Coaching, note_form: CoachNoteForm | None = None) -> dict:
    return {
        **selectors.client_page(coaching=coaching),
        "level_choices": range(1, 6),
        "note_form": note_form or CoachNoteForm(),
    }


def coach_plan_page(
    *, plan: Plan, suggestion_form: SuggestionForm | None = None, review_form: ReviewForm | None = None
) -> dict:
    return {
        "plan": plan,
        "client": plan.owner,
        "view": plan_view(plan=plan, profile=selectors.client_profile(plan=plan)),
        "step_panels": COACH_STEP_PANELS,
        "suggestion_form": suggestion_form or SuggestionForm(plan=plan),
        "review_form": review_form or ReviewForm(),
        "today": timezone.localdate(),
    }
