"""
The coach dashboard: one row per client with their plans' progress and what needs attention,
sorted, filtered and paged in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import (
    Coaching,
    CoachInvitation,
)
from planner.models import Plan, PlanRole, PlanStep, Profile
from planner.selectors import person_from_profile, steps_remaining
from roles.selectors import graph_get

ATTENTION_DAYS = 30
DASHBOARD_PAGE_SIZE = 25


@dataclass
class PlanSummary:
    plan: Plan
    step_count: int
    closed_count: int
    months_left: tuple[int, int]
    next_dated_step: PlanStep | None
    overdue_count: int

    @property
    def percent(self) -> int:
        return round(100 * self.closed_count / self.step_count) if self.step_count else 100


@dataclass
class ClientRow:
    coaching: object
    client: AbstractBaseUser
    plans: list[PlanSummary]
    last_progress_at: datetime.datetime | None
    days_since_progress: int | None
    overdue_count: int
    months_left: tuple[int, int]

    @property
    def needs_attention(self) -> bool:
        return self.overdue_count > 0 or self.days_since_progress is None or self.days_since_progress >= ATTENTION_DAYS

    @property
    def next_dated_step(self) -> PlanStep | None:
        dated = [summary.next_dated_step for summary in self.plans if summary.next_dated_step is not None]
        return min(dated, key=lambda step: step.target_date) if dated else None


def coach_dashboard_rows(*, coach: AbstractBaseUser, today: datetime.date | None = None) -> list[ClientRow]:
    """
    Every active client of a coach with their shared plans and where they stand.

    A fixed number of queries whatever the number of clients: coachings, shared plans, their
    routes and steps, and the clients' profiles are each read once.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    coachings = list(
        Coaching.objects.active()
        .filter(coach=coach)
        .select_related("client")
        .prefetch_related(Prefetch("shared_plans", queryset=Plan.objects.only("id")))
        .order_by("client__username")
    )
    client_ids = [coaching.client_id for coaching in coachings]
    plans = list(
        Plan.objects.filter(owner_id__in=client_ids, archived_at__isnull=True)
        .select_related("target_role", "start_role")
        .prefetch_related(
            Prefetch("route_roles", queryset=PlanRole.objects.filter(retired_at__isnull=True).order_by("position")),
            Prefetch("steps", queryset=PlanStep.objects.order_by("move__position", "order")),
        )
    )
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=client_ids).prefetch_related("skills", "certifications")
    }
    G = graph_get()
    plans_by_client: dict[int, list[Plan]] = {}
    for plan in plans:
        plans_by_client.setdefault(plan.owner_id, []).append(plan)

    rows = []
    for coaching in coachings:
        shared_ids = {plan.pk for plan in coaching.shared_plans.all()}
        shared = [
            plan for plan in plans_by_client.get(coaching.client_id, []) if coaching.share_all or plan.pk in shared_ids
        ]
        person = person_from_profile(profiles.get(coaching.client_id))
        summaries = []
        last_progress = None
        for plan in shared:
            live_moves = {plan_role.pk for plan_role in plan.route_roles.all()}
            steps = [step for step in plan.steps.all() if step.move_id in live_moves]
            role_ids = [plan_role.role_id for plan_role in plan.route_roles.all()]
            remaining = steps_remaining(G, person, role_ids, steps)
            open_dated = sorted(
                (step for step in steps if not step.is_closed and step.target_date), key=lambda step: step.target_date
            )
            for step in steps:
                if (
                    step.completed_at
                    and not step.met_at_creation
                    and (last_progress is None or step.completed_at > last_progress)
                ):
                    last_progress = step.completed_at
            summaries.append(
                PlanSummary(
                    plan=plan,
                    step_count=len(steps),
                    closed_count=sum(1 for step in steps if step.is_closed),
                    months_left=(
                        sum(low for low, _ in remaining.values()),
                        sum(high for _, high in remaining.values()),
                    ),
                    next_dated_step=next((step for step in open_dated if step.target_date >= today), None),
                    overdue_count=sum(1 for step in open_dated if step.target_date < today),
                )
            )
        since = last_progress or coaching.accepted_at
        rows.append(
            ClientRow(
                coaching=coaching,
                client=coaching.client,
                plans=summaries,
                last_progress_at=last_progress,
                days_since_progress=(now - since).days if since else None,
                overdue_count=sum(summary.overdue_count for summary in summaries),
                months_left=(
                    min((summary.months_left[0] for summary in summaries), default=0),
                    min((summary.months_left[1] for summary in summaries), default=0),
                ),
            )
        )
    return rows


DASHBOARD_SORTS = {
    "name": lambda row: row.client.get_username().lower(),
    "progress": lambda row: min((summary.percent for summary in row.plans), default=100),
    "months": lambda row: row.months_left[1],
    "overdue": lambda row: -row.overdue_count,
    "inactive": lambda row: -(row.days_since_progress if row.days_since_progress is not None else 10**6),
    "next": lambda row: (row.next_dated_step is None, row.next_dated_step.target_date if row.next_dated_step else None),
}


DASHBOARD_SORT_LABELS = {
    "name": _("Name"),
    "progress": _("Least progress first"),
    "months": _("Fewest months left first"),
    "overdue": _("Most overdue steps first"),
    "inactive": _("Longest without progress first"),
    "next": _("Next dated step soonest"),
}


@dataclass
class Dashboard:
    page: Page
    total: int
    attention_count: int
    requests: list[Coaching]
    offers: list[Coaching]
    codes: list[CoachInvitation]


def coach_dashboard(*, coach: AbstractBaseUser, sort: str, attention_only: bool, page_number: int) -> Dashboard:
    """The coach's clients sorted and filtered, one page of them, and what waits for an answer."""
    rows = coach_dashboard_rows(coach=coach)
    total = len(rows)
    attention_count = sum(1 for row in rows if row.needs_attention)
    if attention_only:
        rows = [row for row in rows if row.needs_attention]
    rows.sort(key=DASHBOARD_SORTS[sort])
    waiting = list(
        Coaching.objects.filter(coach=coach, status=Coaching.Status.INVITED)
        .select_related("client")
        .order_by("created_at")
    )
    return Dashboard(
        page=Paginator(rows, DASHBOARD_PAGE_SIZE).get_page(page_number),
        total=total,
        attention_count=attention_count,
        requests=[c for c in waiting if c.invited_by == Coaching.Side.CLIENT],
        offers=[c for c in waiting if c.invited_by == Coaching.Side.COACH],
        codes=list(
            CoachInvitation.objects.filter(coach=coach, used_at__isnull=True, expires_at__gt=timezone.now())[:20]
        ),
    )
