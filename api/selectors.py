"""Reads of the role graph that only the API needs (the pages have their own views of the same data)."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from api.graph_serializers import lines
from roles.models import Role, SalaryFact, Transition, TransitionStep


def role_moves(G: nx.DiGraph, role_id: int) -> dict[str, list[dict]]:
    """The live moves out of and into a role, nearest seniority first, with their live steps."""
    nodes = G.nodes

    def by_level(other: int) -> tuple:
        return nodes[other]["level"], nodes[other]["title"]

    out_ids = sorted((v for v, data in G.succ[role_id].items() if data["live"]), key=by_level)
    in_ids = sorted((u for u, data in G.pred[role_id].items() if data["live"]), key=by_level)
    return {
        "moves_out": [move_data(G, role_id, v) for v in out_ids],
        "moves_in": [move_data(G, u, role_id) for u in in_ids],
    }


def move_data(G, u: int, v: int) -> dict:
    nodes = G.nodes
    move = G.edges[u, v]["move"]
    skills = G.graph["skills"]
    certifications = G.graph["certifications"]
    return {
        "from": nodes[u]["slug"],
        "to": nodes[v]["slug"],
        "kind": move.kind,
        "months_range": [move.months_min, move.months_max],
        "source": move.source,
        "note": move.note,
        "steps": [
            {
                "order": step.order,
                "kind": step.kind,
                "title": step.title,
                "months_range": [step.months_min, step.months_max],
                "optional": step.optional,
                "skill": skills[step.skill_id].slug if step.skill_id in skills else None,
                "skill_level": step.skill_level,
                "certification": certifications[step.certification_id].slug
                if step.certification_id in certifications
                else None,
                "source": step.source,
            }
            for step in move.steps
        ],
    }


def source_list() -> list[dict]:
    """Every document the graph cites, with the roles, salary figures and moves that cite it."""
    roles: dict[str, set[str]] = defaultdict(set)
    facts: dict[str, int] = defaultdict(int)
    moves: dict[str, int] = defaultdict(int)
    for slug, text in Role.objects.values_list("slug", "sources"):
        for line in lines(text):
            roles[line].add(slug)
    for source in SalaryFact.objects.exclude(source="").values_list("source", flat=True):
        facts[source] += 1
    for source in Transition.objects.exclude(source="").values_list("source", flat=True):
        moves[source] += 1
    for source in TransitionStep.objects.exclude(source="").values_list("source", flat=True):
        moves[source] += 1
    names = sorted(set(roles) | set(facts) | set(moves))
    return [
        {"source": name, "roles": sorted(roles[name]), "salary_facts": facts[name], "moves": moves[name]}
        for name in names
    ]
