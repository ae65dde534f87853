from django.urls import path

from planner import views

app_name = "planner"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/data.json", views.DataExportView.as_view(), name="data-export"),
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/progress/", views.PlanProgressView.as_view(), name="plan-progress"),
    path("plans/<int:pk>/steps/<int:step_pk>/", views.PlanStepUpdateView.as_view(), name="plan-step-update"),
    path("plans/<int:pk>/calendar.ics", views.PlanCalendarView.as_view(), name="plan-calendar"),
    path("plans/<int:pk>/print/", views.PlanPrintView.as_view(), name="plan-print"),
    *(
        path(f"plans/<int:pk>/{action}/", views.PlanActionView.as_view(), {"action": action}, name=f"plan-{action}")
        for action in ("rename", "archive", "restore", "delete", "recompute")
    ),
]
