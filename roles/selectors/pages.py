"""
Read paths for the role pages: the role list, a role's page, the whole graph, the home page.

Each function runs a fixed number of SQL queries whatever the size of the graph, and returns plain
dataclasses whose relations are already loaded, so a template never sets off a query of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import and_, or_

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Sum, Value, When
from django.http import Http404

from roles.engine import (
    SalaryFactData,
    SalarySpread,
    UnknownRole,
    neighbourhood,
    role_id_for_slug,
    role_salary_spreads,
)
from roles.models import (
    OnetReference,
    Role,
    RoleCertification,
    RoleOnetData,
    RoleSkill,
    SalaryFact,
    Track,
    Transition,
    TransitionStep,
)
from roles.onet import role_slug
from roles.onet.joined import ONET_IMPORTANT, onet_level_on_our_scale
from roles.selectors.graph import graph_get
from roles.selectors.titles import job_title_search

# Roles the home page shows first, in this order; any that are missing are left out.
FEATURED_ROLE_SLUGS = (
    "customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
    "customer-experience-manager",
    "customer-success-manager",
    "operations-manager",
)
MANAGER_SLUG = "customer-service-manager"

SEARCH_MAX_TERMS = 8
TRACK_ORDER = {value: index for index, value in enumerate(Track.values)}

# Where the graph picture puts its nodes: one column per seniority level, read left to right.
GRAPH_COLUMN_GAP = 170
GRAPH_ROW_GAP = 80


# ---------------------------------------------------------------------------------------------
# Salary figures


def format_money(amount: Decimal | None, *, signed: bool = False) -> str:
    """Format a figure as dollars, keeping cents only where the source gave them ("?" for none)."""
    if amount is None:  # the database's constraints rule it out for the kinds that show a figure
        return "?"
    sign = ""
    if signed:
        sign = "+" if amount >= 0 else "\u2212"
    elif amount < 0:
        sign = "\u2212"
    amount = abs(amount)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{sign}${text}"


def salary_fact_figure(fact: SalaryFact) -> str:
    """Say a salary fact's figure the way its source gives it ("$55,000–$65,000 per year")."""
    period = fact.get_period_display()
    if fact.kind == SalaryFact.Kind.RANGE:
        top = format_money(fact.amount_max) + ("+" if fact.open_ended else "")
        return f"{format_money(fact.amount_min)}\u2013{top} {period}"
    if fact.kind == SalaryFact.Kind.RELATIVE:
        other = fact.relative_to.title if fact.relative_to is not None else "another role"
        per = "" if fact.period == SalaryFact.Period.YEAR else f" {period}"
        return f"{format_money(fact.amount, signed=True)}{per} vs {other}"
    return f"{format_money(fact.amount)} {period}"


def _fact_data(fact: SalaryFact) -> SalaryFactData:
    return SalaryFactData(
        kind=fact.kind,
        amount=fact.amount,
        amount_min=fact.amount_min,
        amount_max=fact.amount_max,
        open_ended=fact.open_ended,
        relative_to=fact.relative_to_id,
        period=fact.period,
        scope=fact.scope,
        scope_label=fact.scope_label,
        source=fact.source,
        note=fact.note,
        id=fact.id,
    )


def salary_spreads() -> dict[int, SalarySpread | None]:
    """
    Return the salary spread of every role that has salary facts, keyed by role id, in one query.

    Every fact is read, not only those of the roles on the page, because a relative figure
    ("+$21,324 vs Customer Service Manager") is worked out from another role's figures.
    """
    facts_by_role: dict[int, list[SalaryFactData]] = defaultdict(list)
    for fact in SalaryFact.objects.order_by("id"):
        facts_by_role[fact.role_id].append(_fact_data(fact))
    return role_salary_spreads(facts_by_role)


@dataclass(frozen=True)
class SalaryFactRow:
    fact: SalaryFact
    figure: str


# ---------------------------------------------------------------------------------------------
# The role list


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


