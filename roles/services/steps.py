"""Writes to the steps of a move: create, update, archive and their order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from careerpath.services import set_changed_fields
from roles.graph_file.shape import STEP_FIELDS
from roles.models import Certification, Skill, Transition, TransitionStep
from roles.revision import graph_revision_bump_once
from roles.services.common import check_fields, check_version, save, set_archived

# The graph file allows step orders 1 to 1000.
MAX_STEP_ORDER = 1000


def _check_step_references(step: TransitionStep, *, was: TransitionStep | None = None) -> None:
    """A new reference to an archived skill or certification is refused; an existing one is kept."""
    errors = {}
    if step.skill is not None and step.skill.archived and (was is None or was.skill_id != step.skill_id):
        errors["skill"] = gettext("“%(name)s” is archived: choose a current skill.") % {"name": step.skill.name}
    if (
        step.certification is not None
        and step.certification.archived
        and (was is None or was.certification_id != step.certification_id)
    ):
        errors["certification"] = gettext("“%(name)s” is archived: choose a current certification.") % {
            "name": step.certification.name
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def step_create(
    *,
    transition: Transition,
    kind: str,
    title: str,
    months_min: int,
    months_max: int,
    description: str = "",
    skill: Skill | None = None,
    skill_level: int | None = None,
    certification: Certification | None = None,
    education: int | None = None,
    experience_kind: str = "",
    years: Decimal | None = None,
    optional: bool = False,
    source: str = "",
) -> TransitionStep:
    """Add a step at the end of a move."""
    # Lock the move so that two steps added at once never take the same place.
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    last = transition.steps.aggregate(last=Max("order"))["last"] or 0
    if last >= MAX_STEP_ORDER:
        raise ValidationError(gettext("A move has at most %(count)s steps.") % {"count": MAX_STEP_ORDER})
    step = TransitionStep(
        transition=transition,
        order=last + 1,
        kind=kind,
        title=title,
        description=description,
        months_min=months_min,
        months_max=months_max,
        skill=skill,
        skill_level=skill_level,
        certification=certification,
        education=education,
        experience_kind=experience_kind,
        years=years,
        optional=optional,
        source=source,
    )
    _check_step_references(step)
    save(step)
    return step


@transaction.atomic
def step_update(
    *, step: TransitionStep, data: Mapping[str, Any], expected_version: int | None = None
) -> TransitionStep:
    check_fields(data, STEP_FIELDS)
    step = TransitionStep.objects.select_for_update().get(pk=step.pk)
    was = TransitionStep(skill_id=step.skill_id, certification_id=step.certification_id)
    check_version(step, expected_version, data)
    if set_changed_fields(step, data):
        _check_step_references(step, was=was)
        save(step)
    return step


@transaction.atomic
def step_archive(*, step: TransitionStep) -> TransitionStep:
    return set_archived(TransitionStep.objects.select_for_update().get(pk=step.pk), archived=True)


@transaction.atomic
def step_restore(*, step: TransitionStep) -> TransitionStep:
    return set_archived(TransitionStep.objects.select_for_update().get(pk=step.pk), archived=False)


@transaction.atomic
def steps_reorder(*, transition: Transition, step_ids: Sequence[int]) -> list[TransitionStep]:
    """
    Put a move's steps in the order of ``step_ids`` (every step of the move, each once).

    The steps keep the set of order numbers they had, so only the steps that move change, each
    with one history row; the swap through free numbers that the unique order needs is not
    recorded. Return the steps in their new order.
    """
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    steps = list(transition.steps.select_for_update().order_by("order"))
    if len(step_ids) != len(set(step_ids)) or set(step_ids) != {step.pk for step in steps}:
        raise ValidationError(
            gettext("The steps of this move changed while you were ordering them: reload and try again.")
        )
    slots = [step.order for step in steps]
    new_order = dict(zip(step_ids, slots, strict=True))
    moving = [step for step in steps if new_order[step.pk] != step.order]
    if moving:
        with graph_revision_bump_once():
            spare = max(slots) + 1
            for offset, step in enumerate(moving):
                step.order = spare + offset
                # Only the final order is a change worth a history record, not the spare slot.
                step.skip_history_when_saving = True  # type: ignore[attr-defined]  # simple-history's
                step.save(update_fields=["order"])
                del step.skip_history_when_saving  # type: ignore[attr-defined]
            for step in moving:
                step.order = new_order[step.pk]
                step.full_clean()
                step.save(update_fields=["order"])
    return sorted(steps, key=lambda step: step.order)


@transaction.atomic
def step_move(*, step: TransitionStep, direction: Literal["up", "down"]) -> list[TransitionStep]:
    """Move a step one place up or down its move; at either end nothing changes."""
    steps = TransitionStep.objects.filter(transition_id=step.transition_id).order_by("order")
    ids = list(steps.values_list("pk", flat=True))
    index = ids.index(step.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return steps_reorder(transition=Transition(pk=step.transition_id), step_ids=ids)
