"""
Read paths for coaching pages: the seeker's coachings, the coach's dashboard and clients, a shared
plan's comments, suggestions and reviews, and notifications.

Each runs a fixed number of queries whatever the number of coaches, clients, plans or comments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, Replace
from django.utils import timezone

from coaching.models import (
    FORMER_COACH,
    Coach,
    Coaching,
    CoachInvitation,
    CoachNote,
    Comment,
    ConsentEvent,
    Notification,
    Review,
    Suggestion,
)
from planner.models import Plan, PlanRole, PlanStep, Profile, ProfileSkill
from planner.selectors import person_from_profile, plan_list_for_owner, steps_remaining
from roles.selectors import graph_get

ATTENTION_DAYS = 30
DASHBOARD_PAGE_SIZE = 25
NOTIFICATIONS_PAGE_SIZE = 30


# --- A plan's comments, suggestions and reviews ---------------------------------------------


def comment_threads() -> QuerySet[Comment]:
    """
    Comments with their authors, each thread's opening comment followed by its replies.

    ``thread`` is the id of the opening comment, so templates can ``regroup`` by it.
    """
    return (
        Comment.objects.select_related("author")
        .annotate(thread=Coalesce("parent", "id"))
        .order_by("thread", "created_at", "id")
    )


def plan_page_prefetches() -> list[Prefetch]:
    """What coaches and the owner wrote about a plan, for planner's plan query (see coaching.extensions)."""
    return [
        Prefetch("steps__comments", queryset=comment_threads()),
        Prefetch("comments", queryset=comment_threads().filter(step__isnull=True), to_attr="plan_comments"),
        Prefetch(
            "suggestions",
            queryset=Suggestion.objects.select_related("author", "move__role", "step").annotate(
                route_words=Replace(Replace("route", Value(","), Value(" → ")), Value("-"), Value(" "))
            ),
        ),
        Prefetch("reviews", queryset=Review.objects.select_related("author")),
    ]


def commented_step_ids(plan_id: int) -> set[int]:
    """The plan's steps someone commented on: a reroute keeps them (see coaching.extensions)."""
    return set(Comment.objects.filter(plan_id=plan_id, step__isnull=False).values_list("step_id", flat=True).distinct())


