"""Writes to moves between roles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from careerpath.services import set_changed_fields
from roles.models import Role, Transition
from roles.services.common import TRANSITION_UPDATE_FIELDS, check_fields, check_version, save, set_archived


@transaction.atomic
def transition_create(
    *,
    source_role: Role,
    target_role: Role,
    kind: str = Transition.Kind.PROMOTION,
    note: str = "",
    source: str = "",
) -> Transition:
    """Connect two roles with a new move (add its steps with ``step_create``)."""
    if source_role.pk == target_role.pk:
        raise ValidationError({"target_role": gettext("A move must lead to another role.")})
    existing = Transition.objects.filter(source_role=source_role, target_role=target_role).first()
    if existing is not None:
        titles = {"source": source_role.title, "target": target_role.title}
        if existing.archived:
            message = (
                gettext(
                    "There is already a move from “%(source)s” to “%(target)s”. It is archived: restore it instead."
                )
                % titles
            )
        else:
            message = gettext("There is already a move from “%(source)s” to “%(target)s”.") % titles
        raise ValidationError({"target_role": message})
    errors = {}
    for name, role in (("source_role", source_role), ("target_role", target_role)):
        if role.archived:
            errors[name] = gettext("“%(title)s” is archived: restore it before connecting it.") % {"title": role.title}
    if errors:
        raise ValidationError(errors)
    move = Transition(source_role=source_role, target_role=target_role, kind=kind, note=note, source=source)
    save(move)
    return move


@transaction.atomic
def transition_update(
    *, transition: Transition, data: Mapping[str, Any], expected_version: int | None = None
) -> Transition:
    """Change a move's kind, note or source; its two roles stay (connect others with a new move)."""
    check_fields(data, TRANSITION_UPDATE_FIELDS)
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    check_version(transition, expected_version, data)
    if set_changed_fields(transition, data):
        save(transition)
    return transition


@transaction.atomic
def transition_archive(*, transition: Transition) -> Transition:
    return set_archived(Transition.objects.select_for_update().get(pk=transition.pk), archived=True)


@transaction.atomic
def transition_restore(*, transition: Transition) -> Transition:
    transition = (
        Transition.objects.select_for_update().select_related("source_role", "target_role").get(pk=transition.pk)
    )
    if transition.archived:
        archived = [role.title for role in (transition.source_role, transition.target_role) if role.archived]
        if archived:
            raise ValidationError(
                gettext("Restore “%(title)s” first: a move between archived roles is never used.")
                % {"title": archived[0]}
            )
    return set_archived(transition, archived=False)
