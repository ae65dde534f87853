"""Coaching's pages: the seeker's consent page, the coach's pages, what both write on a plan, notifications."""

from django.urls import path

from coaching.views import coach, notifications, plans, seeker

app_name = "coaching"

urlpatterns = [
    path("coaching/", seeker.CoachingView.as_view(), name="coaching"),
    path("coaching/invite/", seeker.CoachingInviteView.as_view(), name="coaching-invite"),
    path("coaching/join/", seeker.CoachingJoinView.as_view(), name="coaching-join"),
    path("coaching/join/<str:code>/", seeker.CoachingJoinView.as_view(), name="coaching-join-code"),
    path("coaching/<id:pk>/share/", seeker.CoachingShareView.as_view(), name="coaching-share"),
    path("coaching/<id:pk>/revoke/", seeker.CoachingRevokeView.as_view(), name="coaching-revoke"),
    path("coaching/<id:pk>/accept/", seeker.CoachingAcceptView.as_view(), name="coaching-accept"),
    path("coaching/<id:pk>/decline/", seeker.CoachingDeclineView.as_view(), name="coaching-decline"),
    path("coach/", coach.CoachDashboardView.as_view(), name="coach-dashboard"),
    path("coach/apply/", seeker.CoachApplyView.as_view(), name="coach-apply"),
    path("coach/invite/", coach.CoachInviteClientView.as_view(), name="coach-invite"),
    path("coach/invitations/", coach.CoachInvitationListView.as_view(), name="coach-invitations"),
    path(
        "coach/requests/<id:pk>/accept/",
        coach.CoachRequestAcceptView.as_view(),
        name="coach-request-accept",
    ),
    path(
        "coach/requests/<id:pk>/decline/",
        coach.CoachRequestDeclineView.as_view(),
        name="coach-request-decline",
    ),
    path("coach/clients/<id:client_id>/", coach.CoachClientView.as_view(), name="coach-client"),
    path("coach/clients/<id:client_id>/end/", coach.CoachClientEndView.as_view(), name="coach-client-end"),
    path("coach/clients/<id:client_id>/notes/", coach.CoachNoteCreateView.as_view(), name="coach-note-create"),
    path(
        "coach/clients/<id:client_id>/notes/<id:note_id>/delete/",
        coach.CoachNoteDeleteView.as_view(),
        name="coach-note-delete",
    ),
    path(
        "coach/clients/<id:client_id>/skills/<id:skill_id>/",
        coach.CoachSkillVerifyView.as_view(),
        name="coach-skill-verify",
    ),
    path("coach/plans/<id:pk>/", plans.CoachPlanDetailView.as_view(), name="coach-plan"),
    path("coach/plans/<id:pk>/comments/", plans.CoachCommentCreateView.as_view(), name="coach-comment-create"),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/edit/",
        plans.CoachCommentUpdateView.as_view(),
        name="coach-comment-update",
    ),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/delete/",
        plans.CoachCommentDeleteView.as_view(),
        name="coach-comment-delete",
    ),
    path(
        "coach/plans/<id:pk>/suggestions/",
        plans.CoachSuggestionCreateView.as_view(),
        name="coach-suggestion-create",
    ),
    path("coach/plans/<id:pk>/reviews/", plans.CoachReviewCreateView.as_view(), name="coach-review-create"),
    path("plans/<id:pk>/comments/", plans.PlanCommentCreateView.as_view(), name="plan-comment-create"),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/edit/",
        plans.PlanCommentUpdateView.as_view(),
        name="plan-comment-update",
    ),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/delete/",
        plans.PlanCommentDeleteView.as_view(),
        name="plan-comment-delete",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/accept/",
        plans.PlanSuggestionAcceptView.as_view(),
        name="plan-suggestion-accept",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/decline/",
        plans.PlanSuggestionDeclineView.as_view(),
        name="plan-suggestion-decline",
    ),
    path("notifications/", notifications.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", notifications.NotificationsReadView.as_view(), name="notifications-read"),
    path("notifications/<id:pk>/", notifications.NotificationOpenView.as_view(), name="notification-open"),
]
