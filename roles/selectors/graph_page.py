"""The graph page: the whole graph, or the neighbourhood of one role on a large graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404

from roles.engine import (
    UnknownRole,
    neighbourhood,
    role_id_for_slug,
)
from roles.models import (
    Role,
    Track,
    Transition,
)
from roles.onet import role_slug
from roles.selectors.graph import graph_get
from roles.selectors.role_list import TRACK_ORDER, RoleCard, TrackGroup

MANAGER_SLUG = "customer-service-manager"


# Where the graph picture puts its nodes: one column per seniority level, read left to right.
GRAPH_COLUMN_GAP = 170
GRAPH_ROW_GAP = 80


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
        TrackGroup(track=value, label=str(label), roles=grouped[value])
        for value, label in Track.choices
        if value in grouped
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
