"""
The change history of the role graph, read as diffs a person can follow.

django-simple-history records a row for every save and delete of the graph's models (who, when,
every field's value). This module reads those rows back as ``HistoryEntry`` objects ("Level:
3 → 4") in a fixed number of queries per page, says what reverting one change would do, and
gives every object a version number (its latest history row) for spotting concurrent edits.

What reverting a change would do is ``roles.history.reverting``; the revert itself is written in
``roles.services.history_revert``. This package only reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

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

# The models whose changes are recorded, by the key used in URLs, in the order pages list them.
TRACKED_MODELS: dict[str, type[models.Model]] = {
    "role": Role,
    "transition": Transition,
    "transitionstep": TransitionStep,
    "roleskill": RoleSkill,
    "rolecertification": RoleCertification,
    "salaryfact": SalaryFact,
    "skill": Skill,
    "certification": Certification,
}
KIND_LABELS = {
    "role": gettext_lazy("Role"),
    "transition": gettext_lazy("Move"),
    "transitionstep": gettext_lazy("Step"),
    "roleskill": gettext_lazy("Skill needed"),
    "rolecertification": gettext_lazy("Certification"),
    "salaryfact": gettext_lazy("Salary figure"),
    "skill": gettext_lazy("Skill"),
    "certification": gettext_lazy("Certification (catalogue)"),
}
# A recorded change by its number ("move change #12"), per kind: the numbers count per model.
CHANGE_REFS = {
    "role": gettext_lazy("role change #%(number)s"),
    "transition": gettext_lazy("move change #%(number)s"),
    "transitionstep": gettext_lazy("step change #%(number)s"),
    "roleskill": gettext_lazy("skill needed change #%(number)s"),
    "rolecertification": gettext_lazy("certification change #%(number)s"),
    "salaryfact": gettext_lazy("salary figure change #%(number)s"),
    "skill": gettext_lazy("skill change #%(number)s"),
    "certification": gettext_lazy("certification change #%(number)s"),
}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
PAGE_SIZE = 40
MAX_PAGE = 50
EMPTY = pgettext_lazy("a value", "(empty)")


def model_key(model: type[models.Model]) -> str:
    return model._meta.model_name


def change_ref(key: str, history_id: int) -> str:
    """Name a recorded change for people ("move change #12"): history ids count per model."""
    return CHANGE_REFS[key] % {"number": history_id}


def history_model(model: type[models.Model]) -> type[models.Model]:
    return model.history.model


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a diff compares: every concrete field the history keeps but the primary key."""
    kept = {f.name for f in history_model(model)._meta.concrete_fields}
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name in kept]


def field_label(model: type[models.Model], name: str) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def history_version(instance: models.Model) -> int:
    """Return the object's version: the id of its latest history row (0 when it has none)."""
    if instance.pk is None:
        return 0
    latest = (
        history_model(type(instance))
        .objects.filter(id=instance.pk)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return latest or 0


# ---------------------------------------------------------------------------------------------
# Values for people


@dataclass
class _Names:
    """Titles and names of the objects diffs refer to, looked up in one query per model."""

    roles: dict[int, str] = field(default_factory=dict)
    skills: dict[int, str] = field(default_factory=dict)
    certifications: dict[int, str] = field(default_factory=dict)
    transitions: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, wanted: dict[type[models.Model], set[int]]) -> _Names:
        names = cls()
        transition_ids = wanted.get(Transition, set())
        if transition_ids:
            rows = Transition.objects.filter(id__in=transition_ids).values_list(
                "id", "source_role_id", "target_role_id", "source_role__title", "target_role__title"
            )
            for pk, source_id, target_id, source, target in rows:
                names.transitions[pk] = f"{source} → {target}"
                names.roles.setdefault(source_id, source)
                names.roles.setdefault(target_id, target)
        role_ids = wanted.get(Role, set()) - set(names.roles)
        if role_ids:
            names.roles.update(Role.objects.filter(id__in=role_ids).values_list("id", "title"))
        if wanted.get(Skill):
            names.skills.update(Skill.objects.filter(id__in=wanted[Skill]).values_list("id", "name"))
        if wanted.get(Certification):
            names.certifications.update(
                Certification.objects.filter(id__in=wanted[Certification]).values_list("id", "name")
            )
        return names

    def of(self, model: type[models.Model], pk: int | None) -> str:
        if pk is None:
            return str(EMPTY)
        table = {
            Role: self.roles,
            Skill: self.skills,
            Certification: self.certifications,
            Transition: self.transitions,
        }.get(model, {})
        return table.get(pk) or gettext("%(kind)s #%(number)s (deleted)") % {
            "kind": model._meta.verbose_name,
            "number": pk,
        }


def _display(model_field: models.Field, value: Any, names: _Names) -> str:
    """Say a stored value the way a person reads it."""
    if model_field.is_relation:
        return names.of(model_field.related_model, value)
    if value is None or value == "":
        return str(EMPTY)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _wanted_names(model: type[models.Model], rows: Iterable[Any], wanted: dict[type[models.Model], set[int]]) -> None:
    for model_field in tracked_fields(model):
        if model_field.is_relation:
            for row in rows:
                value = getattr(row, model_field.attname)
                if value is not None:
                    wanted[model_field.related_model].add(value)


# ---------------------------------------------------------------------------------------------
# Entries


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    key: str
    kind_label: str
    history_id: int
    object_id: int
    object_label: str
    history_type: str
    when: datetime
    user: str
    reason: str
    changes: list[FieldChange]
    has_previous: bool = True

    @property
    def action(self) -> str:
        return ACTIONS.get(self.history_type, "changed")

    @property
    def ref(self) -> str:
        return change_ref(self.key, self.history_id)

    @property
    def first_recorded(self) -> bool:
        """A change to an object made before history was kept: its earlier values are unknown."""
        return self.history_type == "~" and not self.has_previous

    @property
    def is_revertible(self) -> bool:
        return self.history_type != "~" or bool(self.changes)


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    page: int
    has_next: bool


