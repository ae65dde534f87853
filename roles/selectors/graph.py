"""
The role graph from the database, cached per graph revision.

``graph_get`` reads one row (the revision number and token) per call; the networkx graph is
rebuilt, in a fixed number of queries, only when that row changed, so every process notices an
edit made in another one. Writes never rebuild: ``roles.signals`` bumps the revision on every
save or delete of a graph model, and ``roles.revision.graph_revision_bump_once`` folds the bumps
of a bulk load into one.
"""

from __future__ import annotations

import threading

import networkx as nx
from django.db import DEFAULT_DB_ALIAS, connections

from roles import engine
from roles.engine import SalaryFactData
from roles.models import (
    Certification,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Transition,
    TransitionStep,
)
from roles.revision import RevisionKey, graph_revision_key

# One graph per database (alias and name, so a test database never meets the development one).
_cache: dict[str, tuple[RevisionKey, nx.DiGraph]] = {}
_lock = threading.Lock()


def graph_get(using: str = DEFAULT_DB_ALIAS) -> nx.DiGraph:
    """
    Return the role graph for the current revision: one query when nothing changed.

    The graph is frozen and shared by every caller in the process; ``G.graph["revision"]`` is
    the revision number it was built from.
    """
    revision = graph_revision_key(using)
    key = f"{using}:{connections[using].settings_dict['NAME']}"
    cached = _cache.get(key)
    if cached is not None and cached[0] == revision:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == revision:
            return cached[1]
        G = graph_build_from_db(using)
        G.graph["revision"] = revision[0]
        _cache[key] = (revision, G)
        return G


def graph_cache_clear() -> None:
    """Forget every cached graph (tests use it; the revision makes it unnecessary otherwise)."""
    with _lock:
        _cache.clear()


ROLE_NODE_FIELDS = (
    "id",
    "slug",
    "title",
    "track",
    "level",
    "archived",
    "is_entry",
    "min_education",
    "preferred_education",
    "min_experience_years",
    "min_leadership_years",
)
STEP_FIELDS = (
    "id",
    "transition_id",
    "order",
    "kind",
    "title",
    "months_min",
    "months_max",
    "skill_id",
    "skill_level",
    "certification_id",
    "education",
    "experience_kind",
    "years",
    "optional",
    "archived",
    "source",
)
MOVE_FIELDS = ("id", "source_role_id", "target_role_id", "kind", "archived", "source", "note")


def graph_build_from_db(using: str = DEFAULT_DB_ALIAS) -> nx.DiGraph:
    """Read the whole graph in eight queries, whatever its size, and build it."""
    db = using
    skills_by_role: dict[int, dict[int, int]] = {}
    for role_id, skill_id, level in RoleSkill.objects.using(db).values_list("role_id", "skill_id", "level"):
        skills_by_role.setdefault(role_id, {})[skill_id] = level
    certs_by_role: dict[int, dict[int, str]] = {}
    for role_id, cert_id, kind in RoleCertification.objects.using(db).values_list(
        "role_id", "certification_id", "kind"
    ):
        certs_by_role.setdefault(role_id, {})[cert_id] = kind
    facts_by_role: dict[int, list[SalaryFactData]] = {}
    for fact in SalaryFact.objects.using(db).order_by("scope", "kind", "id").values():
        facts_by_role.setdefault(fact["role_id"], []).append(
            SalaryFactData(
                id=fact["id"],
                kind=fact["kind"],
                amount=fact["amount"],
                amount_min=fact["amount_min"],
                amount_max=fact["amount_max"],
                open_ended=fact["open_ended"],
                relative_to=fact["relative_to_id"],
                period=fact["period"],
                scope=fact["scope"],
                scope_label=fact["scope_label"],
                source=fact["source"],
                note=fact["note"],
            )
        )
    roles = [
        engine.RoleNode(
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            track=row["track"],
            level=row["level"],
            archived=row["archived"],
            is_entry=row["is_entry"],
            skills=skills_by_role.get(row["id"], {}),
            certifications=certs_by_role.get(row["id"], {}),
            min_education=row["min_education"],
            preferred_education=row["preferred_education"],
            min_experience_years=float(row["min_experience_years"]),
            min_leadership_years=float(row["min_leadership_years"]),
            salary_facts=tuple(facts_by_role.get(row["id"], ())),
        )
        # Only the fields a node carries: a role's texts and O*NET join are never decoded here.
        for row in Role.objects.using(db).order_by("level", "title", "id").values(*ROLE_NODE_FIELDS)
    ]
    steps_by_transition: dict[int, list[engine.StepData]] = {}
    for row in TransitionStep.objects.using(db).order_by("transition_id", "order").values(*STEP_FIELDS):
        steps_by_transition.setdefault(row["transition_id"], []).append(
            engine.StepData(
                id=row["id"],
                transition_id=row["transition_id"],
                order=row["order"],
                kind=row["kind"],
                title=row["title"],
                months_min=row["months_min"],
                months_max=row["months_max"],
                skill_id=row["skill_id"],
                skill_level=row["skill_level"],
                certification_id=row["certification_id"],
                education=row["education"],
                experience_kind=row["experience_kind"],
                years=float(row["years"]) if row["years"] is not None else None,
                optional=row["optional"],
                archived=row["archived"],
                source=row["source"],
            )
        )
    moves = [
        engine.Move(
            transition_id=row["id"],
            source_id=row["source_role_id"],
            target_id=row["target_role_id"],
            kind=row["kind"],
            steps=tuple(steps_by_transition.get(row["id"], ())),
            archived=row["archived"],
            source=row["source"],
            note=row["note"],
        )
        # Ordered by id, so the search meets the moves in a stable order and ties rank the same.
        for row in Transition.objects.using(db).order_by("id").values(*MOVE_FIELDS)
    ]
    skills = [
        engine.SkillInfo(id=row["id"], slug=row["slug"], name=row["name"])
        for row in Skill.objects.using(db).values("id", "slug", "name")
    ]
    certifications = [
        engine.CertificationInfo(id=row["id"], slug=row["slug"], name=row["name"], abbreviation=row["abbreviation"])
        for row in Certification.objects.using(db).values("id", "slug", "name", "abbreviation")
    ]
    return engine.build_graph(roles, moves, skills=skills, certifications=certifications)