def salary_spreads_for(role_ids: Iterable[int]) -> dict[int, SalarySpread | None]:
    """
    The salary spreads of some roles in two queries: their facts, then the facts of the roles
    their relative figures are worked out from ("+$21,324 vs Customer Service Manager").
    """
    role_ids = set(role_ids)
    facts_by_role: dict[int, list[SalaryFactData]] = defaultdict(list)
    bases: set[int] = set()
    for fact in SalaryFact.objects.filter(role_id__in=role_ids).order_by("id"):
        facts_by_role[fact.role_id].append(_fact_data(fact))
        if fact.relative_to_id is not None and fact.relative_to_id not in role_ids:
            bases.add(fact.relative_to_id)
    if bases:
        for fact in SalaryFact.objects.filter(role_id__in=bases).order_by("id"):
            facts_by_role[fact.role_id].append(_fact_data(fact))
    return role_salary_spreads(facts_by_role)


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
    groups = [TrackGroup(track=value, label=labels.get(value, value), roles=cards) for value, cards in grouped.items()]
    return RoleListPage(groups=groups, page=current, count=paginator.count)


# ---------------------------------------------------------------------------------------------
# A role's page


@dataclass(frozen=True)
class SkillRow:
    role_skill: RoleSkill
    level_description: str


@dataclass(frozen=True)
class Move:
    """One move to or from a role, with its non-archived steps in order."""

    transition: Transition
    other_role: Role
    steps: list[TransitionStep]
    months_min: int
    months_max: int


# O*NET skills a role's page lists: those at least this important to the occupation (1..5).


@dataclass(frozen=True, slots=True)
class OnetSkillRow:
    name: str
    description: str
    importance: float
    level: float
    our_level: int


@dataclass(frozen=True, slots=True)
class OnetShare:
    label: str
    share: float


@dataclass(frozen=True)
class OnetView:
    """An occupation's O*NET data as a role page shows it, with the names the codes stand for."""

    code: str
    title: str
    job_zone: dict | None
    skills: list[OnetSkillRow]
    education: list[tuple[str, list[OnetShare]]]  # (the scale's name, the categories with workers)
    technology: list[dict]
    source: str


def onet_view(data: dict | None, reference: dict | None) -> OnetView | None:
    """The role's O*NET data (``RoleOnetData.data``) read against the release's reference (``OnetReference``)."""
    if not data or not reference:
        return None
    skills = {skill["id"]: skill for skill in reference["skills"]}
    rows = [
        OnetSkillRow(
            name=skills[entry["skill"]]["name"] if entry["skill"] in skills else entry["skill"],
            description=skills.get(entry["skill"], {}).get("description", ""),
            importance=entry["importance"],
            level=entry["level"],
            our_level=onet_level_on_our_scale(entry["level"]),
        )
        for entry in data.get("skills", [])
        if entry["importance"] >= ONET_IMPORTANT and not entry["level_not_relevant"]
    ]
    education = []
    for scale, shares in sorted(data.get("education", {}).items()):
        category = reference["education_categories"].get(scale)
        if category is None:
            continue
        # A category's short label: its text before the " - " explanation O*NET appends to some.
        labels = {entry["category"]: entry["label"].split(" - ")[0] for entry in category["categories"]}
        education.append(
            (
                category["name"],
                [
                    OnetShare(label=labels.get(e["category"], str(e["category"])), share=e["share"])
                    for e in shares
                    if e["share"] > 0
                ],
            )
        )
    zones = {zone["zone"]: zone for zone in reference.get("job_zones", [])}
    return OnetView(
        code=data["code"],
        title=data["title"],
        job_zone=zones.get(data.get("job_zone")),
        skills=sorted(rows, key=lambda row: (-row.importance, row.name)),
        education=education,
        technology=sorted(data.get("technology", []), key=lambda tool: (not tool["hot"], tool["example"])),
        source=reference.get("source", ""),
    )


