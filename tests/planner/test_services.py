import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from planner.models import Plan, PlanStep, ProfileSkill
from planner.selectors import plan_detail_queryset, plan_view
from planner.services import (
    CertificationHeld,
    StepConflict,
    plan_create,
    plan_delete_forever,
    plan_reroute,
    plan_set_archived,
    plan_step_update,
    profile_update,
)
from roles.models import Certification, Education, Skill, TransitionStep
from tests.planner.conftest import ROUTE


def test_plan_create_copies_the_route_and_its_steps(plan, graph):
    assert [pr.role.slug for pr in plan.route_roles.order_by("position")] == ROUTE
    graph_steps = TransitionStep.objects.filter(
        transition__in=[pr.transition for pr in plan.route_roles.exclude(position=0)]
    )
    assert plan.steps.count() == graph_steps.count()
    assert plan.target_role == graph["customer-service-manager"]
    assert plan.title == "Toward Customer Service Manager"


def test_plan_create_skips_steps_the_person_already_meets(user, profile, graph):
    skill_steps = TransitionStep.objects.filter(
        kind="skill", transition__source_role__slug=ROUTE[0], transition__target_role__slug=ROUTE[1]
    )
    step = skill_steps.first()
    assert step is not None, "the bundled rep → lead move has a skill step"
    ProfileSkill.objects.create(profile=profile, skill=step.skill, level=5)

    plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE, by="time")

    plan_step = plan.steps.get(transition_step=step)
    assert plan_step.status == PlanStep.Status.SKIPPED
    assert plan_step.met_at_creation


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (["customer-service-representative", "no-such-role"], "no longer in the role graph"),
        (["customer-service-representative", "customer-service-manager"], "no longer in the role graph"),
        (["customer-service-supervisor", "customer-service-manager"], "does not start where you stand"),
        (["customer-service-representative", "customer-service-representative"], "each role once"),
    ],
)
def test_plan_create_refuses_a_route_not_in_the_graph(user, profile, route, message):
    with pytest.raises(ValidationError, match=message):
        plan_create(owner=user, profile=profile, route_slugs=route, by="time")

    assert not Plan.objects.exists()


def test_plan_create_refuses_an_archived_role(user, profile, graph):
    graph["customer-service-supervisor"].archived = True
    graph["customer-service-supervisor"].save()

    with pytest.raises(ValidationError, match="no longer offered"):
        plan_create(owner=user, profile=profile, route_slugs=ROUTE, by="time")


def test_step_update_records_completion(plan):
    step = plan.steps.filter(status=PlanStep.Status.TODO).first()

    plan_step_update(step=step, status="done", target_date=datetime.date(2027, 1, 1), note="Asked my manager")

    step.refresh_from_db()
    assert step.status == "done"
    assert step.completed_at is not None
    assert step.note == "Asked my manager"

    plan_step_update(step=step, status="doing", target_date=None, note="")
    step.refresh_from_db()
    assert step.completed_at is None


def test_step_update_refuses_an_unknown_status(plan):
    step = plan.steps.first()

    with pytest.raises(ValidationError):
        plan_step_update(step=step, status="finished", target_date=None, note="")


def test_closing_steps_shortens_the_time_left(plan, profile):
    before = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)
    open_steps = [s for s in plan.steps.all() if not s.is_closed and s.months_max]
    for step in open_steps[:3]:
        plan_step_update(step=step, status="done", target_date=None, note="")

    after = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert after.closed_count == before.closed_count + 3
    assert after.months_left[1] < before.months_left[1]
    assert after.months_left[0] <= before.months_left[0]


def test_a_profile_change_updates_the_plan(plan, profile):
    before = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)
    profile.years_experience = Decimal(10)
    profile.years_leading = Decimal(6)
    profile.save()

    after = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert after.months_left[1] < before.months_left[1]


def test_next_best_step_is_an_open_step(plan, profile):
    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert view.next_step is not None
    assert not view.next_step.is_closed
    assert view.projected_date > datetime.date.today()
    assert view.beyond, "customer service manager leads on to other roles"


