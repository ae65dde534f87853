from django.urls import path

from roles import editor_views, views

app_name = "roles"

urlpatterns = [
    path("", views.RoleListView.as_view(), name="role-list"),
    # The graph comes before <slug> so that "graph" is never read as a role's slug.
    path("graph/", views.RoleGraphView.as_view(), name="role-graph"),
    path("graph.json", views.RoleGraphJsonView.as_view(), name="role-graph-json"),
    # Staff: the graph editor, its checks, history and the graph file (roles.edit_graph only).
    path("graph/edit/", editor_views.GraphEditorView.as_view(), name="editor"),
    path("graph/edit/data.json", editor_views.GraphEditorDataView.as_view(), name="editor-data"),
    path("graph/edit/roles/new/", editor_views.RoleCreateView.as_view(), name="editor-role-new"),
    path("graph/edit/roles/<id:pk>/", editor_views.RoleEditView.as_view(), name="editor-role"),
    path("graph/edit/roles/<id:pk>/archive/", editor_views.RoleArchiveView.as_view(), name="editor-role-archive"),
    path("graph/edit/moves/new/", editor_views.TransitionCreateView.as_view(), name="editor-transition-new"),
    path("graph/edit/moves/<id:pk>/", editor_views.TransitionEditView.as_view(), name="editor-transition"),
    path(
        "graph/edit/moves/<id:pk>/archive/",
        editor_views.TransitionArchiveView.as_view(),
        name="editor-transition-archive",
    ),
    path("graph/edit/moves/<id:pk>/steps/new/", editor_views.StepCreateView.as_view(), name="editor-step-new"),
    path("graph/edit/steps/<id:pk>/", editor_views.StepEditView.as_view(), name="editor-step"),
    path("graph/edit/steps/<id:pk>/archive/", editor_views.StepArchiveView.as_view(), name="editor-step-archive"),
    path("graph/edit/steps/<id:pk>/move/", editor_views.StepMoveView.as_view(), name="editor-step-move"),
    path("graph/health/", editor_views.GraphHealthView.as_view(), name="graph-health"),
    path("graph/history/", editor_views.HistoryView.as_view(), name="history"),
    path("graph/history/roles/<id:pk>/", editor_views.RoleHistoryView.as_view(), name="history-role"),
    path("graph/history/moves/<id:pk>/", editor_views.TransitionHistoryView.as_view(), name="history-transition"),
    path(
        "graph/history/<slug:key>/<id:history_id>/revert/",
        editor_views.HistoryRevertView.as_view(),
        name="history-revert",
    ),
    path("graph/export.json", editor_views.GraphExportView.as_view(), name="graph-export"),
    path("graph/import/", editor_views.GraphImportView.as_view(), name="graph-import"),
    path("graph/import/apply/", editor_views.GraphImportApplyView.as_view(), name="graph-import-apply"),
    path("<slug:slug>/", views.RoleDetailView.as_view(), name="role-detail"),
]
