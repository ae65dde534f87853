"""The move of the coaching models out of planner keeps every row: a database with data migrates forward."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from coaching.models import Coach, Coaching, CoachInvitation, CoachNote, Comment, ConsentEvent, Notification, Review
from coaching.models import Suggestion as SuggestionModel

BEFORE_MOVE = [("planner", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_coaching_rows_written_before_the_move_are_read_through_the_coaching_models():
    old = _migrate(BEFORE_MOVE)
    try:
        User = old.get_model("auth", "User")
        Role = old.get_model("roles", "Role")
        Plan = old.get_model("planner", "Plan")
        PlanRole = old.get_model("planner", "PlanRole")
        PlanStep = old.get_model("planner", "PlanStep")
        client = User.objects.create(username="old-client", email="client@example.com")
        coach = User.objects.create(username="old-coach", email="coach@example.com")
        start = Role.objects.create(slug="old-start", title="Start", track="frontline", level=1)
        target = Role.objects.create(slug="old-target", title="Target", track="frontline", level=2)
        plan = Plan.objects.create(owner=client, title="Old plan", start_role=start, target_role=target)
        PlanRole.objects.create(plan=plan, position=0, role=start)
        move = PlanRole.objects.create(plan=plan, position=1, role=target)
        step = PlanStep.objects.create(plan=plan, move=move, order=1, kind="skill", title="Learn")
        now = timezone.now()
        old.get_model("planner", "Coach").objects.create(user=coach, bio="Ten years", status="approved")
        coaching = old.get_model("planner", "Coaching").objects.create(
            client=client, coach=coach, status="active", invited_by="client", share_all=False, accepted_at=now
        )
        coaching.shared_plans.add(plan)
        old.get_model("planner", "ConsentEvent").objects.create(coaching=coaching, actor=client, action="accepted")
        old.get_model("planner", "CoachInvitation").objects.create(
            coach=coach, code="old-code", expires_at=now + datetime.timedelta(days=3)
        )
        opening = old.get_model("planner", "Comment").objects.create(plan=plan, step=step, author=coach, body="Hi")
        old.get_model("planner", "Comment").objects.create(plan=plan, author=client, body="Thanks", parent=opening)
        old.get_model("planner", "Suggestion").objects.create(
            plan=plan, author=coach, kind="date", step=step, target_date=now.date()
        )
        old.get_model("planner", "Review").objects.create(plan=plan, author=coach, verdict="good")
        old.get_model("planner", "CoachNote").objects.create(coach=coach, client=client, body="Private")
        old.get_model("planner", "Notification").objects.create(
            recipient=client, actor=coach, kind="comment", text="New"
        )
    finally:
        _migrate(_latest())

    coaching = Coaching.objects.get(client__username="old-client")
    assert coaching.coach.username == "old-coach"
    assert coaching.status == Coaching.Status.ACTIVE
    assert [p.title for p in coaching.shared_plans.all()] == ["Old plan"]
    assert Coach.objects.get(user__username="old-coach").is_approved
    assert ConsentEvent.objects.get(coaching=coaching).action == ConsentEvent.Action.ACCEPTED
    assert CoachInvitation.objects.get().code == "old-code"
    reply = Comment.objects.get(body="Thanks")
    assert reply.parent.body == "Hi"
    assert reply.parent.step.title == "Learn"
    assert SuggestionModel.objects.get().step.title == "Learn"
    assert Review.objects.get().get_verdict_display() == "Looks good"
    assert CoachNote.objects.get().body == "Private"
    assert Notification.objects.get().recipient.username == "old-client"
    # The plan reads its coaching rows through the reverse relations too.
    assert coaching.shared_plans.get().comments.count() == 2
