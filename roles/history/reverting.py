"""
What reverting one recorded change would do, and what changed since a form was opened.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext

from roles.history.reading import (
    KIND_LABELS,
    TRACKED_MODELS,
    FieldChange,
    _display,
    _Names,
    _object_label,
    _user_label,
    _wanted_names,
    field_label,
    history_model,
    tracked_fields,
)


class RevertRefused(Exception):
    """A change that cannot be reverted; the message says why, fit to show a person."""


@dataclass
class RevertPlan:
    """What reverting one recorded change would do to the object as it is now."""

    key: str
    model: type[models.Model]
    record: Any
    action: str  # "restore" (set fields back), "archive", "delete" or "recreate"
    object_label: str
    current: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def summary(self) -> str:
        label = {"label": self.object_label}
        if self.action == "archive":
            return gettext("Archive %(label)s: the change created it, and the graph never deletes.") % label
        if self.action == "delete":
            return gettext("Remove %(label)s, which the change added.") % label
        if self.action == "recreate":
            return gettext("Put back %(label)s, which the change deleted.") % label
        return gettext("Set %(label)s back to the values it had before the change.") % label


def history_record_get(key: str, history_id: int) -> tuple[type[models.Model], Any]:
    """Return the model and the history row, or raise LookupError."""
    model = TRACKED_MODELS.get(key)
    if model is None:
        raise LookupError(key)
    record = history_model(model).objects.select_related("history_user").filter(history_id=history_id).first()
    if record is None:
        raise LookupError(history_id)
    return model, record


def revert_plan(key: str, record: Any, *, lock: bool = False) -> RevertPlan:
    """
    Work out what reverting ``record`` would do; raise RevertRefused when it cannot be done.

    A change is reverted by a new change: fields a change set go back to their earlier values;
    an object the change created is archived (or removed, for a role's skill, certification or
    salary figure, which nothing else refers to); an object it deleted is put back. A field that
    changed again since is not overwritten: revert the later change first.
    """
    model = TRACKED_MODELS[key]
    historical = history_model(model)
    queryset = model.objects.select_for_update() if lock else model.objects.all()
    current = queryset.filter(pk=record.id).first()
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    prev = None
    if record.history_type == "~":
        prev = historical.objects.filter(id=record.id, history_id__lt=record.history_id).order_by("-history_id").first()
    rows = [r for r in (record, prev, current) if r is not None]
    _wanted_names(model, rows, wanted)
    names = _Names.load(wanted)
    label = gettext("%(kind)s “%(name)s”") % {
        "kind": KIND_LABELS[key].lower(),
        "name": _object_label(key, record, names),
    }
    said = {"label": label}
    plan = RevertPlan(key=key, model=model, record=record, action="restore", object_label=label, current=current)

    if record.history_type == "+":
        if current is None:
            raise RevertRefused(gettext("The %(label)s has been deleted since; there is nothing to undo.") % said)
        if any(f.name == "archived" for f in model._meta.concrete_fields):
            if current.archived:
                raise RevertRefused(gettext("The %(label)s is archived already.") % said)
            plan.action = "archive"
            plan.values = {"archived": True}
            plan.changes = [FieldChange("archived", gettext("Archived"), gettext("no"), gettext("yes"))]
        else:
            plan.action = "delete"
        return plan

    if record.history_type == "-":
        if current is not None:
            raise RevertRefused(gettext("The %(label)s exists again already.") % said)
        plan.action = "recreate"
        plan.values = {f.attname: getattr(record, f.attname) for f in tracked_fields(model)}
        return plan

    if prev is None:
        raise RevertRefused(
            gettext("No earlier version of the %(label)s was recorded, so there is nothing to go back to.") % said
        )
    if current is None:
        raise RevertRefused(gettext("The %(label)s has been deleted since; put it back first.") % said)
    stale = []
    for model_field in tracked_fields(model):
        before, after = getattr(prev, model_field.attname), getattr(record, model_field.attname)
        if before == after:
            continue
        now = getattr(current, model_field.attname)
        if now != after:
            stale.append(
                gettext("%(field)s (now %(value)s)")
                % {"field": field_label(model, model_field.name), "value": _display(model_field, now, names)}
            )
            continue
        plan.values[model_field.attname] = before
        plan.changes.append(
            FieldChange(
                name=model_field.name,
                label=field_label(model, model_field.name),
                old=_display(model_field, now, names),
                new=_display(model_field, before, names),
            )
        )
    if stale:
        raise RevertRefused(
            gettext(
                "The %(label)s has changed again since this change: %(fields)s. "
                "Revert the later change first, so that nothing is overwritten unseen."
            )
            % {"label": label, "fields": ", ".join(stale)}
        )
    if not plan.values:
        raise RevertRefused(gettext("This change to the %(label)s altered nothing that can be set back.") % said)
    return plan


# ---------------------------------------------------------------------------------------------
# Concurrent edits


@dataclass(frozen=True)
class ConflictField:
    """A field someone else changed after the form was opened."""

    name: str
    label: str
    base: Any
    theirs: Any
    base_display: str
    theirs_display: str


@dataclass(frozen=True)
class ChangedSince:
    fields: list[ConflictField]
    by: str
    when: datetime | None


def changed_since(instance: models.Model, base_version: int, field_names: Sequence[str]) -> ChangedSince:
    """
    Return the fields among ``field_names`` whose saved value differs from the version the form
    was opened at (``base_version``), with who saved last and when.

    When that version is not known (it was opened before history was kept), every field is
    reported, as the saved value cannot be told apart from an edit.
    """
    model = type(instance)
    historical = history_model(model)
    base = historical.objects.filter(id=instance.pk, history_id=base_version).first() if base_version else None
    latest = historical.objects.filter(id=instance.pk).select_related("history_user").order_by("-history_id").first()
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    _wanted_names(model, [r for r in (instance, base) if r is not None], wanted)
    names = _Names.load(wanted)
    fields = []
    for name in field_names:
        model_field = model._meta.get_field(name)
        theirs = getattr(instance, model_field.attname)
        before = getattr(base, model_field.attname) if base is not None else None
        if base is not None and before == theirs:
            continue
        fields.append(
            ConflictField(
                name=name,
                label=field_label(model, name),
                base=before,
                theirs=theirs,
                base_display=_display(model_field, before, names) if base is not None else gettext("unknown"),
                theirs_display=_display(model_field, theirs, names),
            )
        )
    return ChangedSince(
        fields=fields,
        by=_user_label(latest) if latest is not None else gettext("someone"),
        when=latest.history_date if latest is not None else None,
    )


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """Say a form's value for a field the way diffs do (for showing a person's unsaved values)."""
    model_field = model._meta.get_field(name)
    if isinstance(value, models.Model):
        value = value.pk
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    if model_field.is_relation and value is not None:
        wanted[model_field.related_model].add(value)
    return _display(model_field, value, _Names.load(wanted))
