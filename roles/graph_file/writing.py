"""
Write a checked graph file to the database: all or nothing, in one transaction, and idempotent.

Rows are matched on their natural keys and only rows whose values differ are written. Nothing a
person may depend on is deleted: roles, transitions, steps, skills and certifications that a
file leaves out are archived instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from careerpath.services import set_changed_fields
from roles.graph_file.checking import ParsedGraph
from roles.graph_file.shape import LoadResult
from roles.history.reading import field_label
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
from roles.revision import graph_revision_bump_once

DISPLAY_LIMIT = 160


def _display(model_field: Any, value: Any) -> str:
    """Say a value the way an editor reads it, cut short when long."""
    if value is None or value == "":
        return "(empty)"
    if model_field.choices:
        text = str(dict(model_field.flatchoices).get(value, value))
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f")
    else:
        text = str(value)
    return text if len(text) <= DISPLAY_LIMIT else text[: DISPLAY_LIMIT - 1] + "…"


def field_changes(instance: models.Model, values: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The fields ``values`` would change on ``instance``, as (field label, old, new) for people."""
    changes = []
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            model_field = instance._meta.get_field(name)
            changes.append(
                (field_label(type(instance), name), _display(model_field, old), _display(model_field, value))
            )
    return changes


def _sync(
    result: LoadResult,
    kind: str,
    existing: dict,
    wanted: dict,
    create: Callable[[Any, dict], Any],
    label: Callable[[Any], str] = str,
) -> dict:
    """Upsert ``wanted`` over ``existing`` (both keyed alike), archive the rest; return key → instance."""
    out = {}
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            instance = create(key, values)
            result.note("added", kind, label(key))
        elif fields := field_changes(instance, values):
            set_changed_fields(instance, values)
            instance.save()
            result.note("changed", kind, label(key), fields)
        out[key] = instance
    for key, instance in existing.items():
        if key not in wanted and not instance.archived:
            instance.archived = True
            instance.save(update_fields=["archived"])
            result.note("archived", kind, label(key))
    return out