def _role_onet_view(role: Role) -> OnetView | None:
    onet_data: RoleOnetData | None = getattr(role, "onet_data", None)  # select_related by role_detail_get
    if onet_data is None:
        return None
    return onet_view(onet_data.data, OnetReference.objects.filter(pk=1).values_list("data", flat=True).first())


@dataclass(frozen=True)
class RoleDetail:
    role: Role
    skills: list[SkillRow]
    required_certifications: list[RoleCertification]
    recommended_certifications: list[RoleCertification]
    salary_facts: list[SalaryFactRow]
    spread: SalarySpread | None
    moves_out: list[Move] = field(default_factory=list)
    moves_in: list[Move] = field(default_factory=list)
    onet: OnetView | None = None


def _steps_prefetch() -> Prefetch:
    steps = TransitionStep.objects.filter(archived=False).select_related("skill", "certification").order_by("order")
    return Prefetch("steps", queryset=steps, to_attr="active_steps")


def move_months(steps: Iterable[TransitionStep]) -> tuple[int, int]:
    """Return the shortest and longest time a move takes: the sum over its required steps."""
    required = [step for step in steps if not step.optional]
    return sum(step.months_min for step in required), sum(step.months_max for step in required)


def _moves(transitions: Iterable[Transition], *, outgoing: bool) -> list[Move]:
    moves = []
    for transition in transitions:
        steps: list[TransitionStep] = transition.active_steps  # type: ignore[attr-defined]  # _steps_prefetch's
        low, high = move_months(steps)
        moves.append(
            Move(
                transition=transition,
                other_role=transition.target_role if outgoing else transition.source_role,
                steps=steps,
                months_min=low,
                months_max=high,
            )
        )
    return moves


def role_detail_get(*, slug: str) -> RoleDetail:
    """Return everything a role's page shows, or raise Http404; archived roles are found too."""
    role = (
        Role.objects.filter(slug=slug)
        .select_related("onet_data")
        .prefetch_related(
            Prefetch(
                "role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("-level", "skill__name")
            ),
            Prefetch(
                "role_certifications",
                queryset=RoleCertification.objects.select_related("certification").order_by("certification__name"),
            ),
            Prefetch(
                "salary_facts",
                queryset=SalaryFact.objects.select_related("relative_to").order_by("scope", "kind", "id"),
            ),
        )
        .first()
    )
    if role is None:
        raise Http404("No role has that address.")

    outgoing = (
        Transition.objects.active()
        .filter(source_role=role)
        .select_related("target_role")
        .prefetch_related(_steps_prefetch())
        .order_by("target_role__level", "target_role__title")
    )
    incoming = (
        Transition.objects.active()
        .filter(target_role=role)
        .select_related("source_role")
        .prefetch_related(_steps_prefetch())
        .order_by("source_role__level", "source_role__title")
    )

    skills = []
    for role_skill in role.role_skills.all():
        descriptions = role_skill.skill.level_descriptions
        description = descriptions[role_skill.level - 1] if 1 <= role_skill.level <= len(descriptions) else ""
        skills.append(SkillRow(role_skill=role_skill, level_description=description))
    certifications = list(role.role_certifications.all())
    facts = list(role.salary_facts.all())
    return RoleDetail(
        role=role,
        skills=skills,
        required_certifications=[c for c in certifications if c.kind == RoleCertification.Kind.REQUIRED],
        recommended_certifications=[c for c in certifications if c.kind != RoleCertification.Kind.REQUIRED],
        salary_facts=[SalaryFactRow(fact=fact, figure=salary_fact_figure(fact)) for fact in facts],
        spread=salary_spreads_for([role.id]).get(role.id) if facts else None,
        moves_out=_moves(outgoing, outgoing=True),
        moves_in=_moves(incoming, outgoing=False),
        onet=_role_onet_view(role),
    )


# ---------------------------------------------------------------------------------------------
# The whole graph


