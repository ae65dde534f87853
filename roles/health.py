"""
Checks on the role graph for staff: the things a graph can get wrong that no single form sees.

Each check is a pure function over the networkx graph that ``roles.selectors.graph_get`` builds
(role ids as nodes; ``live`` edges are the moves new routes may use), plus the few facts the
graph does not carry, passed in as sets of ids. ``graph_health`` reads those from the database
in a fixed number of queries and runs every check.

Only active roles and live moves count: archived ones have left the graph that routes use.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from roles.models import Certification, Role, Skill
from roles.selectors import graph_get

MAX_CYCLES = 50


@dataclass(frozen=True)
class RoleIssue:
    role_id: int
    slug: str
    title: str
    level: int
    track: str


@dataclass(frozen=True)
class StepIssue:
    step_id: int
    transition_id: int
    move: str
    order: int
    title: str
    what: str  # "skill" or "certification"
    name: str


@dataclass(frozen=True)
class CycleMove:
    transition_id: int
    source: str
    target: str


@dataclass(frozen=True)
class Cycle:
    roles: tuple[str, ...]
    moves: tuple[CycleMove, ...]


@dataclass(frozen=True)
class HealthReport:
    nothing_leads_to: list[RoleIssue] = field(default_factory=list)
    leads_nowhere: list[RoleIssue] = field(default_factory=list)
    archived_references: list[StepIssue] = field(default_factory=list)
    without_salary: list[RoleIssue] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    cycles_truncated: bool = False
    roles_checked: int = 0
    moves_checked: int = 0

    @property
    def problems(self) -> int:
        return (
            len(self.nothing_leads_to)
            + len(self.leads_nowhere)
            + len(self.archived_references)
            + len(self.without_salary)
            + len(self.cycles)
        )

    @property
    def ok(self) -> bool:
        return self.problems == 0


def _active(G: nx.DiGraph) -> list[int]:
    return [node for node, data in G.nodes(data=True) if not data["archived"]]


def _issue(G: nx.DiGraph, node: int) -> RoleIssue:
    data = G.nodes[node]
    return RoleIssue(role_id=node, slug=data["slug"], title=data["title"], level=data["level"], track=data["track"])


def _sorted(G: nx.DiGraph, nodes: Iterable[int]) -> list[RoleIssue]:
    return sorted((_issue(G, node) for node in nodes), key=lambda issue: (issue.level, issue.title))


def live_moves(G: nx.DiGraph) -> nx.DiGraph:
    """Return the graph of active roles joined by the moves new routes may use."""
    live = nx.DiGraph()
    live.add_nodes_from(_active(G))
    live.add_edges_from((u, v) for u, v, data in G.edges(data=True) if data["live"])
    return live


def roles_nothing_leads_to(G: nx.DiGraph) -> list[RoleIssue]:
    """Active roles no live move reaches, other than the entry node."""
    live = live_moves(G)
    return _sorted(G, (n for n in live if live.in_degree(n) == 0 and not G.nodes[n]["is_entry"]))


def roles_leading_nowhere(G: nx.DiGraph, *, track_top_ids: set[int]) -> list[RoleIssue]:
    """Active roles with no live move out of them, other than roles marked as top of their track."""
    live = live_moves(G)
    return _sorted(G, (n for n in live if live.out_degree(n) == 0 and n not in track_top_ids))


def steps_with_archived_references(
    G: nx.DiGraph, *, archived_skill_ids: set[int], archived_certification_ids: set[int]
) -> list[StepIssue]:
    """Live steps of live moves that ask for an archived skill or certification."""
    skills = G.graph.get("skills", {})
    certifications = G.graph.get("certifications", {})
    issues = []
    for u, v, data in G.edges(data=True):
        if not data["live"]:
            continue
        label = f"{G.nodes[u]['title']} → {G.nodes[v]['title']}"
        for step in data["move"].steps:
            found = []
            if step.skill_id in archived_skill_ids:
                info = skills.get(step.skill_id)
                found.append(("skill", info.name if info else f"skill #{step.skill_id}"))
            if step.certification_id in archived_certification_ids:
                info = certifications.get(step.certification_id)
                found.append(("certification", info.name if info else f"certification #{step.certification_id}"))
            issues.extend(
                StepIssue(
                    step_id=step.id,
                    transition_id=data["transition_id"],
                    move=label,
                    order=step.order,
                    title=step.title,
                    what=what,
                    name=name,
                )
                for what, name in found
            )
    return sorted(issues, key=lambda issue: (issue.move, issue.order, issue.what))


def roles_without_sourced_salary(G: nx.DiGraph) -> list[RoleIssue]:
    """Active roles, other than the entry node, with no salary figure that names its source."""
    missing = []
    for node in _active(G):
        data = G.nodes[node]
        if data["is_entry"]:
            continue
        if not any((fact.source or "").strip() for fact in data["role"].salary_facts):
            missing.append(node)
    return _sorted(G, missing)


def move_cycles(G: nx.DiGraph, *, limit: int = MAX_CYCLES) -> tuple[list[Cycle], bool]:
    """
    Return the cycles of live moves (a role that leads, move by move, back to itself), at most
    ``limit`` of them, and whether there were more. Each starts at its most junior role.
    """
    live = live_moves(G)
    found = list(itertools.islice(nx.simple_cycles(live), limit + 1))
    truncated = len(found) > limit
    cycles = []
    for nodes in found[:limit]:
        start = min(range(len(nodes)), key=lambda i: (G.nodes[nodes[i]]["level"], G.nodes[nodes[i]]["title"]))
        nodes = nodes[start:] + nodes[:start]
        pairs = list(zip(nodes, [*nodes[1:], nodes[0]], strict=True))
        cycles.append(
            Cycle(
                roles=tuple(G.nodes[n]["title"] for n in nodes),
                moves=tuple(
                    CycleMove(
                        transition_id=G.edges[u, v]["transition_id"],
                        source=G.nodes[u]["title"],
                        target=G.nodes[v]["title"],
                    )
                    for u, v in pairs
                ),
            )
        )
    cycles.sort(key=lambda cycle: (len(cycle.roles), cycle.roles))
    return cycles, truncated


def health_report(
    G: nx.DiGraph,
    *,
    track_top_ids: set[int],
    archived_skill_ids: set[int],
    archived_certification_ids: set[int],
) -> HealthReport:
    cycles, truncated = move_cycles(G)
    return HealthReport(
        nothing_leads_to=roles_nothing_leads_to(G),
        leads_nowhere=roles_leading_nowhere(G, track_top_ids=track_top_ids),
        archived_references=steps_with_archived_references(
            G, archived_skill_ids=archived_skill_ids, archived_certification_ids=archived_certification_ids
        ),
        without_salary=roles_without_sourced_salary(G),
        cycles=cycles,
        cycles_truncated=truncated,
        roles_checked=len(_active(G)),
        moves_checked=sum(1 for _, _, live in G.edges(data="live") if live),
    )


def graph_health() -> HealthReport:
    """Run every check on the current graph: the cached graph plus three small queries."""
    return health_report(
        graph_get(),
        track_top_ids=set(Role.objects.filter(is_track_top=True).values_list("id", flat=True)),
        archived_skill_ids=set(Skill.objects.filter(archived=True).values_list("id", flat=True)),
        archived_certification_ids=set(Certification.objects.filter(archived=True).values_list("id", flat=True)),
    )
