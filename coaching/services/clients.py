"""
What a coach records about a client: verified skills (reopening steps that ask for more) and private notes.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coaching.models import (
    CoachNote,
    Notification,
)
from coaching.services.notifications import notify
from planner.models import NOTE_MAX_LENGTH, PlanStep, Profile, ProfileSkill
from roles.models import Skill


@transaction.atomic
def skill_verify(*, coach: User, client: User, skill: Skill, level: int) -> ProfileSkill:
    """
    Confirm or adjust a client's level; the self-rating stays beside it.

    A verified level below what a closed step asks for reopens that step, with a note saying
    why: the plan must not keep saying "met" against the coach's word.
    """
    if not 1 <= int(level) <= 5:
        raise ValidationError({"level": "Levels go from 1 to 5."})
    level = int(level)
    profile, _ = Profile.objects.get_or_create(user=client)
    row = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
    if row is None:
        raise ValidationError("The client has not rated this skill yet.")
    row.verified_level = level
    row.verified_by = coach
    row.verified_at = timezone.now()
    row.save(update_fields=["verified_level", "verified_by", "verified_at"])
    reopened = _steps_reopen_below(client=client, skill=skill, level=level, coach=coach)
    text = f"{coach.get_username()} verified your {skill.name} skill at level {level}."
    if reopened:
        text += (
            " "
            + ngettext(
                "%d step it no longer meets is open again.", "%d steps it no longer meets are open again.", reopened
            )
            % reopened
        )
    notify(recipient=client, actor=coach, kind=Notification.Kind.COACHING, text=text, url=reverse("planner:profile"))
    return row


def _steps_reopen_below(*, client: User, skill: Skill, level: int, coach: User) -> int:
    """Reopen the client's closed steps that ask for more of ``skill`` than ``level``; return how many."""
    steps = list(
        PlanStep.objects.select_for_update(of=("self",))
        .filter(
            plan__owner=client,
            plan__archived_at__isnull=True,
            status__in=[PlanStep.Status.DONE, PlanStep.Status.SKIPPED],
            transition_step__skill=skill,
            transition_step__skill_level__gt=level,
        )
        .select_related("transition_step")
    )
    for step in steps:
        # The query above only finds steps made from a graph step that asks for this skill.
        assert step.transition_step is not None
        why = (
            f"Reopened: {coach.get_username()} verified {skill.name} at level {level}; "
            f"this step asks for level {step.transition_step.skill_level}."
        )
        # The reason is kept whole; an already long note gives way at its end.
        step.note = f"{step.note[: NOTE_MAX_LENGTH - len(why) - 2].rstrip()}\n\n{why}" if step.note.strip() else why
        step.status = PlanStep.Status.TODO
        step.completed_at = None
        step.met_at_creation = False
        step.save(update_fields=["note", "status", "completed_at", "met_at_creation", "updated_at"])
    return len(steps)


def coach_note_create(*, coach: User, client: User, body: str) -> CoachNote:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    note = CoachNote(coach=coach, client=client, body=body)
    note.full_clean()
    try:
        note.save()
    except IntegrityError:  # pragma: no cover - no unique constraint today
        raise ValidationError("The note could not be saved.") from None
    return note


def coach_note_delete(*, note: CoachNote, by: User) -> None:
    if note.coach_id != by.pk:
        raise ValidationError("You can only delete your own notes.")
    note.delete()
