"""Who may open the project-level pages: the health check and the signup confirmation pages."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

ACCESS_TESTED = {"health", "signup-done", "signup-confirm"}

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