def _object_label(key: str, row: Any, names: _Names) -> str:
    if key == "role":
        return row.title
    if key in ("skill", "certification"):
        return row.name
    if key == "transition":
        return f"{names.of(Role, row.source_role_id)} → {names.of(Role, row.target_role_id)}"
    if key == "transitionstep":
        return gettext("%(move)s, step %(order)s: %(title)s") % {
            "move": names.of(Transition, row.transition_id),
            "order": row.order,
            "title": row.title,
        }
    if key == "roleskill":
        return f"{names.of(Role, row.role_id)}: {names.of(Skill, row.skill_id)}"
    if key == "rolecertification":
        return f"{names.of(Role, row.role_id)}: {names.of(Certification, row.certification_id)}"
    if key == "salaryfact":
        kind = dict(SalaryFact.Kind.choices).get(row.kind, row.kind)
        return f"{names.of(Role, row.role_id)}: {kind.lower()} ({row.source})"
    return str(row.id)


def _changes(model: type[models.Model], row: Any, prev: Any | None, names: _Names) -> list[FieldChange]:
    """Return what a history row changed: every value set when created, the differences otherwise."""
    if row.history_type == "-" or (row.history_type == "~" and prev is None):
        return []
    fields = tracked_fields(model)
    if row.history_type == "+":
        values = [(field, None, getattr(row, field.attname)) for field in fields]
        changed = [(field, old, new) for field, old, new in values if not (new is None or new == "" or new is False)]
    else:
        # simple-history's diff (foreign keys as ids), put back in the model's field order.
        by_name = {field.name: field for field in fields}
        delta = row.diff_against(prev)
        changed = sorted(
            ((by_name[change.field], change.old, change.new) for change in delta.changes if change.field in by_name),
            key=lambda item: fields.index(item[0]),
        )
    return [
        FieldChange(
            name=field.name,
            label=field_label(model, field.name),
            old=str(EMPTY) if row.history_type == "+" else _display(field, old, names),
            new=_display(field, new, names),
        )
        for field, old, new in changed
    ]


def _user_label(row: Any) -> str:
    user = row.history_user
    if user is None:
        if row.history_user_id is None:
            return gettext("a command or script")
        return gettext("user #%(number)s") % {"number": row.history_user_id}
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class HistoryScope:
    """Which history rows a page shows: a filter per model key; a missing key shows none."""

    filters: dict[str, Q]

    @classmethod
    def everything(cls) -> HistoryScope:
        return cls({key: Q() for key in TRACKED_MODELS})

    @classmethod
    def for_role(cls, role_id: int) -> HistoryScope:
        moves = Q(source_role_id=role_id) | Q(target_role_id=role_id)
        # Every move that ever touched the role, including moves deleted since.
        move_ids = history_model(Transition).objects.filter(moves).values("id")
        return cls(
            {
                "role": Q(id=role_id),
                "roleskill": Q(role_id=role_id),
                "rolecertification": Q(role_id=role_id),
                "salaryfact": Q(role_id=role_id),
                "transition": moves,
                "transitionstep": Q(transition_id__in=move_ids),
            }
        )

    @classmethod
    def for_transition(cls, transition_id: int) -> HistoryScope:
        return cls({"transition": Q(id=transition_id), "transitionstep": Q(transition_id=transition_id)})


def history_entries(scope: HistoryScope, *, page: int = 1, page_size: int = PAGE_SIZE) -> HistoryPage:
    """
    Return one page of changes, newest first, each with its diff against the version before it.

    Runs two queries per model in the scope (its rows, and the rows just before them) and one per
    kind of object named in a diff, whatever the number of changes.
    """
    page = max(1, min(page, MAX_PAGE))
    wanted_rows = page * page_size + 1
    rows_by_key: dict[str, list[Any]] = {}
    prev_by_key: dict[str, dict[int, Any]] = {}
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for key, condition in scope.filters.items():
        model = TRACKED_MODELS[key]
        historical = history_model(model)
        earlier = (
            historical.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        rows = list(
            historical.objects.filter(condition)
            .select_related("history_user")
            .annotate(prev_history_id=Subquery(earlier))
            .order_by("-history_date", "-history_id")[:wanted_rows]
        )
        prev_ids = [row.prev_history_id for row in rows if row.prev_history_id]
        prev = {row.history_id: row for row in historical.objects.filter(history_id__in=prev_ids)} if prev_ids else {}
        rows_by_key[key] = rows
        prev_by_key[key] = prev
        _wanted_names(model, [*rows, *prev.values()], wanted)

    merged = sorted(
        ((key, row) for key, rows in rows_by_key.items() for row in rows),
        key=lambda item: (item[1].history_date, item[1].history_id),
        reverse=True,
    )
    start = (page - 1) * page_size
    visible = merged[start : start + page_size]
    names = _Names.load(wanted)
    entries = []
    for key, row in visible:
        model = TRACKED_MODELS[key]
        prev = prev_by_key[key].get(row.prev_history_id)
        entries.append(
            HistoryEntry(
                key=key,
                kind_label=str(KIND_LABELS[key]),
                history_id=row.history_id,
                object_id=row.id,
                object_label=_object_label(key, row, names),
                history_type=row.history_type,
                when=row.history_date,
                user=_user_label(row),
                reason=row.history_change_reason or "",
                changes=_changes(model, row, prev, names),
                has_previous=prev is not None,
            )
        )
    return HistoryPage(entries=entries, page=page, has_next=len(merged) > start + page_size)
