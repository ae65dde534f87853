"""Writes to roles."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from careerpath.services import set_changed_fields
from roles.models import Education, Role
from roles.services.common import ROLE_UPDATE_FIELDS, check_fields, check_one_entry, check_version, save, set_archived
from roles.services.titles import TITLE_FIELDS, job_titles_refresh


@transaction.atomic
def role_create(
    *,
    slug: str,
    title: str,
    track: str,
    level: int,
    summary: str = "",
    duties: str = "",
    alternate_titles: str = "",
    min_education: int = Education.NONE,
    preferred_education: int | None = None,
    education_note: str = "",
    min_experience_years: Decimal = Decimal("0"),
    min_leadership_years: Decimal = Decimal("0"),
    experience_note: str = "",
    onet_soc_code: str = "",
    sources: str = "",
    is_entry: bool = False,
    is_track_top: bool = False,
) -> Role:
    role = Role(
        slug=slug,
        title=title,
        track=track,
        level=level,
        summary=summary,
        duties=duties,
        alternate_titles=alternate_titles,
        min_education=min_education,
        preferred_education=preferred_education,
        education_note=education_note,
        min_experience_years=min_experience_years,
        min_leadership_years=min_leadership_years,
        experience_note=experience_note,
        onet_soc_code=onet_soc_code,
        sources=sources,
        is_entry=is_entry,
        is_track_top=is_track_top,
    )
    check_one_entry(role)
    save(role)
    job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_update(*, role: Role, data: Mapping[str, Any], expected_version: int | None = None) -> Role:
    """Change a role's fields (not its slug); raise EditConflict if someone changed them meanwhile."""
    check_fields(data, ROLE_UPDATE_FIELDS)
    role = Role.objects.select_for_update().get(pk=role.pk)
    check_version(role, expected_version, data)
    changed = set_changed_fields(role, data)
    if changed:
        check_one_entry(role)
        save(role)
        if TITLE_FIELDS.intersection(changed):
            job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_archive(*, role: Role) -> Role:
    """Archive a role: plans keep it, new routes and the title search leave it and every move to or from it out."""
    role = set_archived(Role.objects.select_for_update().get(pk=role.pk), archived=True)
    job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_restore(*, role: Role) -> Role:
    role = set_archived(Role.objects.select_for_update().get(pk=role.pk), archived=False)
    job_titles_refresh(role_ids=[role.pk])
    return role
