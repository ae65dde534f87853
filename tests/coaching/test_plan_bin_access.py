# ruff: noqa: F811 (the tests take the imported `world` fixture as an argument)
"""
Who may see and use the bin of deleted plans, and that a binned plan is out of everyone's sight.

The bin is the owner's alone: another seeker, a coach with or without access, and staff get the
same 404 as for a plan that never existed, and a plan in the bin is "not there" on every other URL.
"""

import datetime
from io import StringIO
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planner.models import BIN_DAYS, Plan
from planner.services import plan_create, plan_move_to_bin
from tests.coaching.test_access import (  # noqa: F401 (world is a fixture)
    MISSING,
    ROLES,
    _without_csrf,
    login,
    owner_plan_urls,
    request,
    snapshot,
    world,
)
from tests.planner.conftest import ROUTE

# Read by tests/test_urls.py.
ACCESS_TESTED = {"planner:plan-bin", "planner:plan-bin-restore", "planner:plan-bin-delete"}


def bin_urls(plan):
    return [
        ("post", "planner:plan-bin-restore", [plan.pk], {}),
        ("post", "planner:plan-bin-delete", [plan.pk], {"confirm": "yes"}),
    ]


@pytest.fixture
def binned(world):
    return plan_move_to_bin(plan=world.plan)


def test_anonymous_visitors_are_sent_to_log_in(client, world, binned):
    for method, name, args, data in [("get", "planner:plan-bin", [], {}), *bin_urls(binned)]:
        response = request(client, method, name, args, data)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")
    assert Plan.with_bin.filter(pk=binned.pk).exists()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_the_bin_page_shows_each_person_only_their_own(client, world, binned, role):
    login(client, world, role)

    response = client.get(reverse("planner:plan-bin"))

    assert response.status_code == 200
    assert list(response.context["plans"]) == ([binned] if role == "owner" else [])


@pytest.mark.parametrize("role", ["seeker", "coach_without_access", "coach", "coach_revoked", "staff"])
def test_someone_elses_binned_plan_is_not_found_and_changes_nothing(client, world, binned, role):
    login(client, world, role)
    before = snapshot()
    for method, name, args, data in bin_urls(binned):
        not_yours = request(client, method, name, args, data)
        missing = request(client, method, name, [MISSING], data)
        assert not_yours.status_code == missing.status_code == 404, (role, name)
        assert _without_csrf(not_yours.content) == _without_csrf(missing.content), name
    assert snapshot() == before


@pytest.mark.parametrize("role", ["owner", "coach", "staff"])
def test_a_binned_plan_is_not_found_on_any_other_url(client, world, binned, role):
    """Its own pages for the owner, the coach's view of it, and everything in between."""
    login(client, world, role)
    urls = owner_plan_urls(world, role) if role != "coach" else [("get", "coaching:coach-plan", [binned.pk], {})]
    for method, name, args, data in urls:
        assert request(client, method, name, args, data).status_code == 404, name


def test_a_live_plan_is_not_in_the_bin(client, world):
    login(client, world, "owner")
    for method, name, args, data in bin_urls(world.plan):
        assert request(client, method, name, args, data).status_code == 404, name


def test_the_coach_no_longer_sees_a_binned_plan_and_sees_it_again_once_restored(client, world, binned):
    login(client, world, "coach")
    dashboard = client.get(reverse("coaching:coach-dashboard")).content.decode()
    assert binned.title not in dashboard

    login(client, world, "owner")
    response = client.post(reverse("planner:plan-bin-restore", args=[binned.pk]))
    assert response["Location"] == binned.get_absolute_url()

    login(client, world, "coach")
    assert client.get(reverse("coaching:coach-plan", args=[binned.pk])).status_code == 200


def test_the_owner_deletes_a_binned_plan_for_good_only_when_confirming(client, world, binned):
    login(client, world, "owner")

    client.post(reverse("planner:plan-bin-delete", args=[binned.pk]))
    assert Plan.with_bin.filter(pk=binned.pk).exists()

    response = client.post(reverse("planner:plan-bin-delete", args=[binned.pk]), {"confirm": "yes"})
    assert response["Location"] == reverse("planner:plan-bin")
    assert not Plan.with_bin.filter(pk=binned.pk).exists()


def test_purge_plan_bin_deletes_only_plans_binned_more_than_the_bin_days_ago(world, binned, profile):
    recent = plan_move_to_bin(plan=plan_create(owner=world.owner, profile=profile, route_slugs=ROUTE, by="time"))
    Plan.with_bin.filter(pk=binned.pk).update(deleted_at=timezone.now() - datetime.timedelta(days=BIN_DAYS, hours=1))
    out = StringIO()

    call_command("purge_plan_bin", stdout=out)

    assert "Deleted 1 plan(s)" in out.getvalue()
    assert not Plan.with_bin.filter(pk=binned.pk).exists()
    assert Plan.with_bin.filter(pk=recent.pk).exists()
    call_command("purge_plan_bin", stdout=out)  # a second run changes nothing
    assert Plan.with_bin.filter(pk=recent.pk).exists()


def test_the_bin_page_reads_a_fixed_number_of_queries(client, world, binned, profile, django_assert_max_num_queries):
    login(client, world, "owner")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("planner:plan-bin"))
    for _ in range(3):
        plan_move_to_bin(plan=plan_create(owner=world.owner, profile=profile, route_slugs=ROUTE, by="time"))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("planner:plan-bin"))

    assert len(response.context["plans"]) == 4


def test_restoring_past_the_active_plan_limit_says_so_and_keeps_the_plan_in_the_bin(client, world, binned):
    login(client, world, "owner")
    with patch("planner.services.MAX_PLANS", 0):
        response = client.post(reverse("planner:plan-bin-restore", args=[binned.pk]), follow=True)

    assert "active plans; archive or delete one" in response.content.decode()
    assert Plan.with_bin.in_bin().filter(pk=binned.pk).exists()
