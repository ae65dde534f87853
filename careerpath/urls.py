"""Root URLs: each app keeps its own under a namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from careerpath.converters import IdConverter
from careerpath.health import health
from careerpath.language import language_set
from careerpath.ratelimit import ratelimit
from planner.views import AccountDeleteView, SignupConfirmView, SignupView
from roles.views.public import HomeView

register_converter(IdConverter, "id")

password_reset = ratelimit(key="ip", rate="RATELIMIT_PASSWORD_RESET", scope="password-reset")(
    auth_views.PasswordResetView.as_view()
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("health/", health, name="health"),
    # The language switcher posts here: a cookie remembers the choice, and a signed-in person's profile.
    path("i18n/setlang/", language_set, name="set_language"),
    # The translations our scripts use, for the active language (gettext() in static/js).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("roles/", include("roles.urls")),
    path("accounts/signup/", SignupView.as_view(), name="signup"),
    path(
        "accounts/signup/done/",
        # The same page whether the address was new or known: see careerpath.signup.
        TemplateView.as_view(template_name="registration/signup_done.html"),
        name="signup-done",
    ),
    path("accounts/signup/confirm/<uidb64>/<token>/", SignupConfirmView.as_view(), name="signup-confirm"),
    # Before django.contrib.auth.urls, so that this rate-limited view answers the same URL.
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/delete/", AccountDeleteView.as_view(), name="account-delete"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("planner.urls")),
    path("", include("coaching.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]


handler500 = "careerpath.errors.server_error"
