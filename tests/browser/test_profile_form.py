"""The profile's skill levels are a keyboard-friendly choice, and a certification row keeps its parts inside."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from planner.models import ProfileCertification
from roles.models import Certification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_skill_level_is_picked_with_the_arrow_keys_and_the_badge_follows(
    page: Page, live_server, log_in, seeker_plan
):
    log_in(page, seeker_plan.owner)
    page.goto(f"{live_server.url}/profile/")

    card = page.locator(".skill-card").first
    card.locator(":scope > summary").click()
    not_rated = card.get_by_role("radio").first
    not_rated.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")

    expect(card.get_by_role("radio").nth(2)).to_be_checked()
    expect(card.locator("[data-skill-badge]")).to_have_text("Level 2")
    description = card.locator(".level-choice").nth(2).locator(".level-text")
    expect(description).to_be_visible()


def test_the_remove_box_of_a_certification_sits_inside_its_row(page: Page, live_server, log_in, seeker_plan):
    ProfileCertification.objects.create(
        profile=seeker_plan.owner.profile,
        certification=Certification.objects.first(),
        earned_on=datetime.date(2022, 3, 1),
    )
    log_in(page, seeker_plan.owner)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/profile/")
        row = page.locator(".cert-row").first.bounding_box()
        box = page.get_by_label("Remove").first.bounding_box()
        assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"], width
        assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"], width
