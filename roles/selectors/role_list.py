"""The role list: roles by track, searched and paged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from roles.engine import (
    SalarySpread,
)
from roles.models import (
    Role,
    SalaryFact,
    Track,
)
from roles.selectors.salaries import salary_spreads_for
from roles.selectors.titles import job_title_search

SEARCH_MAX_TERMS = 8
TRACK_ORDER = {value: index for index, value in enumerate(Track.values)}


@dataclass(frozen=True)
class RoleCard:
    role: Role
    spread: SalarySpread | None


@dataclass(frozen=True)
class TrackGroup:
    track: str
    label: str
    roles: list[RoleCard]


def _search_filter(query: str) -> Q:
    """Match every word of the query somewhere in a role's title, alternate titles, summary or duties."""
    fields = ("title", "alternate_titles", "summary", "duties")
    terms = query.split()[:SEARCH_MAX_TERMS]
    per_term = [reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields)) for term in terms]
    return reduce(and_, per_term, Q())


ROLES_PER_PAGE = 25
# Roles the title search may rank on the list (its results come in rank order, before the rest).
LIST_TITLE_MATCHES = 50


@dataclass(frozen=True)
class RoleListPage:
    groups: list[TrackGroup]
    page: Page
    count: int


def role_list_queryset(
    *,
    query: str = "",
    track: str = "",
    level: int | None = None,
    job_zone: int | None = None,
    with_salary: bool = False,
) -> QuerySet[Role]:
    """
    The active roles that match the search and the filters, in the list's order.

    A query finds roles by job title first (``job_title_search``: typos, word order, O*NET's
    alternate titles), in its order, then roles whose text holds every word, by level and title.
    Without a query, roles come by track, level and title.
    """
    roles = Role.objects.active()
    if track:
        roles = roles.filter(track=track)
    if level is not None:
        roles = roles.filter(level=level)
    if job_zone is not None:
        roles = roles.filter(job_zone=job_zone)
    if with_salary:
        roles = roles.filter(Exists(SalaryFact.objects.filter(role=OuterRef("pk"))))
    if query.strip():
        ranked_ids = [match.role.pk for match in job_title_search(query, limit=LIST_TITLE_MATCHES)]
        rank = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked_ids)),
            default=Value(len(ranked_ids)),
            output_field=IntegerField(),
        )
        return (
            roles.filter(Q(pk__in=ranked_ids) | _search_filter(query))
            .annotate(rank=rank)
            .order_by("rank", "level", "title", "pk")
        )
    track_rank = Case(
        *(When(track=value, then=Value(order)) for value, order in TRACK_ORDER.items()),
        default=Value(len(TRACK_ORDER)),
        output_field=IntegerField(),
    )
    return roles.annotate(track_rank=track_rank).order_by("track_rank", "level", "title", "pk")


def role_cards(roles: Iterable[Role]) -> list[RoleCard]:
    """Roles with their salary spreads, in two queries whatever their number."""
    roles = list(roles)
    spreads = salary_spreads_for(role.pk for role in roles)
    return [RoleCard(role=role, spread=spreads.get(role.id)) for role in roles]


def role_list_page(
    *,
    query: str = "",
    track: str = "",
    level: int | None = None,
    job_zone: int | None = None,
    with_salary: bool = False,
    page: int = 1,
) -> RoleListPage:
    """One page of ``role_list_queryset``, grouped by track. A fixed number of queries."""
    roles = role_list_queryset(query=query, track=track, level=level, job_zone=job_zone, with_salary=with_salary)
    paginator = Paginator(roles, ROLES_PER_PAGE)
    current = paginator.get_page(page)
    grouped: dict[str, list[RoleCard]] = defaultdict(list)
    for card in role_cards(current.object_list):
        grouped[card.role.track].append(card)
    labels = dict(Track.choices)
    # Tracks in the order their first role comes on the page (the search's rank, or the tracks' order).
    groups = [
        TrackGroup(track=value, label=str(labels.get(value, value)), roles=cards) for value, cards in grouped.items()
    ]
    return RoleListPage(groups=groups, page=current, count=paginator.count)
