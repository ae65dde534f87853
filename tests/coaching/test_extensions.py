"""What coaching registers on planner's extension points, and how they take registrations."""

import pytest

from coaching.models import ConsentEvent, Notification
from planner import extensions


def test_coaching_fills_the_plan_page_slots_it_uses():
    panels = extensions.plan_panels()

    assert set(panels) == set(extensions.PLAN_PAGE_SLOTS)
    assert "coaching/partials/comment_step.html" in panels["step"]
    assert "coaching/partials/suggestion_notice.html" in panels["notice"]


def test_an_unknown_slot_is_refused_when_registered():
    with pytest.raises(ValueError, match="Unknown plan page slot 'sidebar'"):
        extensions.register_plan_panel(slot="sidebar", template="x.html")


def test_registering_twice_adds_a_panel_once():
    before = extensions.plan_panels()["end"]

    extensions.register_plan_panel(slot="end", template=before[0])

    assert extensions.plan_panels()["end"] == before


def test_the_data_export_has_coachings_sections(user):
    sections = extensions.export_sections(user=user)
    sections.pop("access_tokens")  # the API's section
    assert sections == {
        "coaching": [],
        "comments": [],
        "comments_received": [],
        "suggestions": {"given": [], "received": []},
        "reviews": {"given": [], "received": []},
        "notifications": [],
        "coach": None,
        "clients": [],
        "coach_notes": [],
    }


def test_coaching_says_what_an_account_deletion_does_and_settles_it(user):
    assert extensions.account_deletion_summary(user=user) == ["Your notifications are deleted."]

    extensions.account_deletion_prepare(user=user)

    assert not ConsentEvent.objects.exists() and not Notification.objects.exists()  # nothing open to settle
