from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from planner.models import Profile
from planner.services import plan_create
from roles.models import Role
from tests.factories import UserFactory
from tests.planner.conftest import ROUTE


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _default_language():
    """
    Start every test in the default language: a request in Spanish leaves Spanish active in the
    thread (LocaleMiddleware activates a language per request and never resets it), and a later
    test calling code directly would read Spanish messages.
    """
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """
    Use a fast hasher and plain static storage (no collectstatic manifest) in every test, and start
    each with an empty cache, so that rate-limit counters never carry over from another test.
    """
    cache.clear()
    # A request in Spanish leaves Spanish active in its thread (the locale middleware does not
    # undo it): each test starts in the default language.
    translation.activate(settings.LANGUAGE_CODE)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def graph(db):
    """The bundled role graph, loaded into the test database."""
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())
    return {role.slug: role for role in Role.objects.all()}


@pytest.fixture
def profile(user, graph):
    return Profile.objects.create(user=user, current_role=graph["customer-service-representative"], years_experience=1)


@pytest.fixture
def plan(user, profile, graph):
    return plan_create(
        owner=user,
        profile=profile,
        route_slugs=ROUTE,
        by="time",
    )
