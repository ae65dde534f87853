from django.urls import path

from planner import coach_views, views

app_name = "planner"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/data.json", views.DataExportView.as_view(), name="data-export"),
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<id:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<id:pk>/progress/", views.PlanProgressView.as_view(), name="plan-progress"),
    path("plans/<id:pk>/steps/<id:step_pk>/", views.PlanStepUpdateView.as_view(), name="plan-step-update"),
    path("plans/<id:pk>/calendar.ics", views.PlanCalendarView.as_view(), name="plan-calendar"),
    path("plans/<id:pk>/print/", views.PlanPrintView.as_view(), name="plan-print"),
    *(
        path(f"plans/<id:pk>/{action}/", views.PlanActionView.as_view(), {"action": action}, name=f"plan-{action}")
        for action in ("rename", "archive", "restore", "delete", "recompute")
    ),
]

# Coaching: the seeker's consent page, the coach's pages, and what both write on a plan.
urlpatterns += [
    path("coaching/", coach_views.CoachingView.as_view(), name="coaching"),
    path("coaching/invite/", coach_views.CoachingInviteView.as_view(), name="coaching-invite"),
    path("coaching/join/", coach_views.CoachingJoinView.as_view(), name="coaching-join"),
    path("coaching/join/<str:code>/", coach_views.CoachingJoinView.as_view(), name="coaching-join-code"),
    path("coaching/<id:pk>/share/", coach_views.CoachingShareView.as_view(), name="coaching-share"),
    path("coaching/<id:pk>/revoke/", coach_views.CoachingRevokeView.as_view(), name="coaching-revoke"),
    path("coaching/<id:pk>/accept/", coach_views.CoachingAnswerView.as_view(accept=True), name="coaching-accept"),
    path("coaching/<id:pk>/decline/", coach_views.CoachingAnswerView.as_view(accept=False), name="coaching-decline"),
    path("coach/", coach_views.CoachDashboardView.as_view(), name="coach-dashboard"),
    path("coach/apply/", coach_views.CoachApplyView.as_view(), name="coach-apply"),
    path("coach/invite/", coach_views.CoachInviteClientView.as_view(), name="coach-invite"),
    path("coach/invitations/", coach_views.CoachInvitationListView.as_view(), name="coach-invitations"),
    path(
        "coach/requests/<id:pk>/accept/",
        coach_views.CoachRequestAnswerView.as_view(accept=True),
        name="coach-request-accept",
    ),
    path(
        "coach/requests/<id:pk>/decline/",
        coach_views.CoachRequestAnswerView.as_view(accept=False),
        name="coach-request-decline",
    ),
    path("coach/clients/<id:client_id>/", coach_views.CoachClientView.as_view(), name="coach-client"),
    path("coach/clients/<id:client_id>/end/", coach_views.CoachClientEndView.as_view(), name="coach-client-end"),
    path("coach/clients/<id:client_id>/notes/", coach_views.CoachNoteCreateView.as_view(), name="coach-note-create"),
    path(
        "coach/clients/<id:client_id>/notes/<id:note_id>/delete/",
        coach_views.CoachNoteDeleteView.as_view(),
        name="coach-note-delete",
    ),
    path(
        "coach/clients/<id:client_id>/skills/<id:skill_id>/",
        coach_views.CoachSkillVerifyView.as_view(),
        name="coach-skill-verify",
    ),
    path("coach/plans/<id:pk>/", coach_views.CoachPlanDetailView.as_view(), name="coach-plan"),
    path("coach/plans/<id:pk>/comments/", coach_views.CoachCommentCreateView.as_view(), name="coach-comment-create"),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/edit/",
        coach_views.CoachCommentUpdateView.as_view(),
        name="coach-comment-update",
    ),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/delete/",
        coach_views.CoachCommentDeleteView.as_view(),
        name="coach-comment-delete",
    ),
    path(
        "coach/plans/<id:pk>/suggestions/",
        coach_views.CoachSuggestionCreateView.as_view(),
        name="coach-suggestion-create",
    ),
    path("coach/plans/<id:pk>/reviews/", coach_views.CoachReviewCreateView.as_view(), name="coach-review-create"),
    path("plans/<id:pk>/comments/", coach_views.PlanCommentCreateView.as_view(), name="plan-comment-create"),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/edit/",
        coach_views.PlanCommentUpdateView.as_view(),
        name="plan-comment-update",
    ),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/delete/",
        coach_views.PlanCommentDeleteView.as_view(),
        name="plan-comment-delete",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/accept/",
        coach_views.PlanSuggestionAnswerView.as_view(accept=True),
        name="plan-suggestion-accept",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/decline/",
        coach_views.PlanSuggestionAnswerView.as_view(accept=False),
        name="plan-suggestion-decline",
    ),
    path("notifications/", coach_views.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", coach_views.NotificationsReadView.as_view(), name="notifications-read"),
    path("notifications/<id:pk>/", coach_views.NotificationOpenView.as_view(), name="notification-open"),
]