@dataclass(frozen=True)
class GraphEdge:
    transition: Transition
    months_min: int
    months_max: int
    steps_count: int


@dataclass(frozen=True)
class RoleGraph:
    roles: list[Role]
    edges: list[GraphEdge]
    groups: list[TrackGroup]

    def as_data(self) -> dict:
        """Return the graph as plain JSON data: nodes with a position, and edges between slugs."""
        moves = [(edge.transition.source_role.slug, edge.transition.target_role.slug) for edge in self.edges]
        positions = graph_positions(self.roles, moves)
        nodes = [
            {
                "slug": role.slug,
                "title": role.title,
                "track": role.track,
                "track_label": role.get_track_display(),
                "level": role.level,
                "is_entry": role.is_entry,
                "url": role.get_absolute_url(),
                "x": positions[role.slug][0],
                "y": positions[role.slug][1],
            }
            for role in self.roles
        ]
        edges = [
            {
                "from": edge.transition.source_role.slug,
                "to": edge.transition.target_role.slug,
                "kind": edge.transition.kind,
                "kind_label": edge.transition.get_kind_display(),
                "months_min": edge.months_min,
                "months_max": edge.months_max,
                "steps": edge.steps_count,
            }
            for edge in self.edges
        ]
        return {"nodes": nodes, "edges": edges}


def graph_positions(roles: Iterable[Role], moves: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[int, int]]:
    """
    Place each role in the column of its seniority level, so the picture reads left to right.

    A role reached by a move from a role of its own level (a specialisation of the manager, say)
    goes in a sub-column to the right of it, so that such moves do not run through a stack of
    roles. Within a sub-column roles are stacked by track, then title, around the middle row.
    """
    roles = list(roles)
    level = {role.slug: role.level for role in roles}
    same_level_sources: dict[str, list[str]] = defaultdict(list)
    for source, target in moves:
        if source in level and target in level and level[source] == level[target]:
            same_level_sources[target].append(source)

    depth: dict[str, int] = {}

    def depth_of(slug: str, seen: frozenset[str] = frozenset()) -> int:
        if slug not in depth:
            sources = [s for s in same_level_sources[slug] if s not in seen]
            depth[slug] = 1 + max((depth_of(s, seen | {slug}) for s in sources), default=-1)
        return depth[slug]

    columns: dict[tuple[int, int], list[Role]] = defaultdict(list)
    for role in roles:
        columns[(role.level, depth_of(role.slug))].append(role)
    positions = {}
    for column, (_key, members) in enumerate(sorted(columns.items())):
        members.sort(key=lambda r: (TRACK_ORDER.get(r.track, len(TRACK_ORDER)), r.title))
        offset = (len(members) - 1) / 2
        for row, role in enumerate(members):
            positions[role.slug] = (column * GRAPH_COLUMN_GAP, round((row - offset) * GRAPH_ROW_GAP))
    return positions


def role_graph(role_ids: Collection[int] | None = None, moves: Collection[tuple[int, int]] | None = None) -> RoleGraph:
    """
    Return every active role and every active move between them, with each move's months and
    steps; with ``role_ids``, only those roles and the moves between them, and with ``moves``
    only those (source id, target id) pairs.
    """
    roles_qs = Role.objects.active().order_by("level", "title")
    if role_ids is not None:
        roles_qs = roles_qs.filter(pk__in=role_ids)
    roles = list(roles_qs)
    live_steps = Q(steps__archived=False)
    required_steps = live_steps & Q(steps__optional=False)
    transitions = (
        Transition.objects.active()
        .select_related("source_role", "target_role")
        .annotate(
            months_low=Sum("steps__months_min", filter=required_steps),
            months_high=Sum("steps__months_max", filter=required_steps),
            steps_count=Count("steps", filter=live_steps),
        )
        .order_by("source_role__level", "source_role__title", "target_role__level", "target_role__title")
    )
    if role_ids is not None:
        transitions = transitions.filter(source_role_id__in=role_ids, target_role_id__in=role_ids)
    edges = [
        GraphEdge(
            transition=t,
            months_min=t.months_low or 0,
            months_max=t.months_high or 0,
            steps_count=t.steps_count,
        )
        for t in transitions
        if moves is None or (t.source_role_id, t.target_role_id) in moves
    ]
    grouped: dict[str, list[RoleCard]] = defaultdict(list)
    for role in roles:
        grouped[role.track].append(RoleCard(role=role, spread=None))
    groups = [
        TrackGroup(track=value, label=label, roles=grouped[value]) for value, label in Track.choices if value in grouped
    ]
    return RoleGraph(roles=roles, edges=edges, groups=groups)


