from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.RoleListView.as_view(), name="role-list"),
    # The graph comes before <slug> so that "graph" is never read as a role's slug.
    path("graph/", views.RoleGraphView.as_view(), name="role-graph"),
    path("graph.json", views.RoleGraphJsonView.as_view(), name="role-graph-json"),
    path("<slug:slug>/", views.RoleDetailView.as_view(), name="role-detail"),
]
