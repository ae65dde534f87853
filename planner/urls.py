from django.urls import path

from planner import views

app_name = "planner"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/data.json", views.DataExportView.as_view(), name="data-export"),
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("plans/bin/", views.PlanBinView.as_view(), name="plan-bin"),
    path("plans/bin/<id:pk>/restore/", views.PlanBinRestoreView.as_view(), name="plan-bin-restore"),
    path("plans/bin/<id:pk>/delete/", views.PlanBinDeleteView.as_view(), name="plan-bin-delete"),
    path("plans/<id:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<id:pk>/progress/", views.PlanProgressView.as_view(), name="plan-progress"),
    path("plans/<id:pk>/steps/<id:step_pk>/", views.PlanStepUpdateView.as_view(), name="plan-step-update"),
    path("plans/<id:pk>/calendar.ics", views.PlanCalendarView.as_view(), name="plan-calendar"),
    path("plans/<id:pk>/print/", views.PlanPrintView.as_view(), name="plan-print"),
    path("plans/<id:pk>/rename/", views.PlanRenameView.as_view(), name="plan-rename"),
    path("plans/<id:pk>/archive/", views.PlanArchiveView.as_view(), name="plan-archive"),
    path("plans/<id:pk>/restore/", views.PlanRestoreView.as_view(), name="plan-restore"),
    path("plans/<id:pk>/delete/", views.PlanDeleteView.as_view(), name="plan-delete"),
    path("plans/<id:pk>/recompute/", views.PlanRecomputeView.as_view(), name="plan-recompute"),
]
