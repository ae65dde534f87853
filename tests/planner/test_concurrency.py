"""
Requests on one plan at the same time (a double click, two tabs, an owner and a coach) take
turns: none is lost, none corrupts the route, and none is a server error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.models import Count
from django.urls import reverse

from coaching import services as coaching_services
from coaching.models import Suggestion
from planner import services
from planner.models import Plan, PlanRole, PlanStep
from roles import engine
from roles.models import Skill
from roles.selectors import graph_get
from tests.concurrency import logged_in_clients, needs_postgresql, run_together
from tests.planner.conftest import ROUTE

BASE_DIR = Path(__file__).resolve().parents[2]


def assert_one_live_route(plan: Plan) -> list[int]:
    """The plan's live moves form one unbroken route from its start to its target; return its roles."""
    plan.refresh_from_db()
    live = list(
        PlanRole.objects.filter(plan=plan, retired_at__isnull=True).select_related("transition").order_by("position")
    )
    positions = [move.position for move in live]
    assert positions == list(range(positions[0], positions[0] + len(live))), positions
    assert live[0].role_id == plan.start_role_id and live[0].transition_id is None
    assert live[-1].role_id == plan.target_role_id
    for before, move in zip(live, live[1:], strict=False):
        assert (move.transition.source_role_id, move.transition.target_role_id) == (before.role_id, move.role_id)
    # A graph step is moved from route to route, never copied.
    repeated = (
        PlanStep.objects.filter(plan=plan, transition_step__isnull=False)
        .values("transition_step")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not repeated.exists()
    return [move.role_id for move in live]


def plan_rows(plan: Plan) -> tuple[list, list]:
    return (
        list(PlanRole.objects.filter(plan=plan).order_by("pk").values_list("pk", "position", "role", "retired_at")),
        list(PlanStep.objects.filter(plan=plan).order_by("pk").values_list("pk", "move", "order", "status", "note")),
    )


def best_route(plan: Plan, profile) -> list[int]:
    from planner.selectors import person_from_profile

    G = graph_get()
    routes = engine.k_best_routes(
        G, plan.start_role_id, plan.target_role_id, k=1, by=plan.ranking, person=person_from_profile(profile)
    )
    return list(routes[0].role_ids)


# --- Recompute ---------------------------------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_recomputes_move_the_plan_once_and_again_change_nothing(user, profile, plan):
    clients = logged_in_clients(user, 4)
    url = reverse("planner:plan-recompute", args=[plan.pk])

    statuses = run_together(4, lambda index: clients[index].post(url).status_code)

    assert statuses == [302] * 4
    assert assert_one_live_route(plan) == best_route(plan, profile)
    before = plan_rows(plan)
    assert run_together(4, lambda index: clients[index].post(url).status_code) == [302] * 4
    assert plan_rows(plan) == before


@pytest.mark.django_db
def test_a_second_recompute_changes_nothing(user, profile, plan):
    services.plan_reroute(plan=plan, profile=profile)
    before = plan_rows(plan)

    services.plan_reroute(plan=plan, profile=profile)

    assert plan_rows(plan) == before
    assert len(before[0]) == len(ROUTE) + 3  # the first route, retired, and the best one (3 roles)


def test_simultaneous_recomputes_on_sqlite_wait_their_turn(tmp_path):
    """
    Four recomputes at once on a SQLite file (the embedded default): each waits for the lock,
    none fails with "database is locked".

    Runs in a child process on its own database file: the test database is in memory, where
    SQLite's shared cache refuses a second writer at once instead of making it wait.
    """
    # DEBUG on: the child is no test run, and without it the settings refuse the development key.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": str(BASE_DIR),
        "DEBUG": "true",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.planner.sqlite_recomputes"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["statuses"] == [302] * 4, outcome
    assert outcome["live_moves"] == outcome["best_route_roles"]


# --- Creating plans and changing routes at once ------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_plan_creations_keep_the_limit(user, profile, plan, monkeypatch):
    monkeypatch.setattr(services, "MAX_PLANS", 3)
    clients = logged_in_clients(user, 6)
    data = {"target": ROUTE[-1], "by": "time", "route": ",".join(ROUTE), "title": ""}

    statuses = run_together(6, lambda index: clients[index].post(reverse("planner:plan-create"), data).status_code)

    assert sorted(statuses) == [302, 302] + [400] * 4
    assert Plan.objects.filter(owner=user, archived_at__isnull=True).count() == 3
    for created in Plan.objects.filter(owner=user):
        assert_one_live_route(created)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_accepting_another_route_while_recomputing_leaves_one_route(user, profile, plan, graph):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    coach = UserFactory()
    coaching_services.coach_make(user=coach, by=staff)
    coaching = coaching_services.coaching_invite_coach(client=user, email=coach.email)
    coaching_services.coaching_accept(coaching=coaching, by=coach)
    other = ["customer-service-representative", "customer-service-senior-associate", *ROUTE[1:]]
    suggestion = coaching_services.suggestion_create(
        plan=plan, author=coach, kind=Suggestion.Kind.OTHER_ROUTE, route=other
    )
    clients = logged_in_clients(user, 4)
    accept = reverse("coaching:plan-suggestion-accept", args=[plan.pk, suggestion.pk])
    recompute = reverse("planner:plan-recompute", args=[plan.pk])

    statuses = run_together(4, lambda index: clients[index].post(accept if index % 2 else recompute).status_code)

    assert statuses == [302] * 4
    live = assert_one_live_route(plan)
    assert live in ([graph[slug].pk for slug in other], best_route(plan, profile))
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_one_step_at_once_save_one_and_show_the_other_a_conflict(user, plan):
    step = plan.steps.order_by("pk").first()
    clients = logged_in_clients(user, 2)
    url = reverse("planner:plan-step-update", args=[plan.pk, step.pk])

    def save(index: int) -> int:
        data = {f"step-{step.pk}-status": "doing", f"step-{step.pk}-note": f"tab {index}"}
        data[f"step-{step.pk}-version"] = str(step.version)
        return clients[index].post(url, data, headers={"HX-Request": "true"}).status_code

    statuses = run_together(2, save)

    assert sorted(statuses) == [200, 409]
    step.refresh_from_db()
    assert step.note == f"tab {statuses.index(200)}" and step.version == 2


# --- The profile -------------------------------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_the_profile_at_once_both_save(user, profile, graph):
    # Guards profile_update's order: the profile's row is saved (locked) before its skill rows.
    skills = list(Skill.objects.order_by("pk")[:3])
    data = {
        "current_role": graph["customer-service-supervisor"].slug,
        "years_experience": "4.5",
        "years_leading": "1",
        "education": "3",
        "hours_per_week": "6",
        **{f"skill_{skill.slug}": "3" for skill in skills},
        "certs-TOTAL_FORMS": "1",
        "certs-INITIAL_FORMS": "0",
    }
    clients = logged_in_clients(user, 4)

    statuses = run_together(4, lambda index: clients[index].post(reverse("planner:profile"), data).status_code)

    assert statuses == [302] * 4
    assert sorted(profile.skills.values_list("skill_id", "level")) == [(skill.pk, 3) for skill in skills]
