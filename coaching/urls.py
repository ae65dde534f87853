"""Coaching's pages: the seeker's consent page, the coach's pages, what both write on a plan, notifications."""

from django.urls import path

from coaching import views

app_name = "coaching"

urlpatterns = [
    path("coaching/", views.CoachingView.as_view(), name="coaching"),
    path("coaching/invite/", views.CoachingInviteView.as_view(), name="coaching-invite"),
    path("coaching/join/", views.CoachingJoinView.as_view(), name="coaching-join"),
    path("coaching/join/<str:code>/", views.CoachingJoinView.as_view(), name="coaching-join-code"),
    path("coaching/<id:pk>/share/", views.CoachingShareView.as_view(), name="coaching-share"),
    path("coaching/<id:pk>/revoke/", views.CoachingRevokeView.as_view(), name="coaching-revoke"),
    path("coaching/<id:pk>/accept/", views.CoachingAnswerView.as_view(accept=True), name="coaching-accept"),
    path("coaching/<id:pk>/decline/", views.CoachingAnswerView.as_view(accept=False), name="coaching-decline"),
    path("coach/", views.CoachDashboardView.as_view(), name="coach-dashboard"),
    path("coach/apply/", views.CoachApplyView.as_view(), name="coach-apply"),
    path("coach/invite/", views.CoachInviteClientView.as_view(), name="coach-invite"),
    path("coach/invitations/", views.CoachInvitationListView.as_view(), name="coach-invitations"),
    path(
        "coach/requests/<id:pk>/accept/",
        views.CoachRequestAnswerView.as_view(accept=True),
        name="coach-request-accept",
    ),
    path(
        "coach/requests/<id:pk>/decline/",
        views.CoachRequestAnswerView.as_view(accept=False),
        name="coach-request-decline",
    ),
    path("coach/clients/<id:client_id>/", views.CoachClientView.as_view(), name="coach-client"),
    path("coach/clients/<id:client_id>/end/", views.CoachClientEndView.as_view(), name="coach-client-end"),
    path("coach/clients/<id:client_id>/notes/", views.CoachNoteCreateView.as_view(), name="coach-note-create"),
    path(
        "coach/clients/<id:client_id>/notes/<id:note_id>/delete/",
        views.CoachNoteDeleteView.as_view(),
        name="coach-note-delete",
    ),
    path(
        "coach/clients/<id:client_id>/skills/<id:skill_id>/",
        views.CoachSkillVerifyView.as_view(),
        name="coach-skill-verify",
    ),
    path("coach/plans/<id:pk>/", views.CoachPlanDetailView.as_view(), name="coach-plan"),
    path("coach/plans/<id:pk>/comments/", views.CoachCommentCreateView.as_view(), name="coach-comment-create"),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/edit/",
        views.CoachCommentUpdateView.as_view(),
        name="coach-comment-update",
    ),
    path(
        "coach/plans/<id:pk>/comments/<id:comment_id>/delete/",
        views.CoachCommentDeleteView.as_view(),
        name="coach-comment-delete",
    ),
    path(
        "coach/plans/<id:pk>/suggestions/",
        views.CoachSuggestionCreateView.as_view(),
        name="coach-suggestion-create",
    ),
    path("coach/plans/<id:pk>/reviews/", views.CoachReviewCreateView.as_view(), name="coach-review-create"),
    path("plans/<id:pk>/comments/", views.PlanCommentCreateView.as_view(), name="plan-comment-create"),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/edit/",
        views.PlanCommentUpdateView.as_view(),
        name="plan-comment-update",
    ),
    path(
        "plans/<id:pk>/comments/<id:comment_id>/delete/",
        views.PlanCommentDeleteView.as_view(),
        name="plan-comment-delete",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/accept/",
        views.PlanSuggestionAnswerView.as_view(accept=True),
        name="plan-suggestion-accept",
    ),
    path(
        "plans/<id:pk>/suggestions/<id:suggestion_id>/decline/",
        views.PlanSuggestionAnswerView.as_view(accept=False),
        name="plan-suggestion-decline",
    ),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", views.NotificationsReadView.as_view(), name="notifications-read"),
    path("notifications/<id:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
]
