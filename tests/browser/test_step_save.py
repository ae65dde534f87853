"""Saving a plan step in place: a refused save shows why at the field and loses nothing."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from planner.models import PlanStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_step(page: Page, live_server, log_in, plan):
    step = PlanStep.objects.filter(plan=plan, status="todo").order_by("move__position", "order").first()
    log_in(page, plan.owner)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    return step, page.locator(f"#step-{step.pk}")


def _save(row) -> None:
    row.get_by_role("button", name=re.compile("^Save")).click()


def _too_far_back() -> str:
    return (timezone.localdate() - datetime.timedelta(days=400)).isoformat()


def _open_step_month_back() -> str:
    return (timezone.localdate() - datetime.timedelta(days=45)).isoformat()


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("Target date", _too_far_back(), "more than a year ago"),
        ("Target date", _open_step_month_back(), "more than a month ago and this step is still open"),
        ("Your note", "x" * 2001, "at most 2000 characters"),
    ],
    ids=["date-a-year-back", "open-step-dated-a-month-back", "note-too-long"],
)
def test_a_refused_step_save_shows_the_error_at_the_field_and_keeps_the_typing(
    page: Page, live_server, log_in, seeker_plan, label, value, message
):
    step, row = _open_step(page, live_server, log_in, seeker_plan)

    row.get_by_label(label).fill(value)
    _save(row)

    field = page.locator(f"#step-{step.pk}").get_by_label(label)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#step-{step.pk}").locator(".invalid-feedback")).to_contain_text(message)
    expect(field).to_have_value(value)
    expect(field).to_be_focused()
    expect(page.locator(f"#step-{step.pk}").get_by_role("status")).to_have_count(0)
    if label == "Your note":
        expect(page.locator(f"#id_step-{step.pk}-note-count")).to_have_text("1 character over the limit of 2,000")

    page.reload()
    step.refresh_from_db()
    assert (step.target_date, step.note) == (None, "")
    expect(page.locator(f"#step-{step.pk}").get_by_label(label)).to_have_value("")


def test_a_status_outside_the_list_is_refused_at_the_field(page: Page, live_server, log_in, seeker_plan):
    step, row = _open_step(page, live_server, log_in, seeker_plan)
    # Only a tampered page (or an old tab) can send it: add the option the way such a page would.
    row.get_by_label("Status").evaluate("select => select.add(new Option('Finished', 'finished', true, true))")

    _save(row)

    field = page.locator(f"#step-{step.pk}").get_by_label("Status")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#step-{step.pk}")).to_contain_text("Choose to do, doing, done or skipped")
    expect(field).to_be_focused()
    step.refresh_from_db()
    assert step.status == "todo"


def test_a_saved_step_says_so_refreshes_the_counters_and_keeps_the_keyboard_there(
    page: Page, live_server, log_in, seeker_plan
):
    step, row = _open_step(page, live_server, log_in, seeker_plan)
    summary = page.locator(f"#move-{step.move_id}-summary")
    expect(summary).to_contain_text("0 of ")
    months_before = summary.inner_text()
    note = page.locator(f"#step-{step.pk}").get_by_label("Your note")
    expect(note).to_have_attribute("rows", "3")

    row.get_by_label("Status").select_option("done")
    note.fill("Asked my team lead.\nShe said yes.")
    _save(row)

    saved = page.locator(f"#step-{step.pk}").get_by_role("status")
    expect(saved).to_have_text("Saved")
    expect(saved).to_be_focused()
    expect(summary).to_contain_text("1 of ")
    expect(summary).not_to_have_text(months_before)
    expect(saved).to_be_in_viewport()
    step.refresh_from_db()
    assert (step.status, step.note) == ("done", "Asked my team lead.\nShe said yes.")


def test_an_open_step_dated_last_week_is_saved_with_a_warning(page: Page, live_server, log_in, seeker_plan):
    step, row = _open_step(page, live_server, log_in, seeker_plan)
    last_week = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

    row.get_by_label("Target date").fill(last_week)
    _save(row)

    row = page.locator(f"#step-{step.pk}")
    expect(row.get_by_role("status")).to_have_text("Saved")
    expect(row).to_contain_text("This date has passed")
    step.refresh_from_db()
    assert step.target_date.isoformat() == last_week


@pytest.mark.parametrize("failure", ["server-error", "offline"])
def test_a_save_that_cannot_be_answered_says_so_and_keeps_the_typing(
    page: Page, live_server, log_in, seeker_plan, failure
):
    step, row = _open_step(page, live_server, log_in, seeker_plan)
    if failure == "server-error":
        page.route(f"**/steps/{step.pk}/", lambda route: route.fulfill(status=500, body="Server Error"))
    else:
        page.route(f"**/steps/{step.pk}/", lambda route: route.abort("internetdisconnected"))

    row.get_by_label("Your note").fill("Do not lose me")
    _save(row)

    alert = row.get_by_role("alert")
    expect(alert).to_contain_text("Not saved")
    expect(alert).to_contain_text("What you typed is still here")
    expect(alert).to_be_focused()
    expect(row.get_by_label("Your note")).to_have_value("Do not lose me")


def _save_in_a_stale_tab(page: Page, live_server, log_in, plan):
    """Open the plan, save the first open step's note in a second tab, then save another note here."""
    step, row = _open_step(page, live_server, log_in, plan)
    other_tab = page.context.new_page()
    other_tab.goto(f"{live_server.url}{plan.get_absolute_url()}")
    other_row = other_tab.locator(f"#step-{step.pk}")
    other_row.get_by_label("Your note").fill("Saved in the other tab")
    _save(other_row)
    expect(other_tab.locator(f"#step-{step.pk}").get_by_role("status")).to_have_text("Saved")
    row.get_by_label("Your note").fill("Typed in this tab")
    _save(row)
    return step, page.locator(f"#step-{step.pk}")


def test_a_save_from_a_stale_tab_shows_both_versions_and_keeps_the_typing(page: Page, live_server, log_in, seeker_plan):
    step, row = _save_in_a_stale_tab(page, live_server, log_in, seeker_plan)

    conflict = row.locator(".step-conflict")
    expect(conflict).to_contain_text("changed in another tab")
    expect(conflict).to_contain_text("Saved in the other tab")
    expect(conflict).to_be_focused()
    expect(row.get_by_label("Your note")).to_have_value("Typed in this tab")
    step.refresh_from_db()
    assert step.note == "Saved in the other tab"

    row.get_by_role("button", name=re.compile("^Keep mine")).click()

    expect(page.locator(f"#step-{step.pk}").get_by_role("status")).to_have_text("Saved")
    step.refresh_from_db()
    assert step.note == "Typed in this tab"


def test_after_a_conflict_taking_the_saved_one_shows_it(page: Page, live_server, log_in, seeker_plan):
    step, row = _save_in_a_stale_tab(page, live_server, log_in, seeker_plan)

    row.get_by_role("button", name="Take the saved one").click()

    note = page.locator(f"#step-{step.pk}").get_by_label("Your note")
    expect(note).to_have_value("Saved in the other tab")
    expect(note).to_be_focused()
    expect(page.locator(f"#step-{step.pk}").locator(".step-conflict")).to_have_count(0)
    step.refresh_from_db()
    assert step.note == "Saved in the other tab"
