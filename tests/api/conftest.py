import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.tokens import token_create
from tests.coaching.conftest import coach, coaching  # noqa: F401 (fixtures)
from tests.planner.conftest import ROUTE


@pytest.fixture(autouse=True)
def _api_settings(settings):
    """Throttle only the tests that are about throttling; start each test with empty counters."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def write_token(user):
    _, secret = token_create(user=user, name="script", scope="read-write")
    return secret


@pytest.fixture
def read_token(user):
    _, secret = token_create(user=user, name="reader", scope="read")
    return secret


__all__ = ["ROUTE", "bearer"]
