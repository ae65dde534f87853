"""
The role graph from the database, cached per graph revision.

``graph_get`` reads one row (the revision number) per call; the networkx graph is rebuilt only
when that number changed, so every process notices an edit made in another one.
"""

from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager

import networkx as nx
from django.db import connections
from django.db.models import F

from roles import graph as engine
from roles.models import (
    Certification,
    GraphRevision,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Transition,
    TransitionStep,
)
from roles.salary import SalaryFactData

_cache: dict[str, tuple[tuple[int, str], nx.DiGraph]] = {}
_lock = threading.Lock()
_suspended = threading.local()


def graph_revision_number(using: str = "default") -> int:
    return graph_revision_key(using)[0]


def graph_revision_key(using: str = "default") -> tuple[int, str]:
    """Return the revision number and its token; the token never repeats, even after a rollback."""
    row = GraphRevision.objects.using(using).filter(pk=1).values_list("number", "token").first()
    return (row[0], str(row[1])) if row else (0, "")


def graph_revision_bump(using: str = "default") -> None:
    """Mark the graph as changed; every process rebuilds it on its next read."""
    if getattr(_suspended, "depth", 0):
        _suspended.pending = True
        return
    token = uuid.uuid4()
    updated = GraphRevision.objects.using(using).filter(pk=1).update(number=F("number") + 1, token=token)
    if not updated:
        GraphRevision.objects.using(using).get_or_create(pk=1, defaults={"number": 1, "token": token})


@contextmanager
def graph_revision_bump_once(using: str = "default"):
    """Hold back per-row bumps inside the block and bump once at its end, if anything changed."""
    _suspended.depth = getattr(_suspended, "depth", 0) + 1
    try:
        yield
    finally:
        _suspended.depth -= 1
    if not _suspended.depth and getattr(_suspended, "pending", False):
        _suspended.pending = False
        graph_revision_bump(using)


def graph_get(using: str = "default") -> nx.DiGraph:
    """Return the role graph for the current revision, building it only when the revision changed."""
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
    _cache.clear()


def graph_build_from_db(using: str = "default") -> nx.DiGraph:
    """Read the whole graph in a fixed number of queries and build it."""
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
    for fact in SalaryFact.objects.using(db).order_by("id").values():
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
        for row in Role.objects.using(db).values()
    ]
    steps_by_transition: dict[int, list[engine.StepData]] = {}
    for row in TransitionStep.objects.using(db).values():
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
        for row in Transition.objects.using(db).values()
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
