"""Root URLs: each app keeps its own under a namespace."""

from django.contrib import admin
from django.urls import include, path, register_converter

from careerpath.converters import IdConverter
from planner.views import AccountDeleteView, SignupView
from roles.views.public import HomeView

register_converter(IdConverter, "id")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("roles/", include("roles.urls")),
    path("accounts/signup/", SignupView.as_view(), name="signup"),
    path("accounts/delete/", AccountDeleteView.as_view(), name="account-delete"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("planner.urls")),
    path("", include("coaching.urls")),
    path("admin/", admin.site.urls),
]
