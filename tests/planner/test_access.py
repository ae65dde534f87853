"""
Who may use planner's personal pages and the account pages.

A plan's own URLs are in tests/planner/test_views.py (and, with every kind of coach, in
tests/coaching/test_access.py); here are the pages every person has for themselves: each shows
its own person's data and nobody else's, and sends anonymous visitors to log in.
"""

import json

import pytest
from django.urls import reverse

from planner.services import plan_create
from tests.factories import UserFactory
from tests.planner.conftest import ROUTE

# Read by tests/test_urls.py: the URL names whose access this module tests.
ACCESS_TESTED = {
    "planner:profile",
    "planner:data-export",
    "planner:plan-list",
    "planner:plan-create",
    "account-delete",
    "signup",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}

PERSONAL = ["planner:profile", "planner:data-export", "planner:plan-list", "planner:plan-create", "account-delete"]


@pytest.mark.parametrize("name", PERSONAL)
@pytest.mark.parametrize("method", ["get", "post"])
def test_personal_pages_send_anonymous_visitors_to_log_in(client, db, name, method):
    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize("who", ["owner", "seeker", "staff"])
@pytest.mark.parametrize("name", PERSONAL)
def test_personal_pages_show_each_person_only_their_own(client, graph, profile, user, staff_user, who, name):
    plan_create(owner=user, profile=profile, route_slugs=ROUTE, by="time", title="Owner's secret plan")
    person = {"owner": user, "seeker": UserFactory(), "staff": staff_user}[who]
    client.force_login(person)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert ("Owner&#x27;s secret plan" in response.content.decode()) is (who == "owner" and name == "planner:plan-list")
    if name == "planner:data-export":
        data = json.loads(response.content)
        assert data["account"]["username"] == person.username
        assert [plan["title"] for plan in data["plans"]] == (["Owner's secret plan"] if who == "owner" else [])


def test_signup_is_for_visitors_and_sends_people_already_in_to_their_plans(client, user):
    assert client.get(reverse("signup")).status_code == 200

    client.force_login(user)
    response = client.get(reverse("signup"))

    assert response.status_code == 302
    assert response["Location"] == reverse("planner:plan-list")


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "password_reset_done", "password_reset_complete", "signup"]
)
def test_account_pages_for_visitors_open_to_anonymous_visitors(client, db, name):
    assert client.get(reverse(name)).status_code == 200


def test_a_reset_link_with_a_bad_token_says_it_expired_and_changes_nothing(client, user):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})

    response = client.get(url)

    assert response.status_code == 200
    assert "This link has expired or was already used." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


@pytest.mark.parametrize("name", ["password_change", "password_change_done"])
def test_password_change_is_only_for_the_logged_in_person(client, user, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(user)
    assert client.get(reverse(name)).status_code == 200


def test_log_out_is_a_post_and_ends_the_session(client, user):
    client.force_login(user)

    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("planner:plan-list")).status_code == 302
