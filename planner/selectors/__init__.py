"""
Read paths for people's data: a profile as the engine's Person, plan lists, route comparisons and
the plan page. Each runs a fixed number of queries; import them from ``planner.selectors``.
"""

from planner.selectors.comparison import (
    RANKING_LEADER,
    RouteComparison,
    route_certifications,
    route_comparison,
)
from planner.selectors.people import (
    DAYS_PER_MONTH,
    DEFAULT_TARGET_SLUG,
    PACE_BASELINE_HOURS,
    PACE_BOUNDS,
    default_target,
    first_missing_move,
    pace_for_hours,
    person_from_profile,
    profile_certifications_held,
    profile_skill_levels,
    skills_for_rating,
    start_role_for_user,
    start_role_id,
)
from planner.selectors.plan_page import (
    BeyondRole,
    MoveView,
    PlanView,
    RoleOnRoute,
    plan_view,
    steps_remaining,
)
from planner.selectors.plans import (
    account_deletion_summary,
    alternative_routes,
    plan_bin_for_owner,
    plan_detail_queryset,
    plan_list_for_owner,
    plan_with_people,
)

__all__ = [
    "BeyondRole",
    "DAYS_PER_MONTH",
    "DEFAULT_TARGET_SLUG",
    "MoveView",
    "PACE_BASELINE_HOURS",
    "PACE_BOUNDS",
    "PlanView",
    "RANKING_LEADER",
    "RoleOnRoute",
    "RouteComparison",
    "account_deletion_summary",
    "alternative_routes",
    "default_target",
    "first_missing_move",
    "pace_for_hours",
    "person_from_profile",
    "plan_bin_for_owner",
    "plan_detail_queryset",
    "plan_list_for_owner",
    "plan_view",
    "plan_with_people",
    "profile_certifications_held",
    "profile_skill_levels",
    "route_certifications",
    "route_comparison",
    "skills_for_rating",
    "start_role_for_user",
    "start_role_id",
    "steps_remaining",
]
