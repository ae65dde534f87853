"""
The role graph from the database, cached per graph revision.

``graph_get`` reads one row (the revision number and token) per call; the networkx graph is
rebuilt, in a fixed number of queries, only when that row changed, so every process notices an
edit made in another one. Writes never rebuild: ``roles.signals`` bumps the revision on every
save or delete of a graph model, and ``roles.revision.graph_revision_bump_once`` folds the bumps
of a bulk load into one.
"""

from __future__ import annotations

import gc
import itertools
import operator
import threading

import networkx as nx
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

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
# The moves of the last graph built from each database, by transition id: a rebuild after an
# edit reuses every move whose row and steps did not change (nearly all of them) instead of
# making ~20,000 frozen objects again. Moves are immutable, so two graphs may share them.
_moves_built: dict[str, dict[int, engine.Move]] = {}


def _cache_key(using: str) -> str:
    return f"{using}:{connections[using].settings_dict['NAME']}"


def graph_get(using: str = DEFAULT_DB_ALIAS) -> nx.DiGraph:
    """
    Return the role graph for the current revision: one query when nothing changed.

    The graph is frozen and shared by every caller in the process; ``G.graph["revision"]`` is
    the revision number it was built from.
    """
    revision = graph_revision_key(using)
    key = _cache_key(using)
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
        _moves_built.clear()


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
# The columns in StepData's order, so that a row becomes a step as it is.
STEP_FIELDS: tuple[str, ...] = engine.StepData._fields
MOVE_FIELDS = ("id", "source_role_id", "target_role_id", "kind", "archived", "source", "note")
# SalaryFactData's fields in its order (the relative role is its ``relative_to``).
SALARY_FACT_FIELDS = (
    "kind",
    "amount",
    "amount_min",
    "amount_max",
    "open_ended",
    "relative_to_id",
    "period",
    "scope",
    "scope_label",
    "source",
    "note",
    "id",
)


def graph_build_from_db(using: str = DEFAULT_DB_ALIAS) -> nx.DiGraph:
    """Read the whole graph in eight queries, whatever its size, and build it."""
    # The build makes ~150,000 objects that all live as long as the graph: collecting while it
    # runs only walks them again and again (a third of the rebuild's time at O*NET scale), so
    # the collector waits until the graph is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _graph_build(using)
    finally:
        if collecting:
            gc.enable()


def _graph_build(db: str) -> nx.DiGraph:
    skills_by_role: dict[int, dict[int, int]] = {}
    for role_id, skill_id, level in _driver_rows(RoleSkill.objects.using(db), ("role_id", "skill_id", "level")):
        skills_by_role.setdefault(role_id, {})[skill_id] = level
    certs_by_role: dict[int, dict[int, str]] = {}
    for role_id, cert_id, kind in RoleCertification.objects.using(db).values_list(
        "role_id", "certification_id", "kind"
    ):
        certs_by_role.setdefault(role_id, {})[cert_id] = kind
    facts_by_role: dict[int, list[SalaryFactData]] = {}
    for role_id, *fact in (
        SalaryFact.objects.using(db).order_by("scope", "kind", "id").values_list("role_id", *SALARY_FACT_FIELDS)
    ):
        facts_by_role.setdefault(role_id, []).append(SalaryFactData(*fact))
    roles = [
        engine.RoleNode(
            id=role_id,
            slug=slug,
            title=title,
            track=track,
            level=level,
            archived=archived,
            is_entry=is_entry,
            skills=skills_by_role.get(role_id, {}),
            certifications=certs_by_role.get(role_id, {}),
            min_education=min_education,
            preferred_education=preferred_education,
            min_experience_years=float(min_experience_years),
            min_leadership_years=float(min_leadership_years),
            salary_facts=tuple(facts_by_role.get(role_id, ())),
        )
        # Only the fields a node carries: a role's texts and O*NET join are never decoded here.
        for (
            role_id,
            slug,
            title,
            track,
            level,
            archived,
            is_entry,
            min_education,
            preferred_education,
            min_experience_years,
            min_leadership_years,
        ) in Role.objects.using(db).order_by("level", "title", "id").values_list(*ROLE_NODE_FIELDS)
    ]
    # Steps and moves are ~40,000 rows at O*NET scale: made straight from the driver's rows.
    rows = _driver_rows(TransitionStep.objects.using(db).order_by("transition_id", "order"), STEP_FIELDS)
    years_at = STEP_FIELDS.index("years")
    for index, row in enumerate(rows):
        years = row[years_at]
        if years is not None and type(years) is not float:  # a Decimal on PostgreSQL, an int on SQLite
            rows[index] = (*row[:years_at], float(years), *row[years_at + 1 :])
    # The rows come grouped by move, in the steps' order.
    steps_by_transition = {
        transition_id: tuple(steps)
        for transition_id, steps in itertools.groupby(
            map(engine.StepData._make, rows), key=operator.attrgetter("transition_id")
        )
    }
    Move = engine.Move
    no_steps: tuple[engine.StepData, ...] = ()
    built = _moves_built.get(_cache_key(db), {})
    moves = []
    # Ordered by id, so the search meets the moves in a stable order and ties rank the same.
    for row in _driver_rows(Transition.objects.using(db).order_by("id"), MOVE_FIELDS):
        transition_id, source_id, target_id, kind, archived, source, note = row
        steps = steps_by_transition.get(transition_id, no_steps)
        move = built.get(transition_id)
        if (
            move is None
            or move.steps != steps
            or (move.source_id, move.target_id, move.kind, move.archived, move.source, move.note) != row[1:]
        ):
            move = Move(transition_id, source_id, target_id, kind, steps, archived, source, note)
        moves.append(move)
    _moves_built[_cache_key(db)] = {move.transition_id: move for move in moves}
    skills = [
        engine.SkillInfo(id=skill_id, slug=slug, name=name)
        for skill_id, slug, name in Skill.objects.using(db).values_list("id", "slug", "name")
    ]
    certifications = [
        engine.CertificationInfo(id=cert_id, slug=slug, name=name, abbreviation=abbreviation)
        for cert_id, slug, name, abbreviation in Certification.objects.using(db).values_list(
            "id", "slug", "name", "abbreviation"
        )
    ]
    return engine.build_graph(roles, moves, skills=skills, certifications=certifications)


def _driver_rows(queryset: QuerySet, fields: tuple[str, ...]) -> list[tuple]:
    """
    Return ``queryset.values_list(*fields)`` as the database driver gives the rows, without
    Django's per-value converters: a third of the fetch on SQLite for 20,000 rows.

    Only for fields whose raw values are what the graph keeps: integers, strings and booleans
    (SQLite's columns are declared ``bool`` and its driver converts them, as PostgreSQL's does).
    A decimal comes as a float on SQLite and a Decimal on PostgreSQL: the caller converts it.
    """
    values = queryset.values_list(*fields)
    sql, params = values.query.get_compiler(values.db).as_sql()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
