"""
Write a checked graph file to the database: all or nothing, in one transaction, and idempotent.

Rows are matched on their natural keys and only rows whose values differ are written. Nothing a
person may depend on is deleted: roles, transitions, steps, skills and certifications that a
file leaves out are archived instead.

The rows are written in bulk (a few INSERT and UPDATE statements per table, whatever the graph's
size), and so is their history: simple-history's bulk helpers write one historical row per
created or changed row, as a save would, without a save (and its signals) per row. The load
bumps the graph revision itself, once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext, pgettext

from careerpath.services import set_changed_fields
from roles.graph_file.bulk import insert_with_history, update_with_history
from roles.graph_file.checking import ParsedGraph
from roles.graph_file.shape import LoadResult
from roles.history.reading import field_label
from roles.models import (
    Certification,
    OnetReference,
    Role,
    RoleCertification,
    RoleOnetData,
    RoleSkill,
    SalaryFact,
    Skill,
    Source,
    Transition,
    TransitionStep,
)
from roles.revision import graph_revision_bump, graph_revision_bump_once
from roles.sources import load_sources


class _Batch:
    """The rows of one model to create and to update, written in bulk with their history."""

    def __init__(self, model: type[models.Model], key: tuple[str, ...] | None):
        self.model = model
        self.key = key  # the fields that identify a row (see ``insert_with_history``)
        self.created: list[models.Model] = []
        self.updated: dict[int, models.Model] = {}
        self.fields: set[str] = set()

    def create(self, instance: models.Model) -> models.Model:
        self.created.append(instance)
        return instance

    def update(self, instance: models.Model, fields: list[str]) -> None:
        self.updated[id(instance)] = instance
        self.fields.update(fields)

    def flush(self) -> None:
        """Write the rows; created instances get their primary keys (PostgreSQL and SQLite return them)."""
        insert_with_history(self.model, self.created, self.key)
        update_with_history(self.model, list(self.updated.values()), sorted(self.fields))
        if self.created or self.updated:
            graph_revision_bump()
        self.created, self.updated, self.fields = [], {}, set()


DISPLAY_LIMIT = 160


def _display(model_field: Any, value: Any) -> str:
    """Say a value the way an editor reads it, cut short when long."""
    if value is None or value == "":
        return pgettext("a value", "(empty)")
    if model_field.choices:
        text = str(dict(model_field.flatchoices).get(value, value))
    elif isinstance(value, bool):
        text = gettext("yes") if value else gettext("no")
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
    model: type[models.Model],
    key: tuple[str, ...],
    existing: dict[Any, dict],
    wanted: dict,
    build: Callable[[Any, dict], Any],
    label: Callable[[Any], str] = str,
) -> dict[Any, int]:
    """
    Upsert ``wanted`` over ``existing`` (both keyed alike), archive the rest; return key → primary key.

    ``existing`` holds each row's field values by attname (``QuerySet.values()``): an instance is
    made only for a row that is written, which at this size is most of a second load's time saved.
    """
    batch = _Batch(model, key)
    created = {}
    out = {}
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            created[key] = batch.create(build(key, values))
            result.note("added", kind, label(key))
            continue
        out[key] = row["id"]
        fields = [name for name, value in values.items() if row[name] != value]
        if fields:
            # An instance only for a row that changes: it says the change for people, then is written.
            changes = field_changes(model(**row), {name: values[name] for name in fields})
            batch.update(model(**{**row, **values}), fields)
            result.note("changed", kind, label(key), changes)
    for key, row in existing.items():
        if key not in wanted and not row["archived"]:
            batch.update(model(**{**row, "archived": True}), ["archived"])
            result.note("archived", kind, label(key))
    batch.flush()
    out.update((key, instance.pk) for key, instance in created.items())
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


def _write_sources(result: LoadResult) -> None:
    """The source records (roles/data/sources.json), so pages can name every source the graph cites."""
    fields = ("kind", "title", "publisher", "date", "address", "licence", "attribution", "note")
    wanted = {key: {name: record[name] or "" for name in fields} for key, record in sorted(load_sources().items())}
    existing = {source.key: source for source in Source.objects.all()}
    created, updated = [], []
    for key, values in wanted.items():
        if key not in existing:
            created.append(Source(key=key, **values))
            result.note("added", "sources", key)
        elif set_changed_fields(existing[key], values):
            updated.append(existing[key])
            result.note("changed", "sources", key)
    Source.objects.bulk_create(created)
    Source.objects.bulk_update(updated, fields)


def _write_onet_reference(parsed: ParsedGraph, result: LoadResult) -> None:
    """Keep the file's top-level O*NET reference; a file without one leaves the stored one alone."""
    if parsed.onet is None:
        return
    reference = OnetReference.objects.filter(pk=1).first()
    if reference is None:
        OnetReference.objects.create(pk=1, data=parsed.onet)
        result.note("added", "O*NET reference", parsed.onet["release"])
    elif reference.data != parsed.onet:
        reference.data = parsed.onet
        reference.save(update_fields=["data"])
        result.note("changed", "O*NET reference", parsed.onet["release"])


