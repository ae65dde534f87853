"""
Build the routing engine's graph straight from a role graph file dict, without the database.

Checks and benchmarks of the joined graph use it; the app builds its graph from the database
(``roles.selectors.graph_build_from_db``). Ids are positions in the file's sorted lists, so the
same file gives the same graph.
"""

from __future__ import annotations

import networkx as nx

from roles.engine import CertificationInfo, Move, RoleNode, SalaryFactData, SkillInfo, StepData, build_graph
from roles.models import Education

EDUCATION = {level.name.lower(): level.value for level in Education}


def graph_from_file(data: dict) -> nx.DiGraph:
    skills = {skill["slug"]: number for number, skill in enumerate(data.get("skills", []), start=1)}
    certifications = {cert["slug"]: number for number, cert in enumerate(data.get("certifications", []), start=1)}
    role_ids = {role["slug"]: number for number, role in enumerate(data["roles"], start=1)}
    roles = [
        RoleNode(
            id=role_ids[role["slug"]],
            slug=role["slug"],
            title=role["title"],
            track=role.get("track", "other"),
            level=role.get("level", 0),
            archived=role.get("archived", False),
            is_entry=role.get("is_entry", False),
            skills={skills[item["skill"]]: item["level"] for item in role.get("skills", [])},
            certifications={
                certifications[item["certification"]]: item["kind"] for item in role.get("certifications", [])
            },
            min_education=EDUCATION[role.get("min_education", "none")],
            preferred_education=EDUCATION.get(role.get("preferred_education") or ""),
            min_experience_years=float(role.get("min_experience_years", 0)),
            min_leadership_years=float(role.get("min_leadership_years", 0)),
            salary_facts=tuple(
                SalaryFactData(
                    kind=fact["kind"],
                    amount=fact.get("amount"),
                    amount_min=fact.get("amount_min"),
                    amount_max=fact.get("amount_max"),
                    open_ended=fact.get("open_ended", False),
                    relative_to=role_ids.get(fact.get("relative_to") or ""),
                    period=fact.get("period", "year"),
                    scope=fact.get("scope", "national"),
                    scope_label=fact.get("scope_label", ""),
                    source=fact.get("source", ""),
                    note=fact.get("note", ""),
                )
                for fact in role.get("salary_facts", [])
            ),
        )
        for role in data["roles"]
    ]
    moves = []
    for number, move in enumerate(data["transitions"], start=1):
        steps = tuple(
            StepData(
                id=number * 100 + index,
                transition_id=number,
                order=step["order"],
                kind=step["kind"],
                title=step["title"],
                months_min=step.get("months_min", 0),
                months_max=step.get("months_max", 0),
                skill_id=skills.get(step.get("skill") or ""),
                skill_level=step.get("skill_level"),
                certification_id=certifications.get(step.get("certification") or ""),
                education=EDUCATION.get(step.get("education") or ""),
                experience_kind=step.get("experience_kind", ""),
                years=float(step["years"]) if step.get("years") is not None else None,
                optional=step.get("optional", False),
                archived=step.get("archived", False),
                source=step.get("source", ""),
            )
            for index, step in enumerate(move.get("steps", []))
        )
        moves.append(
            Move(
                transition_id=number,
                source_id=role_ids[move["from"]],
                target_id=role_ids[move["to"]],
                kind=move.get("kind", "promotion"),
                steps=steps,
                archived=move.get("archived", False),
                source=move.get("source", ""),
                note=move.get("note", ""),
            )
        )
    return build_graph(
        roles,
        moves,
        skills=[SkillInfo(id=number, slug=slug, name=slug) for slug, number in skills.items()],
        certifications=[
            CertificationInfo(
                id=number, slug=cert["slug"], name=cert["name"], abbreviation=cert.get("abbreviation", "")
            )
            for number, cert in enumerate(data.get("certifications", []), start=1)
        ],
    )