# Up to this many roles the graph page draws them all; beyond, the neighbourhood of one role.
SMALL_GRAPH_ROLES = 40
MAX_GRAPH_ROLES = 60
GRAPH_DEPTHS = (1, 2, 3)
DEFAULT_GRAPH_DEPTH = 2


@dataclass(frozen=True)
class GraphFocus:
    """What the graph page shows: everything, or the roles around ``role`` within ``depth`` moves."""

    role: Role | None
    depth: int
    total_roles: int
    # How many roles lie within ``depth`` moves (the picture keeps the MAX_GRAPH_ROLES nearest).
    within: int = 0

    @property
    def whole(self) -> bool:
        return self.role is None


@dataclass(frozen=True)
class GraphSelection:
    """The roles and moves a large graph's page draws: around ``role_id`` (None: everything)."""

    role_id: int | None
    role_ids: set[int] | None
    moves: set[tuple[int, int]] | None
    depth: int
    total_roles: int
    within: int = 0


def graph_selection(*, slug: str = "", depth: int = DEFAULT_GRAPH_DEPTH) -> GraphSelection:
    """
    What the graph page and the editor draw: the whole graph when it is small and no role is
    asked for; else the roles within ``depth`` moves into or out of the role (customer service
    manager by default), found on the cached graph (``roles.engine.neighbourhood``): the
    MAX_GRAPH_ROLES nearest, ours before O*NET's, and only the moves leading one step further out
    (or in): every link between them would be thousands of lines, none of them readable.
    Raise Http404 for an unknown or archived role.
    """
    total = Role.objects.active().count()
    depth = depth if depth in GRAPH_DEPTHS else DEFAULT_GRAPH_DEPTH
    everything = GraphSelection(role_id=None, role_ids=None, moves=None, depth=depth, total_roles=total)
    if not slug and total <= SMALL_GRAPH_ROLES:
        return everything
    G = graph_get()
    try:
        role_id = role_id_for_slug(G, slug or MANAGER_SLUG)
    except UnknownRole:
        if slug:
            raise Http404("No role has that address.") from None
        return everything
    if G.nodes[role_id]["archived"]:
        raise Http404("That role is archived.")
    out, into = neighbourhood(G, role_id, depth=depth)
    nodes = G.nodes
    onet = role_slug("")

    def rank(node: int) -> tuple:
        moves = min(out.get(node, depth + 1), into.get(node, depth + 1))
        return (moves, nodes[node]["slug"].startswith(onet), nodes[node]["level"], nodes[node]["title"])

    near = set(out) | set(into)
    kept = set(sorted(near, key=rank)[:MAX_GRAPH_ROLES])
    pairs = {(u, v) for u, v in G.edges if u in kept and v in kept}
    outward = {(u, v) for u, v in pairs if u in out and v in out and out[v] == out[u] + 1}
    inward = {(u, v) for u, v in pairs if u in into and v in into and into[u] == into[v] + 1}
    return GraphSelection(
        role_id=role_id,
        role_ids=kept,
        moves=outward | inward,
        depth=depth,
        total_roles=total,
        within=len(near),
    )


# ---------------------------------------------------------------------------------------------
# The home page


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