def _name(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else FORMER_COACH


def _when(moment: datetime.datetime | datetime.date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _record(coaching: Coaching) -> list[dict]:
    return [
        {"action": event.action, "by": _name(event.actor), "detail": event.detail, "at": _when(event.created_at)}
        for event in coaching.events.all()
    ]


def coaching_export(user: AbstractBaseUser) -> list[dict]:
    """The person's coachings as the client, with their consent record, for the data export."""
    coachings = (
        Coaching.objects.filter(client=user)
        .select_related("coach")
        .prefetch_related("shared_plans", Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")))
        .order_by("created_at", "id")
    )
    return [
        {
            "coach": _name(coaching.coach),
            "status": coaching.status,
            "share_all": coaching.share_all,
            "shared_plans": [plan.title for plan in coaching.shared_plans.all()],
            "record": _record(coaching),
        }
        for coaching in coachings
    ]


def clients_export(user: AbstractBaseUser) -> list[dict]:
    """The person's coachings as the coach, with their consent record, for the data export."""
    coachings = (
        Coaching.objects.filter(coach=user)
        .select_related("client")
        .prefetch_related(Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")))
        .order_by("created_at", "id")
    )
    return [
        {
            "client": coaching.client.get_username(),
            "status": coaching.status,
            "invited_by": coaching.invited_by,
            "accepted_at": _when(coaching.accepted_at),
            "ended_at": _when(coaching.ended_at),
            "record": _record(coaching),
        }
        for coaching in coachings
    ]


def coach_export(user: AbstractBaseUser) -> dict | None:
    """The person's application to coach and their invitation codes, or None if they never applied."""
    coach = Coach.objects.filter(user=user).first()
    if coach is None:
        return None
    return {
        "status": coach.status,
        "bio": coach.bio,
        "applied_at": _when(coach.applied_at),
        "decided_at": _when(coach.decided_at),
        "invitation_codes": [
            {
                "code": invitation.code,
                "created_at": _when(invitation.created_at),
                "expires_at": _when(invitation.expires_at),
                "used_at": _when(invitation.used_at),
                "used_by": invitation.used_by.get_username() if invitation.used_by else None,
            }
            for invitation in CoachInvitation.objects.filter(coach=user).select_related("used_by")
        ],
    }


def _comment(comment: Comment) -> dict:
    return {
        "plan": comment.plan.title,
        "step": comment.step.title if comment.step else None,
        "author": _name(comment.author),
        "body": comment.body,
        "created_at": _when(comment.created_at),
        "edited_at": _when(comment.edited_at),
    }


def comments_export(user: AbstractBaseUser) -> list[dict]:
    """The comments the person wrote, on their plans and their clients', for the data export."""
    comments = Comment.objects.filter(author=user, deleted_at__isnull=True).select_related("plan", "step", "author")
    return [_comment(comment) for comment in comments]


def comments_received_export(user: AbstractBaseUser) -> list[dict]:
    """What others (their coaches) wrote on the person's plans, for the data export."""
    comments = (
        Comment.objects.filter(plan__owner=user, deleted_at__isnull=True)
        .exclude(author=user)
        .select_related("plan", "step", "author")
    )
    return [_comment(comment) for comment in comments]


def _suggestion(suggestion: Suggestion) -> dict:
    return {
        "plan": suggestion.plan.title,
        "author": _name(suggestion.author),
        "kind": suggestion.kind,
        "title": suggestion.title,
        "step": suggestion.step.title if suggestion.step else None,
        "target_date": _when(suggestion.target_date),
        "route": suggestion.route.split(",") if suggestion.route else [],
        "message": suggestion.message,
        "status": suggestion.status,
        "created_at": _when(suggestion.created_at),
        "decided_at": _when(suggestion.decided_at),
    }


def _review(review: Review) -> dict:
    return {
        "plan": review.plan.title,
        "author": _name(review.author),
        "verdict": review.verdict,
        "message": review.message,
        "created_at": _when(review.created_at),
    }


def suggestions_export(user: AbstractBaseUser) -> dict:
    """Suggestions the person made (as a coach) and received (on their plans), for the data export."""
    suggestions = Suggestion.objects.select_related("plan", "author", "step").order_by("created_at", "id")
    return {
        "given": [_suggestion(row) for row in suggestions.filter(author=user)],
        "received": [_suggestion(row) for row in suggestions.filter(plan__owner=user)],
    }


def reviews_export(user: AbstractBaseUser) -> dict:
    """Reviews the person wrote (as a coach) and received (on their plans), for the data export."""
    reviews = Review.objects.select_related("plan", "author").order_by("created_at", "id")
    return {
        "given": [_review(row) for row in reviews.filter(author=user)],
        "received": [_review(row) for row in reviews.filter(plan__owner=user)],
    }


def coach_notes_export(user: AbstractBaseUser) -> list[dict]:
    """
    The private notes the person wrote as a coach, for the data export.

    Notes a coach wrote about the person are the coach's, private by design: they are in the
    coach's export, not the client's.
    """
    return [
        {
            "client": note.client.get_username(),
            "body": note.body,
            "created_at": _when(note.created_at),
            "updated_at": _when(note.updated_at),
        }
        for note in CoachNote.objects.filter(coach=user).select_related("client").order_by("created_at", "id")
    ]


def notifications_export(user: AbstractBaseUser) -> list[dict]:
    return [
        {
            "kind": notification.kind,
            "text": notification.text,
            "url": notification.url,
            "from": notification.actor.get_username() if notification.actor else None,
            "created_at": _when(notification.created_at),
            "read_at": _when(notification.read_at),
        }
        for notification in Notification.objects.filter(recipient=user)
        .select_related("actor")
        .order_by("created_at", "id")
    ]


def account_deletion_summary(user: AbstractBaseUser) -> list[str]:
    """What deleting the person's account does to their coaching, in sentences (see planner.extensions)."""
    lines = []
    as_client = Coaching.objects.open().filter(client=user).count()
    if as_client:
        lines.append(
            f"Your {as_client} coaching{'s' if as_client != 1 else ''} end at once, with their record. The plans "
            "you share with coaches are deleted with the rest, comments and suggestions on them included: your "
            "coaches see nothing more, and are told you left."
        )
    as_coach = Coaching.objects.open().filter(coach=user).count()
    wrote = Comment.objects.filter(author=user).exclude(plan__owner=user).exists()
    if as_coach:
        lines.append(f"Your coaching of {as_coach} client{'s' if as_coach != 1 else ''} ends, and they are told.")
    if Coach.objects.filter(user=user).exists() or wrote:
        lines.append(
            "Your clients keep the record of your coaching, and the comments, suggestions, reviews and verified "
            f"skill levels you gave stay on their plans, shown as from “{FORMER_COACH}”. Your private notes on "
            "clients, your coach application and your invitation codes are deleted."
        )
    lines.append("Your notifications are deleted.")
    return lines


# --- The seeker's coaching page -------------------------------------------------------------


def coachings_for_client(*, user: AbstractBaseUser) -> list[Coaching]:
    """Every coaching of the user as client, with the coach, the consent record and what is shared."""
    return list(
        Coaching.objects.filter(client=user)
        .select_related("coach__coach")
        .prefetch_related(
            Prefetch("events", queryset=ConsentEvent.objects.select_related("actor")),
            Prefetch("shared_plans", queryset=Plan.objects.only("id")),
        )
    )


def shareable_plans(*, user: AbstractBaseUser) -> QuerySet[Plan]:
    return Plan.objects.filter(owner=user, archived_at__isnull=True).order_by("title", "id")


def verified_skills(*, user: AbstractBaseUser) -> list[ProfileSkill]:
    return list(
        ProfileSkill.objects.filter(profile__user=user, verified_level__isnull=False)
        .select_related("skill", "verified_by")
        .order_by("skill__name")
    )


def coach_application(*, user: AbstractBaseUser) -> Coach | None:
    """The user's coach record (an application or an approval), or None."""
    return Coach.objects.filter(user=user).first()


# --- The coach's pages ----------------------------------------------------------------------


def invitations_for_coach(*, coach: AbstractBaseUser, limit: int = 200) -> list[CoachInvitation]:
    return list(CoachInvitation.objects.filter(coach=coach).select_related("used_by")[:limit])


def client_page(*, coaching: Coaching) -> dict:
    """A client's shared plans, their rated skills and the coach's private notes."""
    client = coaching.client
    plans = plan_list_for_owner(user=client)
    if not coaching.share_all:
        plans = plans.filter(pk__in=coaching.shared_plans.values("pk"))
    return {
        "coaching": coaching,
        "client": client,
        "plans": list(plans.order_by("title", "id")),
        "skills": list(
            ProfileSkill.objects.filter(profile__user=client)
            .select_related("skill", "verified_by")
            .order_by("skill__category", "skill__name")
        ),
        "notes": list(CoachNote.objects.filter(coach=coaching.coach_id, client=client)),
    }


def client_profile(*, plan: Plan) -> Profile | None:
    """The plan owner's profile, for the coach's view of the plan."""
    return Profile.objects.filter(user_id=plan.owner_id).select_related("current_role").first()


def notifications_page(*, user: AbstractBaseUser, page_number: int | str | None) -> Page:
    notifications = Notification.objects.filter(recipient=user).select_related("actor")
    return Paginator(notifications, NOTIFICATIONS_PAGE_SIZE).get_page(page_number)


# --- The coach dashboard --------------------------------------------------------------------


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
    "name": "Name",
    "progress": "Least progress first",
    "months": "Fewest months left first",
    "overdue": "Most overdue steps first",
    "inactive": "Longest without progress first",
    "next": "Next dated step soonest",
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
