"""On a phone, the plan page leads with what to do next, and the coach's review tools sit near the top."""

import pytest
from playwright.sync_api import Page, expect

from planner.models import PlanStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is on the page and shown"
    return box["y"]


def test_on_a_phone_the_next_step_and_the_open_steps_come_first(page: Page, live_server, log_in, seeker_plan):
    first_open = PlanStep.objects.filter(plan=seeker_plan, status="todo").order_by("move__position", "order").first()
    page.set_viewport_size(PHONE)
    log_in(page, seeker_plan.owner)

    page.goto(f"{live_server.url}{seeker_plan.get_absolute_url()}")

    assert _top(page, ".next-step") < PHONE["height"], "the next best step shows without scrolling"
    assert _top(page, f"#step-{first_open.pk}") < 2 * PHONE["height"]
    assert _top(page, "#steps-heading") < _top(page, "#gaps-heading")
    expect(page.locator("details:has(#gaps-heading)")).not_to_have_attribute("open", "")
    # The next best step is in the first move that has open steps, and its link leads there.
    page.locator(".next-step a").click()
    expect(page.locator(f"#step-{first_open.move.steps.order_by('order').first().pk}")).to_be_visible()


def test_a_finished_move_starts_folded_and_opens_on_demand(page: Page, live_server, log_in, seeker_plan):
    move = seeker_plan.route_roles.get(position=1)
    PlanStep.objects.filter(plan=seeker_plan, move=move).update(status="done")
    log_in(page, seeker_plan.owner)

    page.goto(f"{live_server.url}{seeker_plan.get_absolute_url()}")

    done = page.locator("details.move-done").first
    expect(done).not_to_have_attribute("open", "")
    first_step = done.locator(".plan-step").first
    expect(first_step).to_be_hidden()
    done.locator(":scope > summary").click()
    expect(first_step).to_be_visible()


def test_the_coachs_review_tools_come_before_the_steps_on_a_phone(
    page: Page, live_server, log_in, coach_with_client, seeker_plan
):
    page.set_viewport_size(PHONE)
    log_in(page, coach_with_client)

    page.goto(f"{live_server.url}/coach/plans/{seeker_plan.pk}/")

    assert _top(page, "#suggest > summary") < 2 * PHONE["height"]
    assert _top(page, "#suggest > summary") < _top(page, "#steps-heading")
    page.locator("#suggest > summary").click()
    page.get_by_label("Take another route").check()
    route = page.get_by_label("Route", exact=True)
    expect(route).to_be_visible()
    expect(page.get_by_label("New step", exact=True)).to_be_hidden()
    assert "→" in route.locator("option").nth(1).inner_text(), "routes are offered by the names of their roles"