def test_next_best_step_stays_in_the_first_move_with_open_steps(plan, profile):
    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)
    first, second = view.moves[0], view.moves[1]
    assert any(not step.is_closed for step in first.steps)
    # A long actionable step further on must not jump the queue while move 1 is open.
    far = next(step for step in second.steps if step.kind != TransitionStep.Kind.EXPERIENCE)
    PlanStep.objects.filter(pk=far.pk).update(months_min=60, months_max=90, transition_step=None)

    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert view.next_step.move_id == first.plan_role.pk


def test_next_best_step_moves_on_once_the_first_move_is_closed(plan, profile):
    first_move = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile).moves[0]
    for step in first_move.steps:
        plan_step_update(step=step, status=PlanStep.Status.DONE, target_date=None, note="")

    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert view.next_step.move_id == view.moves[1].plan_role.pk


def test_timeline_lists_dated_steps_by_date(plan, profile):
    steps = list(plan.steps.order_by("pk")[:3])
    today = datetime.date.today()
    later, sooner = today + datetime.timedelta(days=90), today + datetime.timedelta(days=9)
    plan_step_update(step=steps[0], status=PlanStep.Status.TODO, target_date=later, note="")
    plan_step_update(step=steps[2], status=PlanStep.Status.TODO, target_date=sooner, note="")

    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert [step.pk for step in view.timeline] == [steps[2].pk, steps[0].pk]


def test_archive_restore_and_delete(plan):
    plan_set_archived(plan=plan, archived=True)
    assert Plan.objects.active().count() == 0
    plan_set_archived(plan=plan, archived=False)
    assert Plan.objects.active().count() == 1

    plan_delete_forever(plan=plan)

    assert not Plan.objects.exists()
    assert not PlanStep.objects.exists()


def test_profile_update_replaces_skills_and_certifications(profile, graph):
    skill = Skill.objects.first()
    certification = Certification.objects.first()

    profile_update(
        profile=profile,
        current_role=graph["customer-service-supervisor"],
        years_experience=Decimal(4),
        years_leading=Decimal(1),
        education=Education.BACHELOR,
        hours_per_week=8,
        skill_levels={skill.id: 4},
        certifications=[CertificationHeld(certification=certification, earned_on=datetime.date(2024, 5, 1))],
    )

    assert dict(profile.skills.values_list("skill_id", "level")) == {skill.id: 4}
    assert list(profile.certifications.values_list("certification_id", flat=True)) == [certification.id]

    profile_update(
        profile=profile,
        current_role=None,
        years_experience=Decimal(0),
        years_leading=Decimal(0),
        education=Education.HIGH_SCHOOL,
        hours_per_week=5,
        skill_levels={skill.id: None},
        certifications=[],
    )

    assert not profile.skills.exists()
    assert not profile.certifications.exists()
    assert profile.current_role is None


def test_profile_update_refuses_impossible_years(profile):
    with pytest.raises(ValidationError) as raised:
        profile_update(
            profile=profile,
            current_role=None,
            years_experience=Decimal(-1),
            years_leading=Decimal(0),
            education=Education.HIGH_SCHOOL,
            hours_per_week=5,
            skill_levels={},
            certifications=[],
        )

    assert "years_experience" in raised.value.message_dict


# --- Step versions ---------------------------------------------------------------------------


def test_a_steps_version_counts_saves_of_what_its_owner_edits(plan, profile):
    step = plan.steps.filter(status="todo").order_by("pk").first()
    assert step.version == 1

    step = plan_step_update(step=step, status="doing", target_date=None, note="a", expected_version=1)
    assert step.version == 2
    # A reroute moves steps between moves without touching what the person wrote.
    plan_reroute(plan=plan, profile=profile)
    step.refresh_from_db()
    assert step.version == 2
    with pytest.raises(StepConflict) as conflict:
        plan_step_update(step=step, status="todo", target_date=None, note="b", expected_version=1)
    assert (conflict.value.step.note, conflict.value.step.version) == ("a", 2)
