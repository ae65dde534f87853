"""Reverting one recorded change with a new, recorded change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation
from django.utils.translation import gettext, ngettext

from roles.history import (
    RevertPlan,
    RevertRefused,
    change_ref,
    history_record_get,
    revert_plan,
)
from roles.models import Role
from roles.services.common import check_one_entry, give_reason, save, validation_message
from roles.services.titles import job_titles_refresh


@transaction.atomic
def history_revert(*, key: str, history_id: int) -> RevertPlan:
    """
    Revert one recorded change with a new change (itself recorded, with the reason "Revert of
    move change #N"); see ``roles.history.revert_plan`` for what that means for each kind of change.

    Raise LookupError for an unknown change and RevertRefused, with a message for a person,
    when the revert cannot be done or would break one of the graph's rules.
    """
    model, record = history_record_get(key, history_id)
    plan = revert_plan(key, record, lock=True)
    # The reason is kept in the history as data, in one language whatever the editor reads.
    with translation.override("en"):
        reason = f"Revert of {change_ref(key, history_id)}"
    try:
        with transaction.atomic():
            _revert(plan, reason)
    except ValidationError as error:
        raise RevertRefused(
            gettext("Reverting this change would break a rule of the graph, so nothing was changed. %(why)s")
            % {"why": validation_message(error, model)}
        ) from error
    except ProtectedError as error:
        raise RevertRefused(
            ngettext(
                "The %(label)s is in use (%(count)s record refers to it), so it cannot be removed; archive it instead.",
                "The %(label)s is in use (%(count)s records refer to it), so it cannot be removed; archive it instead.",
                len(error.protected_objects),
            )
            % {"label": plan.object_label, "count": len(error.protected_objects)}
        ) from error
    except IntegrityError as error:
        raise RevertRefused(
            gettext("The database refused the revert, so nothing was changed (%(error)s).")
            % {"error": error.__class__.__name__}
        ) from error
    return plan


def _revert(plan: RevertPlan, reason: str) -> None:
    if plan.action == "recreate":
        instance = plan.model(pk=plan.record.id, **plan.values)
        if isinstance(instance, Role):
            check_one_entry(instance)
        instance.full_clean()
        give_reason(instance, reason)
        instance.save(force_insert=True)
        plan.current = instance
        if isinstance(instance, Role):
            job_titles_refresh(role_ids=[instance.pk])
        return
    current = plan.current
    if current is None:  # revert_plan finds the row for every other action, under a lock
        raise RevertRefused(
            gettext("The %(label)s no longer exists, so nothing was changed.") % {"label": plan.object_label}
        )
    if plan.action == "delete":
        give_reason(current, reason)
        current.delete()  # a role's job titles go with it (on_delete=CASCADE)
        return
    for attname, value in plan.values.items():
        setattr(current, attname, value)
    if isinstance(current, Role):
        check_one_entry(current)
    save(current, reason=reason)
    if isinstance(current, Role):
        job_titles_refresh(role_ids=[current.pk])
