"""
Views for people: thin wrappers over access functions, selectors and services.

By concern: ``accounts`` (signing up, the profile, the account, the data export), ``plans`` (the
plan list, creating a plan, the plan page and what it offers), ``steps`` (saving a step in place),
``bin`` (archiving, the bin). ``planner/urls.py`` names them from here.
"""

from planner.views.accounts import AccountDeleteView, DataExportView, ProfileView, SignupConfirmView, SignupView
from planner.views.bin import (
    PlanArchiveView,
    PlanBinDeleteView,
    PlanBinRestoreView,
    PlanBinView,
    PlanDeleteView,
    PlanRestoreView,
)
from planner.views.plans import (
    PlanCalendarView,
    PlanCreateView,
    PlanDetailView,
    PlanListView,
    PlanPrintView,
    PlanProgressView,
    PlanRecomputeView,
    PlanRenameView,
    plan_page,
)
from planner.views.steps import PlanStepUpdateView

__all__ = [
    "AccountDeleteView",
    "DataExportView",
    "PlanArchiveView",
    "PlanBinDeleteView",
    "PlanBinRestoreView",
    "PlanBinView",
    "PlanCalendarView",
    "PlanCreateView",
    "PlanDeleteView",
    "PlanDetailView",
    "PlanListView",
    "PlanPrintView",
    "PlanProgressView",
    "PlanRecomputeView",
    "PlanRenameView",
    "PlanRestoreView",
    "PlanStepUpdateView",
    "ProfileView",
    "SignupConfirmView",
    "SignupView",
    "plan_page",
]