def _write(parsed: ParsedGraph, result: LoadResult) -> None:
    _write_sources(result)
    _write_onet_reference(parsed, result)
    skills = _sync(
        result,
        "skills",
        Skill,
        ("slug",),
        {row["slug"]: row for row in Skill.objects.values()},
        parsed.skills,
        lambda slug, values: Skill(**values),
    )
    certifications = _sync(
        result,
        "certifications",
        Certification,
        ("slug",),
        {row["slug"]: row for row in Certification.objects.values()},
        parsed.certifications,
        lambda slug, values: Certification(**values),
    )
    roles = _sync(
        result,
        "roles",
        Role,
        ("slug",),
        {row["slug"]: row for row in Role.objects.values()},
        parsed.roles,
        lambda slug, values: Role(**values),
    )

    _write_role_children(parsed, result, roles, skills, certifications)
    _write_role_onet(parsed, result, roles)

    slugs = dict(Role.objects.values_list("pk", "slug"))
    transitions = _sync(
        result,
        "transitions",
        Transition,
        ("source_role_id", "target_role_id"),
        {(slugs[row["source_role_id"]], slugs[row["target_role_id"]]): row for row in Transition.objects.values()},
        parsed.transitions,
        lambda key, values: Transition(source_role_id=roles[key[0]], target_role_id=roles[key[1]], **values),
        label=lambda key: f"{key[0]} → {key[1]}",
    )

    # The steps of a move the file leaves out stay as they are: archiving the move is enough.
    keys = {pk: key for key, pk in transitions.items()}
    existing_steps = {
        (keys[row["transition_id"]], row["order"]): row
        for row in TransitionStep.objects.values()
        if row["transition_id"] in keys
    }
    wanted_steps = {}
    for t_key, steps in parsed.steps.items():
        for step in steps:
            values = {k: v for k, v in step.items() if not k.endswith("_slug")}
            values["skill_id"] = skills[step["skill_slug"]] if step["skill_slug"] else None
            values["certification_id"] = (
                certifications[step["certification_slug"]] if step["certification_slug"] else None
            )
            wanted_steps[(t_key, step["order"])] = values
    _sync(
        result,
        "steps",
        TransitionStep,
        ("transition_id", "order"),
        existing_steps,
        wanted_steps,
        lambda key, values: TransitionStep(transition_id=transitions[key[0]], **values),
        label=lambda key: f"{key[0][0]} → {key[0][1]} step {key[1]}",
    )


def _write_role_onet(parsed: ParsedGraph, result: LoadResult, roles: dict[str, int]) -> None:
    """Keep each role's O*NET data as the file gives it (no history: it is a release's, never edited)."""
    existing = dict(RoleOnetData.objects.values_list("role_id", "data"))
    created, updated, gone = [], [], []
    for slug, data in parsed.role_onet.items():
        pk = roles[slug]
        if data is None:
            if pk in existing:
                gone.append(pk)
                result.note("changed", "role O*NET data", f"{slug} removed")
        elif pk not in existing:
            created.append(RoleOnetData(role_id=pk, data=data))
            result.note("added", "role O*NET data", slug)
        elif existing[pk] != data:
            updated.append(RoleOnetData(role_id=pk, data=data))
            result.note("changed", "role O*NET data", slug)
    RoleOnetData.objects.filter(role_id__in=gone).delete()
    RoleOnetData.objects.bulk_create(created, batch_size=200)
    RoleOnetData.objects.bulk_update(updated, ["data"], batch_size=200)
    if created or updated or gone:
        graph_revision_bump()


