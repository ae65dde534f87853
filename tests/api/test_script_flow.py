"""A script that holds only a token: plan toward customer service manager, mark a step done, read it back."""

from rest_framework.test import APIClient

from tests.api.conftest import bearer


def test_a_token_alone_plans_marks_a_step_done_with_a_note_and_reads_it_back(profile, write_token):
    script = APIClient(**bearer(write_token))  # no session, no cookies: only the token

    created = script.post("/api/v1/me/plans/", {"target": "customer-service-manager"}, format="json")
    assert created.status_code == 201, created.json()
    plan = created.json()
    assert plan["route"][0] == "customer-service-representative"
    assert plan["target_role"] == "customer-service-manager"
    step = next(step for step in plan["steps"] if step["status"] == "todo")

    marked = script.patch(
        f"/api/v1/me/plans/{plan['id']}/steps/{step['id']}/",
        {"status": "done", "note": "Finished the course in March."},
        format="json",
    )
    assert marked.status_code == 200, marked.json()

    again = script.get(f"/api/v1/me/plans/{plan['id']}/").json()
    saved = next(item for item in again["steps"] if item["id"] == step["id"])
    assert saved["status"] == "done"
    assert saved["note"] == "Finished the course in March."
    assert saved["completed_at"] is not None


def test_a_step_update_gives_the_plan_pages_messages(plan, write_token):
    script = APIClient(**bearer(write_token))
    step = plan.steps.first()

    response = script.patch(
        f"/api/v1/me/plans/{plan.pk}/steps/{step.pk}/", {"target_date": "1990-01-01"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "target_date", "message": "January 1, 1990 is more than a year ago: check the year."}
    ]
