"""
A person as the routing engine sees them: their profile as a Person, their pace, where they start, and what they rate.
"""

from __future__ import annotations

from decimal import Decimal

import networkx as nx
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from planner.models import Profile
from roles import engine
from roles.engine import Person
from roles.models import Education, Role, Skill
from roles.selectors import graph_get

DAYS_PER_MONTH = Decimal("30.44")
# The graph's learning-step months assume about this many hours a week; a person's own hours set
# their pace, within bounds (learning cannot be crammed without end, nor stretched without end).
PACE_BASELINE_HOURS = 5
PACE_BOUNDS = (0.5, 3.0)


def pace_for_hours(hours_per_week: int | None) -> float:
    if not hours_per_week or hours_per_week <= 0:
        return 1.0
    low, high = PACE_BOUNDS
    return min(high, max(low, PACE_BASELINE_HOURS / hours_per_week))


def person_from_profile(profile: Profile | None) -> Person:
    """
    Return the engine's view of a person; expired certifications do not count.

    A coach's verified level, where there is one, counts instead of the self-rating. Reads the
    profile's skills and certifications once each, or none when the caller prefetched them (the
    coach dashboard does, for every client at once).
    """
    if profile is None or profile.pk is None:
        return Person(
            current_role_id=None,
            years_experience=Decimal(0),
            years_leading=Decimal(0),
            education=Education.HIGH_SCHOOL,
            skills={},
            certification_ids=frozenset(),
        )
    today = timezone.localdate()
    return Person(
        current_role_id=profile.current_role_id,
        years_experience=profile.years_experience,
        years_leading=profile.years_leading,
        education=profile.education,
        skills={row.skill_id: row.effective_level for row in profile.skills.all()},
        certification_ids=frozenset(
            row.certification_id
            for row in profile.certifications.all()
            if row.expires_on is None or row.expires_on > today
        ),
        pace=pace_for_hours(profile.hours_per_week),
    )


# The target the new-plan page proposes first.
DEFAULT_TARGET_SLUG = "customer-service-manager"


def default_target() -> Role | None:
    return Role.objects.active().filter(slug=DEFAULT_TARGET_SLUG).first()


def profile_certifications_held(profile: Profile) -> list[dict]:
    """The profile's certifications as the profile form's initial rows."""
    return [
        {"certification": row.certification, "earned_on": row.earned_on, "expires_on": row.expires_on}
        for row in profile.certifications.select_related("certification")
    ]


def profile_skill_levels(profile: Profile) -> dict[int, int]:
    return dict(profile.skills.values_list("skill_id", "level"))


def skills_for_rating() -> list[Skill]:
    return list(Skill.objects.filter(archived=False).order_by("category", "name"))


def first_missing_move(slugs: list[str]) -> tuple[str, str] | None:
    """Return the first two neighbouring roles of a route with no live move between them now, or None."""
    G = graph_get()
    for source, target in zip(slugs, slugs[1:], strict=False):
        try:
            u, v = engine.role_id_for_slug(G, source), engine.role_id_for_slug(G, target)
        except engine.UnknownRole:
            return source, target
        if not G.has_edge(u, v) or not G.edges[u, v]["live"]:
            return source, target
    return None


def start_role_id(G: nx.DiGraph, person: Person) -> int:
    """Return where a person's routes start: their current role, or the entry node."""
    if person.current_role_id is not None and person.current_role_id in G:
        return person.current_role_id
    for role_id, data in G.nodes(data=True):
        if data["is_entry"] and not data["archived"]:
            return role_id
    raise engine.NoRoute("you", "anywhere", reason="the role graph has no entry role yet")


def start_role_for_user(*, user: AbstractBaseUser, profile: Profile | None = None) -> Role | None:
    """
    The role a person's routes start from (their current role, or the entry role), if any.

    ``profile`` is the user's profile with its current role, when the caller has read it already.
    """
    if profile is None:
        profile = Profile.objects.filter(user=user).select_related("current_role").first()
    if profile is not None and profile.current_role is not None and not profile.current_role.archived:
        return profile.current_role
    return Role.objects.active().filter(is_entry=True).order_by("pk").first()