def _write_role_children(
    parsed: ParsedGraph, result: LoadResult, roles: dict, skills: dict, certifications: dict
) -> None:
    """Replace a role's skills, certifications and salary facts where they differ from the file."""
    slugs = {pk: slug for slug, pk in roles.items()}
    skill_slugs = dict(Skill.objects.values_list("pk", "slug"))
    certification_slugs = dict(Certification.objects.values_list("pk", "slug"))
    existing_skills: dict[str, dict[str, RoleSkill]] = {}
    # Rows of roles the file leaves out (archived) are left as they are.
    for row in RoleSkill.objects.all():
        if row.role_id not in slugs:
            continue
        existing_skills.setdefault(slugs[row.role_id], {})[skill_slugs[row.skill_id]] = row
    existing_certifications: dict[str, dict[str, RoleCertification]] = {}
    for row in RoleCertification.objects.all():
        if row.role_id not in slugs:
            continue
        existing_certifications.setdefault(slugs[row.role_id], {})[certification_slugs[row.certification_id]] = row
    existing_facts: dict[str, list[SalaryFact]] = {}
    for row in SalaryFact.objects.select_related("relative_to").order_by("id"):
        if row.role_id not in slugs:
            continue
        existing_facts.setdefault(slugs[row.role_id], []).append(row)

    role_skills = _Batch(RoleSkill, ("role_id", "skill_id"))
    role_certifications = _Batch(RoleCertification, ("role_id", "certification_id"))
    facts = _Batch(SalaryFact, None)  # no natural key
    removed: list[models.Model] = []
    for slug, role_pk in roles.items():
        wanted = {e["skill_slug"]: {"level": e["level"], "source": e["source"]} for e in parsed.role_skills[slug]}
        have = existing_skills.get(slug, {})
        for skill_slug, values in wanted.items():
            if skill_slug not in have:
                role_skills.create(RoleSkill(role_id=role_pk, skill_id=skills[skill_slug], **values))
                result.note("added", "role skills", f"{slug}: {skill_slug}")
            elif changes := field_changes(have[skill_slug], values):
                role_skills.update(have[skill_slug], set_changed_fields(have[skill_slug], values))
                result.note("changed", "role skills", f"{slug}: {skill_slug}", changes)
        for skill_slug, row in have.items():
            if skill_slug not in wanted:
                removed.append(row)
                result.note("changed", "role skills", f"{slug}: {skill_slug} removed")

        wanted = {
            e["certification_slug"]: {"kind": e["kind"], "source": e["source"]}
            for e in parsed.role_certifications[slug]
        }
        have = existing_certifications.get(slug, {})
        for cert_slug, values in wanted.items():
            if cert_slug not in have:
                role_certifications.create(
                    RoleCertification(role_id=role_pk, certification_id=certifications[cert_slug], **values)
                )
                result.note("added", "role certifications", f"{slug}: {cert_slug}")
            elif changes := field_changes(have[cert_slug], values):
                role_certifications.update(have[cert_slug], set_changed_fields(have[cert_slug], values))
                result.note("changed", "role certifications", f"{slug}: {cert_slug}", changes)
        for cert_slug, row in have.items():
            if cert_slug not in wanted:
                removed.append(row)
                result.note("changed", "role certifications", f"{slug}: {cert_slug} removed")

        # Salary facts have no natural key: when the list differs, it is replaced whole.
        wanted_facts = parsed.salary_facts[slug]
        have_facts = existing_facts.get(slug, [])
        if [_fact_key_from_row(row) for row in have_facts] != [_fact_key_from_values(f) for f in wanted_facts]:
            removed.extend(have_facts)
            for fact in wanted_facts:
                values = {k: v for k, v in fact.items() if k != "relative_to_slug"}
                relative = fact["relative_to_slug"]
                facts.create(
                    SalaryFact(role_id=role_pk, relative_to_id=roles[relative] if relative else None, **values)
                )
            bucket = "changed" if have_facts else "added"
            for fact in wanted_facts:
                result.note(bucket, "salary facts", f"{slug}: {fact['kind']} ({fact['source']})")
            if len(have_facts) > len(wanted_facts):
                result.note("changed", "salary facts", f"{slug}: {len(have_facts) - len(wanted_facts)} removed")
    # Few rows go (a file that drops a skill or rewrites a figure): delete them one by one, so
    # each leaves its "deleted" history row.
    for row in removed:
        row.delete()
    for batch in (role_skills, role_certifications, facts):
        batch.flush()


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
