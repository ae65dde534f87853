"""
Where apps built on planner add to its plan page, its plan queries and its data export.

planner knows nothing of the apps that use it (coaching uses planner, never the reverse). An app
that shows something on the owner's plan page, or keeps data a person may export, registers it
here from its ``AppConfig.ready()``; planner renders and runs whatever was registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

# The places on the owner's plan page where panels go: above the route, at the top of the main
# column, under each step, under each step of an earlier route, and at the end of the main column.
PLAN_PAGE_SLOTS = ("notice", "main", "step", "earlier_step", "end")


@dataclass(frozen=True)
class PlanPanel:
    """A template included at one slot of the plan page, with the page's context (plan, view, step)."""

    slot: str
    template: str


_plan_panels: list[PlanPanel] = []
_plan_prefetches: list[Callable[[], list[Prefetch]]] = []
_export_sections: dict[str, Callable[[AbstractBaseUser], object]] = {}
_step_keepers: list[Callable[[int], set[int]]] = []
_account_deletions: list[AccountDeletion] = []


@dataclass(frozen=True)
class AccountDeletion:
    """
    What an app does when a person deletes their account.

    ``summary(user)`` says, in sentences for the person, what happens to what the app holds (shown
    before they confirm); ``prepare(user)`` runs in the deletion's transaction just before the
    account goes (coaching: end open coachings on the record and tell the other side).
    """

    summary: Callable[[AbstractBaseUser], list[str]]
    prepare: Callable[[AbstractBaseUser], None]


def register_plan_panel(*, slot: str, template: str) -> None:
    if slot not in PLAN_PAGE_SLOTS:
        raise ValueError(f"Unknown plan page slot {slot!r}; use one of {', '.join(PLAN_PAGE_SLOTS)}.")
    panel = PlanPanel(slot=slot, template=template)
    if panel not in _plan_panels:  # ready() may run more than once (tests, autoreload)
        _plan_panels.append(panel)


def register_plan_prefetch(prefetches: Callable[[], list[Prefetch]]) -> None:
    """Add prefetches to the plan page's query, so registered panels read no row one by one."""
    if prefetches not in _plan_prefetches:
        _plan_prefetches.append(prefetches)


def register_export_section(*, key: str, section: Callable[[AbstractBaseUser], object]) -> None:
    """Add ``key`` to the person's JSON data export, with what ``section(user)`` returns."""
    _export_sections[key] = section


def register_step_keeper(keeper: Callable[[int], set[int]]) -> None:
    """
    Add a function that names, for a plan id, the steps a reroute must keep.

    A step someone wrote about (a comment) stays, as a step the person touched does.
    """
    if keeper not in _step_keepers:
        _step_keepers.append(keeper)


def register_account_deletion(*, summary: Callable[[AbstractBaseUser], list[str]], prepare) -> None:
    """Add what an app says about, and does before, deleting a person's account."""
    deletion = AccountDeletion(summary=summary, prepare=prepare)
    if deletion not in _account_deletions:
        _account_deletions.append(deletion)


def plan_panels() -> dict[str, list[str]]:
    """The registered panels' templates, by slot, for the plan page's template."""
    panels: dict[str, list[str]] = {slot: [] for slot in PLAN_PAGE_SLOTS}
    for panel in _plan_panels:
        panels[panel.slot].append(panel.template)
    return panels


def plan_prefetches() -> list[Prefetch]:
    return [prefetch for prefetches in _plan_prefetches for prefetch in prefetches()]


def export_sections(*, user: AbstractBaseUser) -> dict[str, object]:
    return {key: section(user) for key, section in _export_sections.items()}


def kept_step_ids(*, plan_id: int) -> set[int]:
    return set().union(*(keeper(plan_id) for keeper in _step_keepers))


def account_deletion_summary(*, user: AbstractBaseUser) -> list[str]:
    return [line for deletion in _account_deletions for line in deletion.summary(user)]


def account_deletion_prepare(*, user: AbstractBaseUser) -> None:
    for deletion in _account_deletions:
        deletion.prepare(user)
