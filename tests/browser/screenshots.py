"""
Screenshots of the main pages at a phone's and a laptop's width (the seeker's also in Spanish), for
reviewers: `make screenshots`.

Not a test (pytest collects it only when named on the command line): it runs the app on pytest-django's
live server (a free port) over a small demo made by the browser tests' own fixtures, a seeker with a
plan under way and a coach with that seeker as a client, and writes PNGs into docs/screenshots/.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page

from planner.models import PlanStep
from planner.services import plan_step_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUT = settings.BASE_DIR / "docs" / "screenshots"
WIDTHS = [390, 1280]


@pytest.fixture
def demo(seeker_plan, coach_with_client):
    """The seeker's plan a few weeks in: one step done with a note, the next two dated."""
    steps = list(PlanStep.objects.filter(plan=seeker_plan, status="todo").order_by("move__position", "order")[:3])
    today = timezone.localdate()
    plan_step_update(step=steps[0], status="done", target_date=today, note="Asked my team lead to shadow her.")
    plan_step_update(step=steps[1], status="doing", target_date=today + datetime.timedelta(days=45), note="")
    plan_step_update(step=steps[2], status="todo", target_date=today + datetime.timedelta(days=120), note="")
    return seeker_plan, coach_with_client


def _shoot(page: Page, url: str, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)


def test_screenshots(page: Page, live_server, log_in, demo):
    plan, coach = demo
    OUT.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme="light")

    log_in(page, plan.owner)
    _shoot(page, f"{live_server.url}{plan.get_absolute_url()}", "plan")
    _shoot(page, f"{live_server.url}/plans/new/", "route-comparison")
    _shoot(page, f"{live_server.url}/profile/", "profile")
    # The same seeker's pages in Spanish, as the footer's switcher leaves them (its cookie).
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
    _shoot(page, f"{live_server.url}{plan.get_absolute_url()}", "plan-es")
    _shoot(page, f"{live_server.url}/plans/new/", "route-comparison-es")

    page.context.clear_cookies()
    log_in(page, coach)
    _shoot(page, f"{live_server.url}/coach/plans/{plan.pk}/", "coach-plan")