def graph_load(parsed: ParsedGraph, *, dry_run: bool = False) -> LoadResult:
    """Write a checked graph to the database in one transaction; with dry_run, report and roll back."""
    result = LoadResult()
    try:
        with transaction.atomic(), graph_revision_bump_once():
            _write(parsed, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


class _DryRun(Exception):
    """Raised inside the load's transaction to roll a dry run back."""


def _write(parsed: ParsedGraph, result: LoadResult) -> None:
    skills = _sync(
        result,
        "skills",
        {skill.slug: skill for skill in Skill.objects.all()},
        parsed.skills,
        lambda slug, values: Skill.objects.create(**values),
    )
    certifications = _sync(
        result,
        "certifications",
        {cert.slug: cert for cert in Certification.objects.all()},
        parsed.certifications,
        lambda slug, values: Certification.objects.create(**values),
    )
    roles = _sync(
        result,
        "roles",
        {role.slug: role for role in Role.objects.all()},
        parsed.roles,
        lambda slug, values: Role.objects.create(**values),
    )

    _write_role_children(parsed, result, roles, skills, certifications)

    transitions = _sync(
        result,
        "transitions",
        {
            (t.source_role.slug, t.target_role.slug): t
            for t in Transition.objects.select_related("source_role", "target_role")
        },
        parsed.transitions,
        lambda key, values: Transition.objects.create(source_role=roles[key[0]], target_role=roles[key[1]], **values),
        label=lambda key: f"{key[0]} → {key[1]}",
    )

    # The steps of a move the file leaves out stay as they are: archiving the move is enough.
    existing_steps = {
        key: step
        for step in TransitionStep.objects.select_related("transition__source_role", "transition__target_role")
        for key in [((step.transition.source_role.slug, step.transition.target_role.slug), step.order)]
        if key[0] in parsed.transitions
    }
    wanted_steps = {}
    for t_key, steps in parsed.steps.items():
        for step in steps:
            values = {k: v for k, v in step.items() if not k.endswith("_slug")}
            values["skill"] = skills[step["skill_slug"]] if step["skill_slug"] else None
            values["certification"] = certifications[step["certification_slug"]] if step["certification_slug"] else None
            wanted_steps[(t_key, step["order"])] = values
    _sync(
        result,
        "steps",
        existing_steps,
        wanted_steps,
        lambda key, values: TransitionStep.objects.create(transition=transitions[key[0]], **values),
        label=lambda key: f"{key[0][0]} → {key[0][1]} step {key[1]}",
    )


def _write_role_children(
    parsed: ParsedGraph, result: LoadResult, roles: dict, skills: dict, certifications: dict
) -> None:
    """Replace a role's skills, certifications and salary facts where they differ from the file."""
    existing_skills: dict[str, dict[str, RoleSkill]] = {}
    for row in RoleSkill.objects.select_related("role", "skill"):
        existing_skills.setdefault(row.role.slug, {})[row.skill.slug] = row
    existing_certifications: dict[str, dict[str, RoleCertification]] = {}
    for row in RoleCertification.objects.select_related("role", "certification"):
        existing_certifications.setdefault(row.role.slug, {})[row.certification.slug] = row
    existing_facts: dict[str, list[SalaryFact]] = {}
    for row in SalaryFact.objects.select_related("role", "relative_to").order_by("id"):
        existing_facts.setdefault(row.role.slug, []).append(row)

    for slug, role in roles.items():
        wanted = {e["skill_slug"]: {"level": e["level"], "source": e["source"]} for e in parsed.role_skills[slug]}
        have = existing_skills.get(slug, {})
        for skill_slug, values in wanted.items():
            if skill_slug not in have:
                RoleSkill.objects.create(role=role, skill=skills[skill_slug], **values)
                result.note("added", "role skills", f"{slug}: {skill_slug}")
            elif fields := field_changes(have[skill_slug], values):
                set_changed_fields(have[skill_slug], values)
                have[skill_slug].save()
                result.note("changed", "role skills", f"{slug}: {skill_slug}", fields)
        for skill_slug, row in have.items():
            if skill_slug not in wanted:
                row.delete()
                result.note("changed", "role skills", f"{slug}: {skill_slug} removed")

        wanted = {
            e["certification_slug"]: {"kind": e["kind"], "source": e["source"]}
            for e in parsed.role_certifications[slug]
        }
        have = existing_certifications.get(slug, {})
        for cert_slug, values in wanted.items():
            if cert_slug not in have:
                RoleCertification.objects.create(role=role, certification=certifications[cert_slug], **values)
                result.note("added", "role certifications", f"{slug}: {cert_slug}")
            elif fields := field_changes(have[cert_slug], values):
                set_changed_fields(have[cert_slug], values)
                have[cert_slug].save()
                result.note("changed", "role certifications", f"{slug}: {cert_slug}", fields)
        for cert_slug, row in have.items():
            if cert_slug not in wanted:
                row.delete()
                result.note("changed", "role certifications", f"{slug}: {cert_slug} removed")

        # Salary facts have no natural key: when the list differs, it is replaced whole.
        wanted_facts = parsed.salary_facts[slug]
        have_facts = existing_facts.get(slug, [])
        if [_fact_key_from_row(row) for row in have_facts] != [_fact_key_from_values(f) for f in wanted_facts]:
            for row in have_facts:
                row.delete()
            for fact in wanted_facts:
                values = {k: v for k, v in fact.items() if k != "relative_to_slug"}
                relative = fact["relative_to_slug"]
                SalaryFact.objects.create(role=role, relative_to=roles[relative] if relative else None, **values)
            bucket = "changed" if have_facts else "added"
            for fact in wanted_facts:
                result.note(bucket, "salary facts", f"{slug}: {fact['kind']} ({fact['source']})")
            if len(have_facts) > len(wanted_facts):
                result.note("changed", "salary facts", f"{slug}: {len(have_facts) - len(wanted_facts)} removed")


def _fact_key_from_row(row: SalaryFact) -> tuple:
    return (
        row.kind,
        row.amount,
        row.amount_min,
        row.amount_max,
        row.open_ended,
        row.relative_to.slug if row.relative_to_id else None,
        row.period,
        row.scope,
        row.scope_label,
        row.source,
        row.note,
    )


def _fact_key_from_values(fact: dict) -> tuple:
    return (
        fact["kind"],
        fact["amount"],
        fact["amount_min"],
        fact["amount_max"],
        fact["open_ended"],
        fact["relative_to_slug"],
        fact["period"],
        fact["scope"],
        fact["scope_label"],
        fact["source"],
        fact["note"],
    )
