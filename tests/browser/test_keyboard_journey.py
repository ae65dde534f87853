"""The core seeker journey with the keyboard alone: Tab, Enter, Space, arrow keys and typing."""

import re

import pytest
from playwright.sync_api import Page, expect

from planner.models import Plan, PlanStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
  const text = e.getAttribute("aria-label") || label || e.textContent || "";
  return { tag: e.tagName.toLowerCase(), text: text.replace(/\\s+/g, " ").trim() };
}"""


def _tab_to(page: Page, tag: str, name: str, limit: int = 200) -> None:
    """Press Tab until the focused element is a `tag` whose name (label, aria-label or text) starts with `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == tag and focused["text"].startswith(name):
            return
    raise AssertionError(f"Tab never reached the {tag} {name!r}")


def _follow(page: Page, key: str = "Enter") -> None:
    """Press a key that loads a new page, and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_sign_up_describe_yourself_compare_routes_plan_and_save_a_step_by_keyboard(
    page: Page, live_server, loaded_graph, mailoutbox
):
    page.goto(f"{live_server.url}/")
    _tab_to(page, "a", "Sign up")
    _follow(page)

    _tab_to(page, "input", "Username")
    page.keyboard.type("kai")
    _tab_to(page, "input", "Email")
    page.keyboard.type("kai@example.com")
    _tab_to(page, "input", "Password")
    page.keyboard.type("a long and unusual passphrase")
    _tab_to(page, "input", "Password confirmation")
    page.keyboard.type("a long and unusual passphrase")
    _tab_to(page, "button", "Create account")
    _follow(page)

    # The emailed link opens a page whose one button confirms the address.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(re.search(r"https?://\S+/accounts/signup/confirm/\S+/", mailoutbox[-1].body).group(0))
    _tab_to(page, "button", "Confirm and log in")
    _follow(page)

    expect(page.get_by_role("heading", name="Where you stand")).to_be_visible()
    _tab_to(page, "input", "Current role")
    page.keyboard.type("Customer Service Rep")
    expect(page.get_by_role("option", name="Customer Service Representative", exact=True)).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=current_role]")).to_have_value(re.compile("."))
    expect(page.get_by_label("Current role")).to_have_attribute("aria-expanded", "false")
    _tab_to(page, "input", "Years of customer service experience")
    page.keyboard.press("Control+a")
    page.keyboard.type("1")
    _tab_to(page, "button", "Save profile")
    _follow(page, "Space")
    expect(page.get_by_text("Profile saved")).to_be_visible()

    _tab_to(page, "a", "Plan a route")
    _follow(page)
    expect(page.get_by_role("heading", name=re.compile(r"Route 1"))).to_be_visible()
    _tab_to(page, "button", "Pick route 1")
    _follow(page)
    expect(page.get_by_text("Your plan is ready")).to_be_visible()

    # The page is long: jump to the next best step by its link, then on into that step's form.
    next_step = page.locator(".next-step a")
    step = PlanStep.objects.get(plan=Plan.objects.get(owner__username="kai"), pk=next_step.get_attribute("href")[6:])
    _tab_to(page, "a", next_step.inner_text())
    page.keyboard.press("Enter")
    _tab_to(page, "select", "Status")
    status = page.locator(f"#step-{step.pk}").get_by_label("Status")
    expect(status).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(status).to_have_value("doing")
    _tab_to(page, "button", "Save")
    page.keyboard.press("Enter")

    saved = page.locator(f"#step-{step.pk}").get_by_role("status")
    expect(saved).to_have_text("Saved")
    expect(saved).to_be_focused()
    step.refresh_from_db()
    assert step.status == "doing"
