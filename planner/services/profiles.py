"""Writes to a person's profile: where they stand, and the language they read in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planner.models import Profile, ProfileCertification, ProfileSkill
from roles.models import Certification, Role, Skill


@dataclass(frozen=True)
class CertificationHeld:
    certification: Certification
    earned_on: datetime.date
    expires_on: datetime.date | None = None


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    current_role: Role | None,
    years_experience: Decimal,
    years_leading: Decimal,
    education: int,
    hours_per_week: int,
    skill_levels: Mapping[int, int | None],
    certifications: Iterable[CertificationHeld],
) -> Profile:
    """Replace the profile's facts, skills and certifications with what the person gave."""
    if current_role is not None and (current_role.archived or current_role.is_entry):
        raise ValidationError({"current_role": _("Choose a role from the list.")})
    profile.current_role = current_role
    profile.years_experience = years_experience
    profile.years_leading = years_leading
    profile.education = education
    profile.hours_per_week = hours_per_week
    profile.full_clean()
    # Saving the profile's row first locks it: two saves at once (two tabs) take turns here,
    # so the second sees the first's skill rows instead of inserting them again.
    profile.save()

    rated = {skill_id: level for skill_id, level in skill_levels.items() if level}
    ProfileSkill.objects.filter(profile=profile).exclude(skill_id__in=rated).delete()
    existing = {row.skill_id: row for row in ProfileSkill.objects.filter(profile=profile)}
    valid_skill_ids = set(Skill.objects.filter(id__in=rated).values_list("id", flat=True))
    for skill_id, level in rated.items():
        if skill_id not in valid_skill_ids:
            raise ValidationError(_("One of the skills no longer exists; reload the page."))
        if not 1 <= level <= 5:
            raise ValidationError(_("Skill levels go from 1 to 5."))
        row = existing.get(skill_id)
        if row is None:
            ProfileSkill.objects.create(profile=profile, skill_id=skill_id, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])

    held = list(certifications)
    ProfileCertification.objects.filter(profile=profile).exclude(
        certification__in=[item.certification for item in held]
    ).delete()
    for item in held:
        ProfileCertification.objects.update_or_create(
            profile=profile,
            certification=item.certification,
            defaults={"earned_on": item.earned_on, "expires_on": item.expires_on},
        )
    return profile


def profile_language_set(*, user: User, language: str) -> None:
    """
    Keep the language a person chose with the switcher, so what is written to them later (a
    notification, its email) is in that language. Only a language the site offers is kept.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    Profile.objects.update_or_create(user=user, defaults={"language": language})
