import json
import logging

import pytest
from csp.constants import NONCE
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from careerpath.context_processors import security
from careerpath.errors import server_error
from careerpath.logging import JsonFormatter, RequestIdFilter, request_id_var


def test_each_response_carries_a_new_request_id(client, db):
    first = client.get(reverse("health"))["X-Request-ID"]
    second = client.get(reverse("health"))["X-Request-ID"]

    assert len(first) == 32
    assert first != second


def test_a_sane_incoming_request_id_is_kept(client, db):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID="lb-4f2a.9c_77")

    assert response["X-Request-ID"] == "lb-4f2a.9c_77"


@pytest.mark.parametrize("incoming", ["short", "x" * 65, "evil\nline", 'quote"d-id-1234', "spaces in it 1234"])
def test_an_odd_incoming_request_id_is_replaced(client, db, incoming):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=incoming)

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_the_error_page_shows_the_request_id_to_quote():
    request = RequestFactory().get("/")
    request.request_id = "abc123def456"

    response = server_error(request)

    assert response.status_code == 500
    assert "<code>abc123def456</code>" in response.content.decode()


def test_json_log_lines_carry_the_request_id_and_extras():
    record = logging.makeLogRecord({"name": "careerpath.test", "levelname": "WARNING", "msg": "plan %s", "args": (7,)})
    record.plan_id = 7
    token = request_id_var.set("req-0001")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = json.loads(JsonFormatter().format(record))

    assert line["message"] == "plan 7"
    assert line["request_id"] == "req-0001"
    assert line["plan_id"] == 7
    assert line["level"] == "WARNING"


def test_private_pages_are_not_stored_and_public_ones_may_be(client, user):
    assert "no-store" not in client.get(reverse("roles:role-list")).get("Cache-Control", "")

    client.force_login(user)
    for name in ["planner:plan-list", "planner:profile", "planner:data-export", "roles:role-list"]:
        cache_control = client.get(reverse(name))["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control


def test_health_answers_ok_when_database_and_cache_answer(client, db):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_health_answers_503_naming_what_failed(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis://secret@host is down")

    monkeypatch.setattr("careerpath.health.cache.set", broken)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}
    assert b"secret" not in response.content


def test_csp_nonce_reaches_templates_only_when_the_policy_asks_for_one(settings, rf):
    request = rf.get("/")
    request.csp_nonce = "n0nce"
    assert security(request)["csp_nonce"] is None

    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives, "script-src": ["'self'", NONCE]}}
    assert security(request)["csp_nonce"] == "n0nce"


def test_an_idle_session_is_touched_at_most_once_per_refresh_period(client, user, settings, monkeypatch):
    settings.SESSION_IDLE_REFRESH_SECONDS = 300
    now = [1_000_000.0]
    monkeypatch.setattr("careerpath.middleware.time.time", lambda: now[0])
    client.force_login(user)
    touched = client.session["_idle_touch"]

    now[0] += 299
    client.get(reverse("planner:plan-list"))
    assert client.session["_idle_touch"] == touched

    now[0] += 2
    client.get(reverse("planner:plan-list"))
    assert client.session["_idle_touch"] == int(now[0])
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_a_session_idle_longer_than_its_age_is_over(client, user, settings):
    client.force_login(user)
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))

    assert client.get(reverse("planner:plan-list")).status_code == 302


@pytest.mark.django_db
def test_the_json_api_answers_in_english_whatever_language_is_chosen(client, user):
    """Scripts match the API's messages; the pages next to it (the token page) follow the person's choice."""
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})

    api = client.get("/api/v1/no-such-thing/", headers={"accept-language": "es"})
    page = client.get(reverse("api:tokens"))

    assert api.status_code == 404
    assert api.headers["Content-Language"] == "en"
    assert page.headers["Content-Language"] == "es"
    assert "Tus tokens" in page.content.decode()
