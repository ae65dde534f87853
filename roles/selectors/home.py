"""The home page's summary."""

from __future__ import annotations

from dataclasses import dataclass

from roles.models import (
    Role,
    Transition,
)
from roles.selectors.graph_page import MANAGER_SLUG

# Roles the home page shows first, in this order; any that are missing are left out.
FEATURED_ROLE_SLUGS = (
    "customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
    "customer-experience-manager",
    "customer-success-manager",
    "operations-manager",
)


@dataclass(frozen=True)
class HomeSummary:
    featured: list[Role]
    roles_count: int
    moves_count: int
    manager: Role | None


def home_summary() -> HomeSummary:
    """Return the featured roles, in their set order, and how big the graph is."""
    found = {role.slug: role for role in Role.objects.active().filter(slug__in=FEATURED_ROLE_SLUGS)}
    featured = [found[slug] for slug in FEATURED_ROLE_SLUGS if slug in found]
    if not featured:
        featured = list(Role.objects.active().order_by("-level", "title")[:6])
    return HomeSummary(
        featured=featured,
        roles_count=Role.objects.active().count(),
        moves_count=Transition.objects.active().count(),
        manager=found.get(MANAGER_SLUG),
    )
