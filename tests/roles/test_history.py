"""The graph's history: every change recorded, read back as a diff, and reverted by a new change."""

from io import StringIO

import pytest
from django.core.management import call_command

from roles import services
from roles.history import (
    TRACKED_MODELS,
    HistoryScope,
    RevertRefused,
    history_entries,
    history_model,
    history_version,
    revert_plan,
)
from roles.models import Role, RoleSkill, Transition, TransitionStep
from tests.factories import (
    RoleFactory,
    RoleSkillFactory,
    SalaryFactFactory,
    SkillFactory,
    TransitionFactory,
    TransitionStepFactory,
)

pytestmark = pytest.mark.django_db


def _history_counts() -> dict[str, int]:
    return {key: history_model(model).objects.count() for key, model in TRACKED_MODELS.items()}


def _latest(obj):
    return obj.history.order_by("-history_id").first()


def test_loading_the_graph_records_every_kind_of_object_and_a_second_load_records_nothing():
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())
    first = _history_counts()
    assert all(first.values()), first  # roles, moves, steps, skills, certifications, facts, role skills...

    call_command("load_role_graph", "--bundled-only", stdout=StringIO())

    assert _history_counts() == first


def test_an_edit_is_read_back_as_field_old_new():
    role = RoleFactory(title="Trainer", level=3)
    services.role_update(role=role, data={"level": 4, "min_education": 3})

    entry = history_entries(HistoryScope.for_role(role.pk)).entries[0]

    assert (entry.action, entry.kind_label, entry.object_label) == ("changed", "Role", "Trainer")
    changes = {change.label: (change.old, change.new) for change in entry.changes}
    assert changes == {
        "Seniority level": ("3", "4"),
        "Education required": ("No formal education", "Bachelor's degree"),
    }


def test_references_are_named_not_numbered():
    move = TransitionFactory(source_role__title="Representative", target_role__title="Supervisor")
    first, second = SkillFactory(name="Coaching"), SkillFactory(name="Planning")
    step = TransitionStepFactory(transition=move, kind="skill", skill=first, skill_level=3)
    services.step_update(step=step, data={"skill": second})

    entry = history_entries(HistoryScope.for_transition(move.pk)).entries[0]

    assert entry.object_label.startswith("Representative → Supervisor, step")
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("Skill", "Coaching", "Planning")]


def test_a_roles_history_takes_in_its_skills_figures_moves_and_their_steps_and_nothing_else():
    role = RoleFactory()
    RoleSkillFactory(role=role)
    SalaryFactFactory(role=role)
    step = TransitionStepFactory(transition=TransitionFactory(source_role=role))
    RoleSkillFactory()  # another role's

    keys = {entry.key for entry in history_entries(HistoryScope.for_role(role.pk)).entries}
    others = {
        entry.object_id for entry in history_entries(HistoryScope.for_role(role.pk)).entries if entry.key == "roleskill"
    }

    assert keys == {"role", "roleskill", "salaryfact", "transition", "transitionstep"}
    assert others == set(role.role_skills.values_list("pk", flat=True))
    assert step.pk in {e.object_id for e in history_entries(HistoryScope.for_role(role.pk)).entries}


def test_the_history_page_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(5):
        step = TransitionStepFactory(kind="skill", skill=SkillFactory(), skill_level=2)
        services.step_update(step=step, data={"title": "Changed"})
        RoleSkillFactory(role=step.transition.source_role)

    with django_assert_max_num_queries(22):
        page = history_entries(HistoryScope.everything(), page_size=100)

    assert len(page.entries) > 30


def test_history_pages_go_back_in_time():
    role = RoleFactory()
    for level in range(2, 8):
        services.role_update(role=role, data={"level": level})

    first = history_entries(HistoryScope.for_role(role.pk), page=1, page_size=4)
    second = history_entries(HistoryScope.for_role(role.pk), page=2, page_size=4)

    assert first.has_next and not second.has_next
    assert [e.history_id for e in first.entries] == sorted((e.history_id for e in first.entries), reverse=True)
    assert max(e.history_id for e in second.entries) < min(e.history_id for e in first.entries)


def test_the_version_moves_on_with_every_save():
    role = RoleFactory()
    version = history_version(role)

    services.role_update(role=role, data={"level": 5})

    assert history_version(role) > version
    assert history_version(Role()) == 0


# --- Revert ---------------------------------------------------------------------------------


