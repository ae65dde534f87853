from django.urls import path

from roles.views import editor, graph_file, history, public

app_name = "roles"

urlpatterns = [
    path("", public.RoleListView.as_view(), name="role-list"),
    # The graph comes before <slug> so that "graph" is never read as a role's slug.
    # Before <slug> too: "titles" is not a role.
    path("titles/", public.TitleSearchView.as_view(), name="title-search"),
    path("titles/suggest/", public.TitleSuggestView.as_view(), name="title-suggest"),
    path("graph/", public.RoleGraphView.as_view(), name="role-graph"),
    path("graph.json", public.RoleGraphJsonView.as_view(), name="role-graph-json"),
    # Staff: the graph editor, its checks, history and the graph file (roles.edit_graph only).
    path("graph/edit/", editor.GraphEditorView.as_view(), name="editor"),
    path("graph/edit/data.json", editor.GraphEditorDataView.as_view(), name="editor-data"),
    path("graph/edit/roles/new/", editor.RoleCreateView.as_view(), name="editor-role-new"),
    path("graph/edit/roles/<id:pk>/", editor.RoleEditView.as_view(), name="editor-role"),
    path("graph/edit/roles/<id:pk>/archive/", editor.RoleArchiveView.as_view(), name="editor-role-archive"),
    path("graph/edit/roles/<id:pk>/restore/", editor.RoleRestoreView.as_view(), name="editor-role-restore"),
    path("graph/edit/moves/new/", editor.TransitionCreateView.as_view(), name="editor-transition-new"),
    path("graph/edit/moves/<id:pk>/", editor.TransitionEditView.as_view(), name="editor-transition"),
    path(
        "graph/edit/moves/<id:pk>/archive/",
        editor.TransitionArchiveView.as_view(),
        name="editor-transition-archive",
    ),
    path(
        "graph/edit/moves/<id:pk>/restore/",
        editor.TransitionRestoreView.as_view(),
        name="editor-transition-restore",
    ),
    path("graph/edit/moves/<id:pk>/steps/new/", editor.StepCreateView.as_view(), name="editor-step-new"),
    path("graph/edit/steps/<id:pk>/", editor.StepEditView.as_view(), name="editor-step"),
    path("graph/edit/steps/<id:pk>/archive/", editor.StepArchiveView.as_view(), name="editor-step-archive"),
    path("graph/edit/steps/<id:pk>/restore/", editor.StepRestoreView.as_view(), name="editor-step-restore"),
    path("graph/edit/steps/<id:pk>/move/", editor.StepMoveView.as_view(), name="editor-step-move"),
    path("graph/health/", history.GraphHealthView.as_view(), name="graph-health"),
    path("graph/history/", history.HistoryView.as_view(), name="history"),
    path("graph/history/roles/<id:pk>/", history.RoleHistoryView.as_view(), name="history-role"),
    path("graph/history/moves/<id:pk>/", history.TransitionHistoryView.as_view(), name="history-transition"),
    path(
        "graph/history/<slug:key>/<id:history_id>/revert/",
        history.HistoryRevertView.as_view(),
        name="history-revert",
    ),
    path("graph/export.json", graph_file.GraphExportView.as_view(), name="graph-export"),
    path("graph/import/", graph_file.GraphImportView.as_view(), name="graph-import"),
    path("graph/import/apply/", graph_file.GraphImportApplyView.as_view(), name="graph-import-apply"),
    path("<slug:slug>/", public.RoleDetailView.as_view(), name="role-detail"),
]
