"""
Everything the API uses from the planner (and, after the split, coaching), imported in one place.

The API adds no rules of its own: it calls these access functions, selectors and services.
"""

from planner.access import (
    coach_get_approved,
    coaching_get_for_coach,
    plan_get_for_coach,
    plan_get_for_owner,
    profile_get_or_create_for_user,
)
from planner.coaching import comment_create, suggestion_accept, suggestion_create, suggestion_decline
from planner.exports import person_data
from planner.forms import PlanStepForm
from planner.models import Coaching, Comment, Plan, PlanStep, Suggestion
from planner.selectors import coach_dashboard_rows, plan_detail_queryset, plan_list_for_owner
from planner.services import (
    CertificationHeld,
    plan_archive,
    plan_create,
    plan_delete,
    plan_step_update,
    plan_unarchive,
    profile_update,
    routes_for_person,
)

__all__ = [
    "CertificationHeld",
    "Coaching",
    "Comment",
    "Plan",
    "PlanStep",
    "PlanStepForm",
    "Suggestion",
    "coach_dashboard_rows",
    "coach_get_approved",
    "coaching_get_for_coach",
    "comment_create",
    "person_data",
    "plan_archive",
    "plan_create",
    "plan_delete",
    "plan_detail_queryset",
    "plan_get_for_coach",
    "plan_get_for_owner",
    "plan_list_for_owner",
    "plan_step_update",
    "plan_unarchive",
    "profile_get_or_create_for_user",
    "profile_update",
    "routes_for_person",
    "suggestion_accept",
    "suggestion_create",
    "suggestion_decline",
]