def test_reverting_a_change_puts_the_old_values_back_as_a_new_recorded_change():
    role = RoleFactory(title="Trainer", level=3)
    services.role_update(role=role, data={"title": "Coach", "level": 4})
    change = _latest(role)

    services.history_revert(key="role", history_id=change.history_id)

    role.refresh_from_db()
    assert (role.title, role.level) == ("Trainer", 3)
    revert = _latest(role)
    assert revert.history_id > change.history_id
    assert revert.history_change_reason == f"Revert of role change #{change.history_id}"


def test_reverting_a_new_move_archives_it():
    move = services.transition_create(source_role=RoleFactory(), target_role=RoleFactory(level=2))

    plan = services.history_revert(key="transition", history_id=_latest(move).history_id)

    move.refresh_from_db()
    assert plan.action == "archive"
    assert move.archived


def test_reverting_an_added_role_skill_removes_it_and_reverting_that_puts_it_back():
    role_skill = RoleSkillFactory(level=4)
    pk, role = role_skill.pk, role_skill.role

    services.history_revert(key="roleskill", history_id=_latest(role_skill).history_id)
    assert not RoleSkill.objects.filter(pk=pk).exists()

    deletion = history_model(RoleSkill).objects.filter(id=pk, history_type="-").get()
    services.history_revert(key="roleskill", history_id=deletion.history_id)
    restored = RoleSkill.objects.get(pk=pk)
    assert (restored.role, restored.level) == (role, 4)


def test_a_field_changed_again_since_is_not_overwritten():
    role = RoleFactory(title="Trainer")
    services.role_update(role=role, data={"title": "Coach"})
    first = _latest(role)
    services.role_update(role=role, data={"title": "Mentor"})

    with pytest.raises(RevertRefused, match="changed again since"):
        services.history_revert(key="role", history_id=first.history_id)

    role.refresh_from_db()
    assert role.title == "Mentor"


def test_a_revert_that_would_break_a_rule_is_refused_and_changes_nothing():
    entry = RoleFactory(is_entry=True, level=0)
    services.role_update(role=entry, data={"is_entry": False})
    change = _latest(entry)
    RoleFactory(is_entry=True, level=0, title="New start")
    count = entry.history.count()

    with pytest.raises(RevertRefused, match="entry node"):
        services.history_revert(key="role", history_id=change.history_id)

    entry.refresh_from_db()
    assert not entry.is_entry
    assert entry.history.count() == count


def test_a_revert_the_database_would_refuse_is_refused_with_a_message():
    move = TransitionFactory()
    step_a = TransitionStepFactory(transition=move, order=1)
    services.step_update(step=step_a, data={"title": "Renamed"})
    change, pk = _latest(step_a), step_a.pk
    step_a.delete()
    TransitionStepFactory(transition=move, order=1)  # takes the deleted step's place

    deletion = history_model(TransitionStep).objects.get(id=pk, history_type="-")
    with pytest.raises(RevertRefused, match="Order"):
        services.history_revert(key="transitionstep", history_id=deletion.history_id)
    with pytest.raises(RevertRefused, match="deleted since"):
        revert_plan("transitionstep", change)


def test_the_first_recorded_version_of_an_older_object_cannot_be_reverted():
    role = RoleFactory()
    history_model(Role).objects.filter(id=role.pk).delete()  # made before history was kept
    services.role_update(role=role, data={"level": 7})

    entry = history_entries(HistoryScope.for_role(role.pk)).entries[0]
    assert entry.first_recorded and not entry.is_revertible
    with pytest.raises(RevertRefused, match="No earlier version"):
        services.history_revert(key="role", history_id=entry.history_id)


def test_unknown_changes_are_lookup_errors():
    with pytest.raises(LookupError):
        services.history_revert(key="role", history_id=999999)
    with pytest.raises(LookupError):
        services.history_revert(key="user", history_id=1)


def test_who_made_a_change_through_the_editor_is_recorded(client, staff_user):
    role = RoleFactory()
    client.force_login(staff_user)

    client.post(f"/roles/graph/edit/roles/{role.pk}/archive/", {"action": "archive"})

    assert _latest(role).history_user == staff_user
    entry = history_entries(HistoryScope.for_role(role.pk)).entries[0]
    assert entry.user == staff_user.get_username()


def test_moves_of_a_role_include_deleted_ones():
    move = TransitionFactory()
    role, pk = move.source_role, move.pk
    Transition.objects.filter(pk=pk).delete()

    entries = history_entries(HistoryScope.for_role(role.pk)).entries

    assert any(e.key == "transition" and e.object_id == pk and e.action == "deleted" for e in entries)
