"""The role graph changes under people's plans: nothing they did or wrote is lost."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from planner.models import PlanStep
from planner.selectors import plan_detail_queryset, plan_view
from planner.services import plan_reroute, plan_step_update
from roles.models import Role, Transition, TransitionStep
from roles.revision import graph_revision_bump


def view_of(plan, profile):
    return plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)


def first_step_into(plan, slug):
    return plan.steps.filter(move__role__slug=slug, move__retired_at__isnull=True).order_by("order").first()


def test_deleting_a_role_a_plan_uses_is_refused(plan, graph):
    with pytest.raises(ProtectedError):
        graph["customer-service-supervisor"].delete()


def test_the_database_itself_refuses_to_delete_a_step_a_plan_uses(plan):
    used = plan.steps.exclude(transition_step=None).first().transition_step_id

    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TransitionStep._meta.db_table} WHERE id = %s", [used])
        connection.check_constraints()

    assert TransitionStep.objects.filter(pk=used).exists()


def test_a_fresh_plan_is_not_stale(plan, profile):
    view = view_of(plan, profile)

    assert not view.stale
    assert view.route_in_graph
    assert view.changes == []


def test_archiving_a_role_keeps_the_plan_whole_and_says_what_changed(plan, profile, graph):
    steps_before = plan.steps.count()
    supervisor = graph["customer-service-supervisor"]
    supervisor.archived = True
    supervisor.save()

    view = view_of(plan, profile)

    assert view.stale
    assert not view.route_in_graph
    assert "Customer Service Supervisor was archived." in view.changes
    assert plan.steps.count() == steps_before
    assert [role.title for role in view.roles][2] == "Customer Service Supervisor"
    assert view.roles[2].archived


def test_the_plan_page_offers_to_recompute(client, user, plan, graph):
    Transition.objects.filter(
        source_role=graph["customer-service-supervisor"], target_role=graph["customer-service-manager"]
    ).update(archived=True)

    graph_revision_bump()
    client.force_login(user)

    response = client.get(plan.get_absolute_url())

    content = response.content.decode()
    assert "The role graph has changed since this plan was made" in content
    assert "Recompute my route" in content


def test_recompute_keeps_done_steps_notes_and_dates(client, user, plan, profile, graph):
    kept = first_step_into(plan, "lead-customer-service-representative")
    plan_step_update(step=kept, status="done", target_date=None, note="Led the morning huddles")
    noted = first_step_into(plan, "customer-service-supervisor")
    plan_step_update(step=noted, status="todo", target_date=None, note="Ask about the supervisor opening")
    supervisor = graph["customer-service-supervisor"]
    supervisor.archived = True
    supervisor.save()

    client.force_login(user)
    response = client.post(reverse("planner:plan-recompute", args=[plan.pk]))

    assert response.status_code == 302
    view = view_of(plan, profile)
    route = [role.slug for role in view.roles]
    assert "customer-service-supervisor" not in route
    assert route[0] == "customer-service-representative"
    assert route[-1] == "customer-service-manager"
    assert not view.stale
    kept.refresh_from_db()
    assert (kept.status, kept.note) == ("done", "Led the morning huddles")
    if "lead-customer-service-representative" in route:
        assert kept.move.retired_at is None, "a move still on the route keeps its steps in place"
    noted.refresh_from_db()
    assert noted.note == "Ask about the supervisor opening"
    assert noted in view.earlier_steps


def test_recompute_drops_only_untouched_steps_of_dropped_moves(plan, profile, graph):
    untouched = first_step_into(plan, "customer-service-supervisor")
    supervisor = graph["customer-service-supervisor"]
    supervisor.archived = True
    supervisor.save()

    plan_reroute(plan=plan, profile=profile)

    assert not PlanStep.objects.filter(pk=untouched.pk).exists()


def test_recompute_with_no_route_left_is_a_clear_message(client, user, plan, graph):
    Role.objects.filter(slug="customer-service-manager").update(archived=True)

    graph_revision_bump()
    client.force_login(user)

    response = client.post(reverse("planner:plan-recompute", args=[plan.pk]), follow=True)

    assert "There is no route to Customer Service Manager" in response.content.decode()
    assert plan.steps.count() > 0


def test_data_export_keeps_the_earlier_routes_steps(client, user, plan, profile, graph):
    noted = first_step_into(plan, "customer-service-supervisor")
    plan_step_update(step=noted, status="doing", target_date=None, note="Keep this")
    graph["customer-service-supervisor"].archived = True
    graph["customer-service-supervisor"].save()
    plan_reroute(plan=plan, profile=profile)
    client.force_login(user)

    data = client.get(reverse("planner:data-export")).json()

    earlier = [step for step in data["plans"][0]["steps"] if step["earlier_route"]]
    assert [step["note"] for step in earlier] == ["Keep this"]
