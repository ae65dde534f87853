"""
What a coach records about a client: verified skills (reopening steps that ask for more) and private notes.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from coaching.models import (
    CoachNote,
    Notification,
)
from coaching.services.notifications import notify, recipient_language
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
        raise ValidationError({"level": _("Levels go from 1 to 5.")})
    level = int(level)
    profile, _created = Profile.objects.get_or_create(user=client)
    row = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
    if row is None:
        raise ValidationError(_("The client has not rated this skill yet."))
    row.verified_level = level
    row.verified_by = coach
    row.verified_at = timezone.now()
    row.save(update_fields=["verified_level", "verified_by", "verified_at"])
    reopened = _steps_reopen_below(client=client, skill=skill, level=level, coach=coach)
    text = (
        ngettext_lazy(
            "%(name)s verified your %(skill)s skill at level %(level)d. "
            "%(count)d step it no longer meets is open again.",
            "%(name)s verified your %(skill)s skill at level %(level)d. "
            "%(count)d steps it no longer meets are open again.",
            "count",
        )
        if reopened
        else gettext_lazy("%(name)s verified your %(skill)s skill at level %(level)d.")
    )
    notify(
        recipient=client,
        actor=coach,
        kind=Notification.Kind.COACHING,
        text=text,
        # The skill's name is the role graph's, as written.
        params={"name": coach.get_username(), "skill": skill.name, "level": level, "count": reopened},
        url=reverse("planner:profile"),
    )
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
        # The note is the client's: written in their language.
        with translation.override(recipient_language(client)):
            why = _("Reopened: %(name)s verified %(skill)s at level %(level)d; this step asks for level %(asked)d.") % {
                "name": coach.get_username(),
                "skill": skill.name,
                "level": level,
                "asked": step.transition_step.skill_level,
            }
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
        raise ValidationError({"body": _("Write something first.")})
    note = CoachNote(coach=coach, client=client, body=body)
    note.full_clean()
    try:
        note.save()
    except IntegrityError:  # pragma: no cover - no unique constraint today
        raise ValidationError(_("The note could not be saved.")) from None
    return note


def coach_note_delete(*, note: CoachNote, by: User) -> None:
    if note.coach_id != by.pk:
        raise ValidationError(_("You can only delete your own notes."))
    note.delete()
