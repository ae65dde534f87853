"""Who may open the project-level pages: the health check, the signup confirmation pages and the
language switcher with its script translations."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

ACCESS_TESTED = {"health", "signup-done", "signup-confirm", "set_language", "javascript-catalog"}

VISITORS = ["anonymous", "seeker", "staff"]


@pytest.fixture
def visit(client, user, staff_user):
    def as_visitor(visitor: str):
        if visitor == "seeker":
            client.force_login(user)
        elif visitor == "staff":
            client.force_login(staff_user)
        return client

    return as_visitor


@pytest.mark.parametrize("visitor", VISITORS)
def test_anyone_may_ask_for_health_and_it_names_no_secret(visit, visitor):
    response = visit(visitor).get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.parametrize("visitor", VISITORS)
def test_anyone_may_see_the_check_your_email_page(visit, visitor):
    assert visit(visitor).get(reverse("signup-done")).status_code == 200


@pytest.mark.parametrize("visitor", VISITORS)
def test_a_confirmation_link_works_only_with_its_own_token(visit, visitor, db):
    waiting = UserFactory(is_active=False)
    uid = urlsafe_base64_encode(force_bytes(waiting.pk))
    client = visit(visitor)

    good = client.get(reverse("signup-confirm", args=[uid, default_token_generator.make_token(waiting)]))
    forged = client.get(reverse("signup-confirm", args=[uid, "abc-123"]))

    assert good.status_code == 200
    assert forged.status_code == 400
    waiting.refresh_from_db()
    assert not waiting.is_active


@pytest.mark.parametrize("visitor", VISITORS)
def test_anyone_may_choose_the_language_and_is_sent_back_only_within_the_site(visit, visitor, db):
    client = visit(visitor)

    back = client.post(reverse("set_language"), {"language": "es", "next": "/roles/"})
    away = client.post(reverse("set_language"), {"language": "es", "next": "https://elsewhere.example/"})

    assert (back.status_code, back.url) == (302, "/roles/")
    assert (away.status_code, away.url) == (302, "/")
    assert client.cookies["django_language"].value == "es"


@pytest.mark.parametrize("visitor", VISITORS)
def test_anyone_may_load_the_script_translations(visit, visitor, db):
    assert visit(visitor).get(reverse("javascript-catalog")).status_code == 200
