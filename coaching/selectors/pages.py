"""
The seeker's coaching page, the coach's pages (invitations, a client) and notifications.

Each runs a fixed number of queries whatever the number of coaches, clients, plans or comments.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from coaching.models import (
    Coach,
    Coaching,
    CoachInvitation,
    CoachNote,
    ConsentEvent,
    Notification,
)
from planner.models import Plan, Profile, ProfileSkill
from planner.selectors import plan_list_for_owner

NOTIFICATIONS_PAGE_SIZE = 30


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
