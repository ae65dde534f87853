"""Writes to the role graph: the same checks as the admin and the loader, history, conflicts, archiving."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from planner.models import Plan, PlanRole, PlanStep
from roles import engine, services
from roles.history import history_version
from roles.models import Role, Transition, TransitionStep
from roles.selectors import graph_get, graph_revision_number
from tests.factories import (
    RoleFactory,
    SalaryFactFactory,
    SkillFactory,
    TransitionFactory,
    TransitionStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _role_fields(**overrides):
    values = {"slug": "trainer", "title": "Customer Service Trainer", "track": "leadership", "level": 4}
    return {**values, **overrides}


# --- Roles ------------------------------------------------------------------------------------


def test_role_create_saves_a_checked_role_and_records_it():
    role = services.role_create(**_role_fields(summary="Trains new representatives."))

    assert Role.objects.get(slug="trainer").summary == "Trains new representatives."
    assert role.history.count() == 1
    assert role.history.get().history_type == "+"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"level": 11}, "level"),
        ({"title": ""}, "title"),
        ({"track": "astronaut"}, "track"),
        ({"slug": "not a slug"}, "slug"),
        ({"min_experience_years": Decimal("51")}, "min_experience_years"),
    ],
)
def test_role_create_refuses_values_out_of_range_at_their_field(overrides, field):
    with pytest.raises(ValidationError) as error:
        services.role_create(**_role_fields(**overrides))

    assert field in error.value.message_dict
    assert not Role.objects.filter(title="Customer Service Trainer").exists()


def test_role_create_refuses_a_slug_in_use():
    RoleFactory(slug="trainer")

    with pytest.raises(ValidationError) as error:
        services.role_create(**_role_fields())

    assert "slug" in error.value.message_dict


def test_there_is_only_one_entry_node():
    RoleFactory(is_entry=True, title="No experience yet", level=0)

    with pytest.raises(ValidationError) as error:
        services.role_create(**_role_fields(is_entry=True))

    assert "No experience yet" in error.value.message_dict["is_entry"][0]


def test_role_update_changes_only_the_given_fields_and_records_what_changed():
    role = RoleFactory(level=3, summary="Before")

    services.role_update(role=role, data={"level": 4})

    role.refresh_from_db()
    assert (role.level, role.summary) == (4, "Before")
    latest, previous = role.history.order_by("-history_id")[:2]
    assert (previous.level, latest.level) == (3, 4)


def test_saving_unchanged_values_writes_no_history():
    role = RoleFactory(level=3)
    before = role.history.count()

    services.role_update(role=role, data={"level": 3, "title": role.title})

    assert role.history.count() == before


def test_role_update_refuses_a_slug_change():
    role = RoleFactory()

    with pytest.raises(TypeError):
        services.role_update(role=role, data={"slug": "something-else"})


# --- Concurrent edits ---------------------------------------------------------------------------


def test_a_second_save_over_a_changed_field_is_a_conflict_showing_their_value():
    role = RoleFactory(title="Trainer", level=3)
    opened = history_version(role)  # both staff open the form at this version

    services.role_update(role=role, data={"title": "Senior Trainer"}, expected_version=opened)
    with pytest.raises(services.EditConflict) as conflict:
        services.role_update(role=role, data={"title": "Lead Trainer", "level": 4}, expected_version=opened)

    fields = {field.name: field for field in conflict.value.changed.fields}
    assert set(fields) == {"title"}
    assert fields["title"].theirs_display == "Senior Trainer"
    assert fields["title"].base_display == "Trainer"
    role.refresh_from_db()
    assert (role.title, role.level) == ("Senior Trainer", 3)  # nothing of the second save was written


def test_an_untouched_field_someone_else_changed_is_a_conflict_too_never_a_silent_revert():
    role = RoleFactory(title="Trainer", summary="Old")
    opened = history_version(role)
    services.role_update(role=role, data={"summary": "New"}, expected_version=opened)

    # The second form still holds the old summary: saving it would undo their change unseen.
    with pytest.raises(services.EditConflict):
        services.role_update(role=role, data={"title": "Coach", "summary": "Old"}, expected_version=opened)


def test_saving_again_from_the_conflict_keeps_both_changes():
    role = RoleFactory(title="Trainer", summary="Old")
    opened = history_version(role)
    services.role_update(role=role, data={"summary": "New"}, expected_version=opened)
    with pytest.raises(services.EditConflict) as conflict:
        services.role_update(role=role, data={"title": "Coach", "summary": "Old"}, expected_version=opened)

    services.role_update(role=role, data={"title": "Coach", "summary": "New"}, expected_version=conflict.value.version)

    role.refresh_from_db()
    assert (role.title, role.summary) == ("Coach", "New")


def test_a_change_to_fields_the_form_does_not_hold_is_no_conflict():
    role = RoleFactory(title="Trainer")
    opened = history_version(role)
    services.role_archive(role=role)

    services.role_update(role=role, data={"title": "Coach"}, expected_version=opened)

    role.refresh_from_db()
    assert (role.title, role.archived) == ("Coach", True)


def test_a_move_edited_by_two_people_conflicts_too():
    move = TransitionFactory(note="First")
    opened = history_version(move)
    services.transition_update(transition=move, data={"note": "Theirs"}, expected_version=opened)

    with pytest.raises(services.EditConflict) as conflict:
        services.transition_update(transition=move, data={"note": "Mine"}, expected_version=opened)

    assert conflict.value.changed.fields[0].theirs == "Theirs"


# --- Moves ------------------------------------------------------------------------------------


def test_transition_create_connects_two_roles():
    source, target = RoleFactory(), RoleFactory(level=2)

    move = services.transition_create(source_role=source, target_role=target, kind="promotion")

    assert Transition.objects.get(source_role=source, target_role=target) == move
    assert move.history.get().history_type == "+"


def test_a_move_to_itself_is_refused():
    role = RoleFactory()

    with pytest.raises(ValidationError) as error:
        services.transition_create(source_role=role, target_role=role)

    assert "another role" in error.value.message_dict["target_role"][0]


def test_a_second_move_between_the_same_roles_is_refused():
    move = TransitionFactory()

    with pytest.raises(ValidationError) as error:
        services.transition_create(source_role=move.source_role, target_role=move.target_role)

    assert "already a move" in error.value.message_dict["target_role"][0]


def test_an_archived_duplicate_says_to_restore_it():
    move = TransitionFactory(archived=True)

    with pytest.raises(ValidationError) as error:
        services.transition_create(source_role=move.source_role, target_role=move.target_role)

    assert "restore it" in error.value.message_dict["target_role"][0]


def test_connecting_an_archived_role_is_refused():
    source, target = RoleFactory(), RoleFactory(archived=True)

    with pytest.raises(ValidationError) as error:
        services.transition_create(source_role=source, target_role=target)

    assert "archived" in error.value.message_dict["target_role"][0]


def test_a_move_cannot_be_restored_while_its_role_is_archived():
    move = TransitionFactory(archived=True)
    services.role_archive(role=move.target_role)

    with pytest.raises(ValidationError):
        services.transition_restore(transition=move)

    move.refresh_from_db()
    assert move.archived


# --- Steps ------------------------------------------------------------------------------------


def test_step_create_adds_the_step_at_the_end():
    move = TransitionFactory()
    TransitionStepFactory(transition=move, order=1)
    TransitionStepFactory(transition=move, order=4)

    step = services.step_create(transition=move, kind="action", title="Apply", months_min=0, months_max=2)

    assert step.order == 5


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"months_min": 6, "months_max": 3}, "months_max"),
        ({"months_min": 0, "months_max": 241}, "months_max"),
        ({"kind": "skill"}, "skill"),
        ({"kind": "certification"}, "certification"),
        ({"kind": "education"}, "education"),
        ({"kind": "experience"}, "years"),
        ({"kind": "skill", "skill_level": 6}, "skill_level"),
    ],
)
def test_step_create_refuses_bad_steps_at_their_field(values, field):
    move = TransitionFactory()
    arguments = {"kind": "action", "title": "A step", "months_min": 1, "months_max": 2, **values}
    if arguments.get("skill_level"):
        arguments["skill"] = SkillFactory()

    with pytest.raises(ValidationError) as error:
        services.step_create(transition=move, **arguments)

    assert field in error.value.message_dict
    assert not move.steps.exists()


def test_a_new_step_cannot_ask_for_an_archived_skill_but_an_old_one_keeps_it():
    archived = SkillFactory(archived=True)
    move = TransitionFactory()
    with pytest.raises(ValidationError) as error:
        services.step_create(
            transition=move, kind="skill", title="Coach", months_min=1, months_max=2, skill=archived, skill_level=3
        )
    assert "archived" in error.value.message_dict["skill"][0]

    step = TransitionStepFactory(transition=move, kind="skill", skill=archived, skill_level=3)
    services.step_update(step=step, data={"title": "Coach others"})
    step.refresh_from_db()
    assert step.title == "Coach others"


def test_steps_reorder_moves_the_steps_in_one_go_and_records_each_moved_step_once():
    move = TransitionFactory()
    a, b, c = (TransitionStepFactory(transition=move, order=n, title=t) for n, t in ((1, "A"), (2, "B"), (3, "C")))
    revision = graph_revision_number()

    services.steps_reorder(transition=move, step_ids=[c.pk, a.pk, b.pk])

    assert list(move.steps.order_by("order").values_list("title", flat=True)) == ["C", "A", "B"]
    assert [s.history.count() for s in (a, b, c)] == [2, 2, 2]
    assert graph_revision_number() == revision + 1


def test_steps_reorder_refuses_a_list_that_is_not_the_moves_steps_and_changes_nothing():
    move = TransitionFactory()
    a, b = TransitionStepFactory(transition=move, order=1), TransitionStepFactory(transition=move, order=2)
    other = TransitionStepFactory()

    for ids in ([b.pk], [b.pk, a.pk, other.pk], [b.pk, b.pk]):
        with pytest.raises(ValidationError):
            services.steps_reorder(transition=move, step_ids=ids)

    assert list(move.steps.order_by("order").values_list("pk", flat=True)) == [a.pk, b.pk]


def test_step_move_up_and_down_and_nothing_at_the_ends():
    move = TransitionFactory()
    a, b = TransitionStepFactory(transition=move, order=1), TransitionStepFactory(transition=move, order=2)

    services.step_move(step=b, direction="up")
    assert list(move.steps.order_by("order").values_list("pk", flat=True)) == [b.pk, a.pk]
    services.step_move(step=b, direction="up")
    assert list(move.steps.order_by("order").values_list("pk", flat=True)) == [b.pk, a.pk]
    services.step_move(step=b, direction="down")
    assert list(move.steps.order_by("order").values_list("pk", flat=True)) == [a.pk, b.pk]


# --- Archive, not delete ------------------------------------------------------------------------


def test_archived_roles_moves_and_steps_leave_new_routes():
    start, middle, end = RoleFactory(level=1), RoleFactory(level=2), RoleFactory(level=3)
    TransitionStepFactory(transition=TransitionFactory(source_role=start, target_role=middle))
    last = TransitionStepFactory(transition=TransitionFactory(source_role=middle, target_role=end), months_max=5)
    assert engine.k_best_routes(graph_get(), start.pk, end.pk)

    services.step_archive(step=last)
    assert engine.k_best_routes(graph_get(), start.pk, end.pk)[0].full_months_range[1] == 3

    services.transition_archive(transition=last.transition)
    with pytest.raises(engine.NoRoute):
        engine.k_best_routes(graph_get(), start.pk, end.pk)

    services.transition_restore(transition=last.transition)
    services.role_archive(role=middle)
    with pytest.raises(engine.NoRoute):
        engine.k_best_routes(graph_get(), start.pk, end.pk)


@pytest.fixture
def plan_on_a_move():
    """A plan whose route uses a move and one of its steps."""
    step = TransitionStepFactory()
    move = step.transition
    plan = Plan.objects.create(
        owner=UserFactory(), title="My plan", start_role=move.source_role, target_role=move.target_role
    )
    PlanRole.objects.create(plan=plan, position=0, role=move.source_role)
    planned = PlanRole.objects.create(plan=plan, position=1, role=move.target_role, transition=move)
    PlanStep.objects.create(plan=plan, move=planned, transition_step=step, order=1, kind=step.kind, title=step.title)
    return step


def test_a_role_used_by_a_move_cannot_be_deleted():
    move = TransitionFactory()
    with pytest.raises(ProtectedError):
        move.source_role.delete()
    with pytest.raises(ProtectedError):
        move.target_role.delete()


def test_a_role_a_salary_figure_is_relative_to_cannot_be_deleted():
    base = RoleFactory()
    SalaryFactFactory(kind="relative", amount=Decimal("5000"), relative_to=base)

    with pytest.raises(ProtectedError):
        base.delete()


def test_a_skill_a_step_asks_for_cannot_be_deleted():
    skill = SkillFactory()
    TransitionStepFactory(kind="skill", skill=skill, skill_level=3)

    with pytest.raises(ProtectedError):
        skill.delete()


def test_a_plan_keeps_its_roles_moves_and_steps(plan_on_a_move):
    step = plan_on_a_move
    for obj in (step, step.transition, step.transition.target_role):
        with pytest.raises(ProtectedError):
            obj.delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", ["roles_role", "roles_transition", "roles_transitionstep"])
def test_the_database_itself_refuses_to_delete_what_a_plan_uses(plan_on_a_move, table):
    step = plan_on_a_move
    ids = {
        "roles_role": step.transition.target_role_id,
        "roles_transition": step.transition_id,
        "roles_transitionstep": step.pk,
    }
    # Raw SQL, past every form and ORM check: the foreign keys refuse it when the transaction commits.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [ids[table]])

    assert TransitionStep.objects.filter(pk=step.pk).exists()
    assert Role.objects.filter(pk=step.transition.target_role_id).exists()


def test_archiving_keeps_the_plan_whole(plan_on_a_move):
    step = plan_on_a_move
    services.role_archive(role=step.transition.target_role)
    services.transition_archive(transition=step.transition)
    services.step_archive(step=step)

    planned = PlanStep.objects.select_related("transition_step__transition__target_role").get()
    assert planned.transition_step == step
    assert planned.transition_step.transition.target_role.archived
