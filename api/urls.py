from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import coach_views, graph_views, token_views, views

app_name = "api"

urlpatterns = [
    path("v1/", views.IndexView.as_view(), name="index"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "v1/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("v1/roles/", graph_views.RoleListView.as_view(), name="role-list"),
    path("v1/roles/<slug:slug>/", graph_views.RoleDetailView.as_view(), name="role-detail"),
    path("v1/roles/<slug:slug>/moves/", graph_views.RoleMovesView.as_view(), name="role-moves"),
    path("v1/roles/<slug:slug>/neighbourhood/", graph_views.RoleNeighbourhoodView.as_view(), name="role-neighbourhood"),
    path("v1/sources/", graph_views.SourceListView.as_view(), name="source-list"),
    path("v1/routes/", graph_views.RoutesView.as_view(), name="routes"),
    path("v1/me/profile/", views.ProfileView.as_view(), name="profile"),
    path("v1/me/plans/", views.PlanListView.as_view(), name="plan-list"),
    path("v1/me/plans/<id:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("v1/me/plans/<id:pk>/archive/", views.PlanArchiveView.as_view(archive=True), name="plan-archive"),
    path("v1/me/plans/<id:pk>/restore/", views.PlanArchiveView.as_view(archive=False), name="plan-restore"),
    path("v1/me/plans/<id:pk>/steps/<id:step_pk>/", views.PlanStepView.as_view(), name="plan-step"),
    path("v1/me/plans/<id:pk>/comments/", coach_views.OwnerCommentCreateView.as_view(), name="plan-comment-create"),
    *(
        path(
            f"v1/me/plans/<id:pk>/suggestions/<id:suggestion_pk>/{answer}/",
            coach_views.SuggestionAnswerView.as_view(accept=answer == "accept"),
            name=f"plan-suggestion-{answer}",
        )
        for answer in ("accept", "decline")
    ),
    path("v1/me/export/", views.DataExportView.as_view(), name="data-export"),
    path("v1/coach/clients/", coach_views.ClientListView.as_view(), name="coach-client-list"),
    path("v1/coach/plans/<id:pk>/", coach_views.SharedPlanView.as_view(), name="coach-plan"),
    path("v1/coach/plans/<id:pk>/comments/", coach_views.CommentCreateView.as_view(), name="coach-comment-create"),
    path(
        "v1/coach/plans/<id:pk>/suggestions/",
        coach_views.SuggestionCreateView.as_view(),
        name="coach-suggestion-create",
    ),
    path("v1/graph/history/", coach_views.GraphHistoryView.as_view(), name="graph-history"),
    # Last: anything else under v1/ (a malformed id or slug too) is a problem, not an HTML page.
    re_path(r"^v1/", views.NotFoundView.as_view(), name="not-found"),
    path("tokens/", token_views.TokenListView.as_view(), name="tokens"),
    path("tokens/<id:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="token-revoke"),
]
