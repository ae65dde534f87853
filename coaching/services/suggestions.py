"""
A coach's suggestions on a shared plan. Coaches never write a plan's data: a suggestion changes
the plan only when its owner accepts it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coaching.models import (
    Notification,
    Suggestion,
)
from coaching.services.notifications import notify
from planner.models import Plan, PlanRole, PlanStep, Profile
from planner.services import plan_lock, plan_reroute
from roles.models import TransitionStep


@transaction.atomic
def suggestion_create(
    *,
    plan: Plan,
    author: User,
    kind: str,
    message: str = "",
    move: PlanRole | None = None,
    title: str = "",
    step_kind: str = "",
    step: PlanStep | None = None,
    target_date: datetime.date | None = None,
    route: list[str] | None = None,
) -> Suggestion:
    """Propose a step, a new date for a step, or another route; nothing changes until the owner accepts."""
    errors: dict[str, str] = {}
    if kind == Suggestion.Kind.ADD_STEP:
        if move is None or move.plan_id != plan.pk or move.retired_at is not None or move.transition_id is None:
            errors["move"] = _("Choose the move the step belongs to.")
        if not (title or "").strip():
            errors["title"] = _("Say what the step is.")
        if step_kind not in TransitionStep.Kind.values:
            errors["step_kind"] = _("Choose the kind of step.")
    elif kind == Suggestion.Kind.CHANGE_DATE:
        if step is None or step.plan_id != plan.pk:
            errors["step"] = _("Choose a step of this plan.")
        if target_date is None:
            errors["target_date"] = _("Give the new date.")
    elif kind == Suggestion.Kind.OTHER_ROUTE:
        if not route or len(route) < 2:
            errors["route"] = _("Choose the route, from the plan's start to a target.")
    else:
        errors["kind"] = _("Choose what you suggest.")
    if errors:
        raise ValidationError(errors)
    suggestion = Suggestion(
        plan=plan,
        author=author,
        kind=kind,
        message=(message or "").strip(),
        move=move if kind == Suggestion.Kind.ADD_STEP else None,
        title=(title or "").strip() if kind == Suggestion.Kind.ADD_STEP else "",
        step_kind=step_kind if kind == Suggestion.Kind.ADD_STEP else "",
        step=step if kind == Suggestion.Kind.CHANGE_DATE else None,
        target_date=target_date if kind in (Suggestion.Kind.ADD_STEP, Suggestion.Kind.CHANGE_DATE) else None,
        route=",".join(route) if kind == Suggestion.Kind.OTHER_ROUTE and route else "",
    )
    suggestion.full_clean()
    suggestion.save()
    notify(
        recipient=plan.owner,
        actor=author,
        kind=Notification.Kind.SUGGESTION,
        text={
            Suggestion.Kind.ADD_STEP: gettext_lazy("%(name)s suggested adding a step in “%(plan)s”."),
            Suggestion.Kind.CHANGE_DATE: gettext_lazy("%(name)s suggested changing a step's date in “%(plan)s”."),
            Suggestion.Kind.OTHER_ROUTE: gettext_lazy("%(name)s suggested taking another route in “%(plan)s”."),
        }[Suggestion.Kind(kind)],
        params={"name": author.get_username(), "plan": plan.title},
        url=f"{plan.get_absolute_url()}#suggestion-{suggestion.pk}",
    )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by: User, profile: Profile | None = None) -> Suggestion:
    """Apply a suggestion to the plan (only its owner may), and mark it accepted."""
    if by.pk != suggestion.plan.owner_id:
        raise ValidationError(_("Only the plan's owner can accept a suggestion."))
    # Under the plan's lock, read again: a second click finds the suggestion answered, and an
    # added step's place on its move cannot be taken by another at the same time.
    plan = plan_lock(plan=suggestion.plan)
    suggestion = Suggestion.objects.select_related("move", "step", "author").get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(_("This suggestion was already answered."))
    if suggestion.kind == Suggestion.Kind.ADD_STEP:
        move = suggestion.move
        if move is None or move.retired_at is not None:
            raise ValidationError(_("The move this step was for is no longer on your route."))
        order = (move.steps.aggregate(top=Max("order"))["top"] or 0) + 1
        step = PlanStep(
            plan=plan,
            move=move,
            order=order,
            kind=suggestion.step_kind,
            title=suggestion.title,
            # Written for the owner, who accepts it now: in their language; the coach's message as written.
            description=(
                (
                    _("Suggested by %(name)s.") % {"name": suggestion.author.get_username()}
                    if suggestion.author is not None
                    else _("Suggested by a former coach.")
                )
                + f" {suggestion.message}"
            ).strip(),
            target_date=suggestion.target_date,
            added_by=suggestion.author,
        )
        step.full_clean()
        step.save()
    elif suggestion.kind == Suggestion.Kind.CHANGE_DATE:
        dated = suggestion.step
        if dated is None:
            raise ValidationError(_("That step is no longer on your plan."))
        dated.target_date = suggestion.target_date
        dated.save(update_fields=["target_date", "updated_at"])
    else:
        plan_reroute(plan=plan, profile=profile, route_slugs=suggestion.route.split(","))
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    if suggestion.author is not None:  # a former coach has no one to tell
        notify(
            recipient=suggestion.author,
            actor=by,
            kind=Notification.Kind.SUGGESTION,
            text=gettext_lazy("%(name)s accepted your suggestion in “%(plan)s”."),
            params={"name": by.get_username(), "plan": plan.title},
            url=reverse("coaching:coach-plan", args=[plan.pk]),
        )
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by: User) -> Suggestion:
    if by.pk != suggestion.plan.owner_id:
        raise ValidationError(_("Only the plan's owner can decline a suggestion."))
    # Lock the suggestion row only: its author may be gone (a nullable, outer-joined row).
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",)).select_related("plan", "author").get(pk=suggestion.pk)
    )
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(_("This suggestion was already answered."))
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    if suggestion.author is not None:
        notify(
            recipient=suggestion.author,
            actor=by,
            kind=Notification.Kind.SUGGESTION,
            text=gettext_lazy("%(name)s declined your suggestion in “%(plan)s”."),
            params={"name": by.get_username(), "plan": suggestion.plan.title},
            url=reverse("coaching:coach-plan", args=[suggestion.plan_id]),
        )
    return suggestion
