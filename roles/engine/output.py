"""
Routes and salaries as plain JSON data: the shapes ``routes --json`` prints (DESIGN.md's keys).
"""

from __future__ import annotations

from decimal import Decimal

import networkx as nx

from roles.engine.types import Person, RoleNode, Route, RouteStep


def json_number(value: Decimal | float | int | None) -> int | float | None:
    """Write a number as the shortest exact JSON number: 5 rather than 5.0, 67367.61 as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def salary_as_data(G: nx.DiGraph, role_id: int) -> dict:
    """Return a role's spread and the facts behind it, each fact with its source document."""
    nodes = G.nodes
    role: RoleNode = nodes[role_id]["role"]
    spread = role.salary
    return {
        "role": role.slug,
        "low": json_number(spread.low) if spread else None,
        "high": json_number(spread.high) if spread else None,
        "open_ended": spread.open_ended if spread else False,
        "derived": spread.derived if spread else False,
        "sources": list(spread.sources) if spread else [],
        "facts": [
            {
                "kind": fact.kind,
                "amount": json_number(fact.amount),
                "amount_min": json_number(fact.amount_min),
                "amount_max": json_number(fact.amount_max),
                "open_ended": fact.open_ended,
                "relative_to": nodes[fact.relative_to]["slug"] if fact.relative_to in nodes else None,
                "period": fact.period,
                "scope": fact.scope,
                "scope_label": fact.scope_label,
                "source": fact.source,
                "note": fact.note,
            }
            for fact in role.salary_facts
        ],
    }


def route_as_data(G: nx.DiGraph, route: Route) -> dict:
    """Return a route as plain JSON data (the ``routes --json`` shape), with slugs for ids."""
    nodes = G.nodes
    skills = G.graph.get("skills", {})
    certifications = G.graph.get("certifications", {})

    def step_data(item: RouteStep) -> dict:
        step = item.step
        skill = skills.get(step.skill_id)
        certification = certifications.get(step.certification_id)
        return {
            "from": nodes[item.from_id]["slug"],
            "to": nodes[item.to_id]["slug"],
            "order": step.order,
            "kind": step.kind,
            "title": step.title,
            "months_range": list(item.months_range),
            "full_months_range": [step.months_min, step.months_max],
            "skipped": item.skipped,
            "partly_met": item.partly_met,
            "optional": step.optional,
            "skill": skill.slug if skill else None,
            "skill_level": step.skill_level,
            "certification": certification.slug if certification else None,
            "education": step.education,
            "experience_kind": step.experience_kind,
            "years": json_number(step.years),
            "source": step.source,
        }

    return {
        "roles": [nodes[role_id]["slug"] for role_id in route.role_ids],
        "months": route.months,
        "months_range": list(route.months_range),
        "full_months_range": list(route.full_months_range),
        "moves": route.moves,
        "salary_score": json_number(route.salary_score.quantize(Decimal(1)))
        if route.salary_score is not None
        else None,
        "steps": [step_data(step) for step in route.steps],
        "salary": [salary_as_data(G, role_id) for role_id in route.role_ids],
    }


def routes_answer(
    G: nx.DiGraph, *, source: str, target: str, by: str, k: int, person: Person | None, routes: list[Route]
) -> dict:
    """Return ranked routes (best first) in the ``routes --json`` shape the API answers too."""
    return {
        "from": source,
        "to": target,
        "by": by,
        "k": k,
        "personalised": person is not None,
        "routes": [route_as_data(G, route) for route in routes],
    }
