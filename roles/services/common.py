"""
What every write of the graph editor shares: the field lists, the checks before a save (the
fields, the version a form showed, the one entry node), the save itself and archiving.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

from roles.graph_file.shape import ROLE_FIELDS
from roles.history import (
    ChangedSince,
    changed_since,
    field_label,
    history_version,
)
from roles.models import Certification, Role, Skill, Transition, TransitionStep

# A role's slug is its name in graph files and addresses: the editor never changes it.
ROLE_UPDATE_FIELDS = tuple(name for name in ROLE_FIELDS if name != "slug")
TRANSITION_UPDATE_FIELDS = ("kind", "note", "source")


class EditConflict(Exception):
    """
    Someone else saved the object after the form was opened, changing fields the form holds.

    ``instance`` is the object as saved now, ``version`` its version now (for the form to carry
    on with) and ``changed`` the fields they changed, with who and when.
    """

    def __init__(self, *, instance: models.Model, version: int, changed: ChangedSince):
        self.instance = instance
        self.version = version
        self.changed = changed
        names = ", ".join(f.label for f in changed.fields)
        super().__init__(gettext("%(by)s changed %(fields)s meanwhile.") % {"by": changed.by, "fields": names})


def validation_message(error: ValidationError, model: type[models.Model]) -> str:
    """Say a ValidationError in one sentence, each message after its field's label."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts: list[str] = []
    for name, messages in error.message_dict.items():
        if name == "__all__":
            parts.extend(messages)
        else:
            label = _label(model, name)
            parts.extend(gettext("%(field)s: %(message)s") % {"field": label, "message": m} for m in messages)
    return " ".join(parts)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return field_label(model, name)
    except Exception:  # a rule's own key, not a field
        return name.replace("_", " ").capitalize()


# ---------------------------------------------------------------------------------------------
# Shared steps


def check_fields(data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"These fields cannot be changed here: {', '.join(unknown)}")


def check_version(instance: models.Model, expected_version: int | None, data: Mapping[str, Any]) -> None:
    """
    Raise EditConflict when someone saved a field of ``data`` since ``expected_version`` and the
    submitted value is not theirs: saving would overwrite their change unseen.
    """
    if expected_version is None:
        return
    version = history_version(instance)
    if version == expected_version:
        return
    changed = changed_since(instance, expected_version, list(data))
    conflicts = [f for f in changed.fields if _value(data[f.name]) != f.theirs]
    if conflicts:
        raise EditConflict(
            instance=instance,
            version=version,
            changed=ChangedSince(fields=conflicts, by=changed.by, when=changed.when),
        )


def _value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def give_reason(instance: models.Model, reason: str) -> None:
    """Say why, on the history record the next save or delete makes (simple-history reads this)."""
    instance._change_reason = reason  # type: ignore[attr-defined]  # simple-history's, untyped


def save(instance: models.Model, *, reason: str | None = None) -> None:
    instance.full_clean()
    if reason:
        give_reason(instance, reason)
    instance.save()


def check_one_entry(role: Role) -> None:
    if not role.is_entry:
        return
    other = Role.objects.filter(is_entry=True).exclude(pk=role.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "is_entry": gettext("“%(title)s” is the entry node already; the graph has only one starting point.")
                % {"title": other.title}
            }
        )


Archivable = TypeVar("Archivable", Role, Transition, TransitionStep, Skill, Certification)


def set_archived(instance: Archivable, *, archived: bool) -> Archivable:
    if instance.archived != archived:
        instance.archived = archived
        save(instance)
    return instance
