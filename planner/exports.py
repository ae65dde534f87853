"""A plan's dated steps as iCalendar, and everything a person keeps here as JSON."""

from __future__ import annotations

import datetime

import icalendar
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from planner import extensions
from planner.models import Plan, PlanStep, Profile
from planner.selectors import plan_detail_queryset
from roles.models import Education


def plan_calendar(*, plan: Plan, host: str) -> bytes:
    """Return one all-day event per step with a target date; done steps are marked completed."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CareerPath//Career plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar escapes only the properties it knows as text; an X- property is written as given,
    # and a line break in it ends the line: say it is text, on one line.
    calendar.add("x-wr-calname", icalendar.vText(f"CareerPath: {' '.join(plan.title.split())}"))
    stamp = timezone.now()
    moves = {plan_role.pk: plan_role for plan_role in plan.route_roles.all()}
    for step in plan.steps.all():
        if step.target_date is None:
            continue
        event = icalendar.Event()
        # A stable UID lets calendar apps update the event when the file is imported again.
        event.add("uid", f"plan-{plan.pk}-step-{step.pk}@{host.split(':')[0] or 'careerpath'}")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.target_date)
        event.add("dtend", step.target_date + datetime.timedelta(days=1))
        event.add("summary", _("%(step)s (%(status)s)") % {"step": step.title, "status": step.get_status_display()})
        move = moves.get(step.move_id)
        lines = [_("Plan: %(title)s") % {"title": plan.title}]
        if move is not None:
            lines.append(_("Move to: %(role)s") % {"role": move.role.title})
        if step.description:
            lines.append(step.description)
        if step.note:
            lines.append(_("Your note: %(note)s") % {"note": step.note})
        event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        if step.status == PlanStep.Status.DONE:
            event.add("categories", ["Done"])
        calendar.add_component(event)
    return calendar.to_ical()


def person_data(*, user: AbstractBaseUser) -> dict:
    """
    Return everything kept about the person as plain JSON data: account, profile, plans.

    The apps built on planner add their sections (coaching: coachings, comments, suggestions,
    reviews, notifications, and a coach's own records); tests/coaching/test_exports_complete.py fails when
    a model that holds a person's data is missing from it.
    """
    profile = Profile.objects.select_related("current_role").filter(user=user).first()
    data: dict = {
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.get_username(), "email": user.email, "date_joined": user.date_joined.isoformat()},
        "profile": None,
        "plans": [],
    }
    if profile is not None:
        data["profile"] = {
            "current_role": profile.current_role.slug if profile.current_role else None,
            "years_experience": float(profile.years_experience),
            "years_leading": float(profile.years_leading),
            "education": str(Education(profile.education).label),
            "hours_per_week": profile.hours_per_week,
            "language": profile.language or None,
            "skills": [
                {
                    "skill": row.skill.slug,
                    "name": row.skill.name,
                    "level": row.level,
                    "verified_level": row.verified_level,
                    # A coach who deleted their account is no longer named (nor is one here).
                    "verified_by": row.verified_by.get_username() if row.verified_by else None,
                    "verified_at": row.verified_at.isoformat() if row.verified_at else None,
                }
                for row in profile.skills.select_related("skill", "verified_by")
            ],
            "certifications": [
                {
                    "certification": row.certification.slug,
                    "name": row.certification.name,
                    "earned_on": row.earned_on.isoformat(),
                    "expires_on": row.expires_on.isoformat() if row.expires_on else None,
                }
                for row in profile.certifications.select_related("certification")
            ],
        }
    # The bin's plans too: they are still the person's until the bin empties.
    for plan in plan_detail_queryset(include_bin=True).filter(owner=user).order_by("created_at", "id"):
        data["plans"].append(
            {
                "title": plan.title,
                "target": plan.target_role.slug,
                "ranking": plan.ranking,
                "route": [plan_role.role.slug for plan_role in plan.route_roles.all()],
                "created_at": plan.created_at.isoformat(),
                "archived_at": plan.archived_at.isoformat() if plan.archived_at else None,
                "in_bin_since": plan.deleted_at.isoformat() if plan.deleted_at else None,
                "steps": [
                    {
                        "move_to": step.move.role.slug,
                        "earlier_route": step.move.retired_at is not None,
                        "order": step.order,
                        "kind": step.kind,
                        "title": step.title,
                        "status": step.status,
                        "target_date": step.target_date.isoformat() if step.target_date else None,
                        "note": step.note,
                        "completed_at": step.completed_at.isoformat() if step.completed_at else None,
                        "added_by_coach": step.added_by_id is not None or step.transition_step_id is None,
                    }
                    for step in plan.steps.all()
                ],
            }
        )
    # Sections of the apps built on planner (coaching: the consent record, the person's comments).
    data.update(extensions.export_sections(user=user))
    return data
