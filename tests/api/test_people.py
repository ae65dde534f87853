import pytest
from rest_framework.test import APIClient

from planner.services import plan_create
from tests.api.conftest import ROUTE


@pytest.fixture
def owner(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_the_profile_reads_and_updates_with_the_profile_pages_rules(owner, profile):
    assert owner.get("/api/v1/me/profile/").json()["current_role"] == "customer-service-representative"

    changed = owner.patch(
        "/api/v1/me/profile/",
        {"years_leading": 2, "education": "bachelor", "skills": [{"skill": "leadership", "level": 3}]},
        format="json",
    )

    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert body["years_leading"] == 2.0
    assert body["education"] == "bachelor"
    assert body["skills"] == [{"skill": "leadership", "level": 3}]
    assert body["current_role"] == "customer-service-representative"  # not given: kept


def test_the_entry_role_is_refused_as_a_current_role_like_on_the_profile_page(owner, profile):
    response = owner.patch("/api/v1/me/profile/", {"current_role": "no-experience"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "current_role", "message": "Choose a role from the list."}]


def test_a_plan_from_a_route_that_does_not_start_where_you_stand_is_refused(owner, profile):
    route = ["customer-service-supervisor", "customer-service-manager"]

    response = owner.post("/api/v1/me/plans/", {"route": route}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "This route does not start where you stand. Update your profile or pick again."
    )


def test_a_plan_needs_a_route_or_a_target(owner, profile):
    response = owner.post("/api/v1/me/plans/", {}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "Give either route (the roles of a route) or target (a role to reach)."


def test_archived_plans_are_listed_apart(owner, plan):
    owner.post(f"/api/v1/me/plans/{plan.pk}/archive/")

    assert owner.get("/api/v1/me/plans/").json()["count"] == 0
    assert [item["id"] for item in owner.get("/api/v1/me/plans/?archived=true").json()["results"]] == [plan.pk]


def test_the_export_is_the_profile_pages_file(owner, plan):
    body = owner.get("/api/v1/me/export/").json()

    assert body["profile"]["current_role"] == "customer-service-representative"
    assert [item["title"] for item in body["plans"]] == [plan.title]


def test_a_browser_session_must_send_its_csrf_token_to_write(user, plan):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)

    response = browser.post(f"/api/v1/me/plans/{plan.pk}/archive/")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_plan_reads_run_a_bounded_number_of_queries(owner, user, profile, plan, django_assert_max_num_queries):
    for _ in range(5):
        plan_create(owner=user, profile=profile, route_slugs=ROUTE, by="time")

    with django_assert_max_num_queries(8):
        owner.get("/api/v1/me/plans/")
    with django_assert_max_num_queries(14):
        owner.get(f"/api/v1/me/plans/{plan.pk}/")


def test_a_coachs_client_list_runs_a_bounded_number_of_queries(coach, coaching, django_assert_max_num_queries):
    client = APIClient()
    client.force_login(coach)

    with django_assert_max_num_queries(16):
        response = client.get("/api/v1/coach/clients/")

    assert [row["client"] for row in response.json()["results"]] == [coaching.client.username]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"target": "customer-service-manager", "title": 0}, "title", "Give text."),
        ({"target": "customer-service-manager", "rank": "2"}, "rank", "Give a whole number."),
        ({"target": "customer-service-manager", "rank": True}, "rank", "Give a whole number."),
        ({"route": ["customer-service-representative", 7]}, "route", "Give text."),
        ({"route": "customer-service-representative"}, "route", "Give a list."),
    ],
)
def test_a_json_body_field_of_the_wrong_type_is_refused_at_the_field(owner, profile, body, field, message):
    response = owner.post("/api/v1/me/plans/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": field, "message": message}]


def test_the_owner_reads_a_coachs_suggestion_and_accepts_it(owner, plan, coaching):
    from coaching import services as coaching_services

    step = plan.steps.first()
    suggestion = coaching_services.suggestion_create(
        plan=plan, author=coaching.coach, kind="date", step=step, target_date=step.plan.created_at.date()
    )
    seen = owner.get(f"/api/v1/me/plans/{plan.pk}/").json()
    assert [item["id"] for item in seen["suggestions"]] == [suggestion.pk]

    accepted = owner.post(f"/api/v1/me/plans/{plan.pk}/suggestions/{suggestion.pk}/accept/")

    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "accepted"
    again = owner.post(f"/api/v1/me/plans/{plan.pk}/suggestions/{suggestion.pk}/decline/")
    assert again.status_code == 400
    assert again.json()["detail"] == "This suggestion was already answered."


def test_a_step_update_with_an_old_version_is_a_conflict_not_an_overwrite(owner, plan):
    step = plan.steps.first()
    url = f"/api/v1/me/plans/{plan.pk}/steps/{step.pk}/"
    read = owner.get(url).json()
    owner.patch(url, {"note": "Saved from my phone.", "version": read["version"]}, format="json")

    stale = owner.patch(url, {"note": "Saved from an old tab.", "version": read["version"]}, format="json")

    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert "changed since you read it" in stale.json()["detail"]
    step.refresh_from_db()
    assert step.note == "Saved from my phone."
    fresh = owner.patch(url, {"note": "Saved from an old tab.", "version": step.version}, format="json")
    assert fresh.status_code == 200
    assert fresh.json()["note"] == "Saved from an old tab."
