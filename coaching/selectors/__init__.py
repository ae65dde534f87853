"""
Read paths for coaching pages: the seeker's coachings, the coach's dashboard and clients, a shared
plan's comments, suggestions and reviews, notifications, and what the data export holds.

Each page's reads run a fixed number of queries; import them from ``coaching.selectors``.
"""

from coaching.selectors.dashboard import (
    ATTENTION_DAYS,
    DASHBOARD_PAGE_SIZE,
    DASHBOARD_SORT_LABELS,
    DASHBOARD_SORTS,
    ClientRow,
    Dashboard,
    PlanSummary,
    coach_dashboard,
    coach_dashboard_rows,
)
from coaching.selectors.exports import (
    account_deletion_summary,
    clients_export,
    coach_export,
    coach_notes_export,
    coaching_export,
    comments_export,
    comments_received_export,
    notifications_export,
    reviews_export,
    suggestions_export,
)
from coaching.selectors.pages import (
    NOTIFICATIONS_PAGE_SIZE,
    client_page,
    client_profile,
    coach_application,
    coachings_for_client,
    invitations_for_coach,
    notifications_page,
    shareable_plans,
    verified_skills,
)
from coaching.selectors.plans import (
    comment_threads,
    commented_step_ids,
    plan_page_prefetches,
)

__all__ = [
    "ATTENTION_DAYS",
    "ClientRow",
    "DASHBOARD_PAGE_SIZE",
    "DASHBOARD_SORTS",
    "DASHBOARD_SORT_LABELS",
    "Dashboard",
    "NOTIFICATIONS_PAGE_SIZE",
    "PlanSummary",
    "account_deletion_summary",
    "client_page",
    "client_profile",
    "clients_export",
    "coach_application",
    "coach_dashboard",
    "coach_dashboard_rows",
    "coach_export",
    "coach_notes_export",
    "coaching_export",
    "coachings_for_client",
    "comment_threads",
    "commented_step_ids",
    "comments_export",
    "comments_received_export",
    "invitations_for_coach",
    "notifications_export",
    "notifications_page",
    "plan_page_prefetches",
    "reviews_export",
    "shareable_plans",
    "suggestions_export",
    "verified_skills",
]
