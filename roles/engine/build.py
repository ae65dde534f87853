"""
Build the frozen role graph from plain data (see ``roles.engine`` for what nodes and edges hold).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import networkx as nx

from roles.engine.salary import role_salary_spreads
from roles.engine.search import SearchIndex
from roles.engine.types import CertificationInfo, Move, RoleNode, SkillInfo


def build_graph(
    roles: Iterable[RoleNode],
    transitions: Iterable[Move],
    *,
    skills: Iterable[SkillInfo] = (),
    certifications: Iterable[CertificationInfo] = (),
) -> nx.DiGraph:
    """
    Build the frozen role graph from plain data.

    Salary spreads are computed here from each role's facts (relative figures need the other
    roles); a role without facts keeps the spread it was given. Raise ValueError on a move that
    names a missing role, loops on one role, or repeats another move.
    """
    roles = list(roles)
    spreads = role_salary_spreads({role.id: role.salary_facts for role in roles})
    G = nx.DiGraph()
    slugs: dict[str, int] = {}
    archived: dict[int, bool] = {}
    for role in roles:
        if role.salary_facts:
            role = replace(role, salary=spreads[role.id])
        G.add_node(
            role.id,
            role=role,
            slug=role.slug,
            title=role.title,
            track=role.track,
            level=role.level,
            archived=role.archived,
            is_entry=role.is_entry,
            salary=role.salary,
        )
        slugs[role.slug] = role.id
        archived[role.id] = role.archived

    # ~20,000 moves at O*NET scale, rebuilt after every edit of the graph: each edge's dict goes
    # straight into the new graph's adjacency (as ``add_edges_from`` would put a copy of it).
    succ, pred = G._succ, G._pred
    for move in transitions:
        u, v = move.source_id, move.target_id
        if u not in archived or v not in archived:
            raise ValueError(f"Transition {move.transition_id} joins a role that is not in the graph.")
        if u == v:
            raise ValueError(f"Transition {move.transition_id} leads from a role to itself.")
        u_succ = succ[u]
        if v in u_succ:
            raise ValueError(f"Transition {move.transition_id} repeats the move {u} → {v}.")
        months_min, months_max, move_archived = move.months_min, move.months_max, move.archived
        u_succ[v] = pred[v][u] = {
            "move": move,
            "transition_id": move.transition_id,
            "kind": move.kind,
            "months_min": months_min,
            "months_max": months_max,
            "archived": move_archived,
            "live": not (move_archived or archived[u] or archived[v]),
            "cost": months_min + months_max,
        }

    G.graph.update(
        skills={skill.id: skill for skill in skills},
        certifications={cert.id: cert for cert in certifications},
        slugs=slugs,
        revision=None,
    )
    G.graph["search"] = SearchIndex(G)
    return nx.freeze(G)
