"""A new job seeker's whole journey, in a real browser."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from planner.models import Plan, PlanStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_plan_a_route_keep_progress_and_download_the_calendar(
    page: Page, live_server, loaded_graph, mailoutbox
):
    # Sign up.
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Email").fill("maria@example.com")
    page.locator("#id_password1").fill("a long and unusual passphrase")
    page.locator("#id_password2").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Create account").click()

    # Confirm the address with the emailed link.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    link = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm and log in").click()

    # Say where you stand.
    expect(page.get_by_role("heading", name="Where you stand")).to_be_visible()
    page.get_by_label("Current role").fill("Customer Service Rep")
    page.get_by_role("option", name="Customer Service Representative", exact=True).click()
    expect(page.locator("input[name=current_role]")).to_have_value("customer-service-representative")
    page.get_by_label("Years of customer service experience").fill("1")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved")).to_be_visible()

    # Compare routes toward customer service manager, the default target.
    page.get_by_role("link", name="Plan a route").click()
    expect(page.get_by_label("Target role")).to_have_value("Customer Service Manager")
    expect(page.get_by_role("heading", name=re.compile(r"Route 2"))).to_be_visible()
    page.get_by_label("Rank routes by").select_option("moves")
    page.get_by_role("button", name="Compare routes").click()
    expect(page.get_by_role("heading", name=re.compile("fewest moves first"))).to_be_visible()

    # Pick the first route.
    page.get_by_role("button", name="Pick route 1").click()
    expect(page.get_by_text("Your plan is ready")).to_be_visible()
    plan = Plan.objects.get(owner__username="maria")
    first_open, second_open = PlanStep.objects.filter(plan=plan, status="todo").order_by("move__position", "order")[:2]
    progress = page.get_by_test_id("progress-count")
    before = progress.inner_text()

    # Mark a step done with a note and a date, in place.
    row = page.locator(f"#step-{first_open.pk}")
    row.get_by_label("Status").select_option("done")
    row.get_by_label("Your note").fill("Talked to my team lead about it")
    row.get_by_label("Target date").fill("2027-06-01")
    row.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(f"#step-{first_open.pk}").get_by_role("status")).to_have_text("Saved")
    expect(progress).not_to_have_text(before)
    middle = progress.inner_text()

    # And a second one.
    row = page.locator(f"#step-{second_open.pk}")
    row.get_by_label("Status").select_option("done")
    row.get_by_label("Target date").fill("2027-09-15")
    row.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(f"#step-{second_open.pk}").get_by_role("status")).to_have_text("Saved")
    expect(progress).not_to_have_text(middle)

    # Reload: the progress, the note and the dates are kept.
    after = progress.inner_text()
    page.reload()
    expect(page.get_by_test_id("progress-count")).to_have_text(after)
    row = page.locator(f"#step-{first_open.pk}")
    expect(row.get_by_label("Status")).to_have_value("done")
    expect(row.get_by_label("Your note")).to_have_value("Talked to my team lead about it")
    expect(row.get_by_label("Target date")).to_have_value("2027-06-01")

    # Download the calendar with the dated steps.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Calendar")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20270601" in body
