"""The graph's health checks: pure functions over the graph, then the same over the database."""

from io import StringIO

import pytest
from django.core.management import call_command

from roles import engine
from roles.engine import SalaryFactData
from roles.health import (
    graph_health,
    health_report,
    move_cycles,
    roles_leading_nowhere,
    roles_nothing_leads_to,
    roles_without_sourced_salary,
    steps_with_archived_references,
)
from tests.factories import (
    RoleFactory,
    SalaryFactFactory,
    SkillFactory,
    TransitionFactory,
    TransitionStepFactory,
)

FACT = SalaryFactData(kind="average", amount=50000, source="000_d4181f5a91f292d4.txt")


def role(pk, *, level=1, archived=False, is_entry=False, facts=(FACT,)):
    return engine.RoleNode(
        id=pk,
        slug=f"role-{pk}",
        title=f"Role {pk}",
        level=level,
        archived=archived,
        is_entry=is_entry,
        salary_facts=tuple(facts),
    )


def move(pk, source, target, *, archived=False, steps=()):
    return engine.Move(transition_id=pk, source_id=source, target_id=target, archived=archived, steps=tuple(steps))


def step(pk, transition, *, skill=None, certification=None, archived=False):
    return engine.StepData(
        id=pk,
        transition_id=transition,
        order=pk,
        kind="skill" if skill else "action",
        title=f"Step {pk}",
        skill_id=skill,
        skill_level=3 if skill else None,
        certification_id=certification,
        archived=archived,
    )


def titles(issues):
    return [issue.title for issue in issues]


def test_roles_nothing_leads_to_leave_out_the_entry_node_and_archived_roles():
    G = engine.build_graph(
        [role(1, is_entry=True, level=0), role(2), role(3), role(4, archived=True), role(5)],
        [move(1, 1, 2), move(2, 4, 3), move(3, 2, 5, archived=True)],
    )

    # 3 is reached only from an archived role, 5 only by an archived move.
    assert titles(roles_nothing_leads_to(G)) == ["Role 3", "Role 5"]


def test_roles_leading_nowhere_leave_out_the_tops_of_tracks():
    G = engine.build_graph([role(1), role(2, level=2), role(3, level=3)], [move(1, 1, 2), move(2, 1, 3)])

    assert titles(roles_leading_nowhere(G, track_top_ids=set())) == ["Role 2", "Role 3"]
    assert titles(roles_leading_nowhere(G, track_top_ids={3})) == ["Role 2"]


def test_steps_asking_for_archived_skills_or_certifications_are_listed_with_their_move():
    steps = [
        step(1, 1, skill=10),
        step(2, 1, certification=20),
        step(3, 1, skill=11),
        step(4, 1, skill=10, archived=True),
    ]
    G = engine.build_graph(
        [role(1), role(2)],
        [move(1, 1, 2, steps=steps)],
        skills=[engine.SkillInfo(id=10, slug="coaching", name="Coaching")],
        certifications=[engine.CertificationInfo(id=20, slug="ccsm", name="CCSM")],
    )

    issues = steps_with_archived_references(G, archived_skill_ids={10}, archived_certification_ids={20})

    assert [(i.move, i.order, i.what, i.name) for i in issues] == [
        ("Role 1 → Role 2", 1, "skill", "Coaching"),
        ("Role 1 → Role 2", 2, "certification", "CCSM"),
    ]


def test_archived_moves_are_not_checked_for_archived_references():
    G = engine.build_graph([role(1), role(2)], [move(1, 1, 2, archived=True, steps=[step(1, 1, skill=10)])])

    assert steps_with_archived_references(G, archived_skill_ids={10}, archived_certification_ids=set()) == []


def test_roles_without_a_sourced_salary_figure():
    unsourced = SalaryFactData(kind="average", amount=40000, source=" ")
    G = engine.build_graph(
        [
            role(1, is_entry=True, facts=()),
            role(2),
            role(3, facts=()),
            role(4, facts=[unsourced]),
            role(5, facts=(), archived=True),
        ],
        [],
    )

    assert titles(roles_without_sourced_salary(G)) == ["Role 3", "Role 4"]


def test_cycles_are_listed_from_their_most_junior_role():
    G = engine.build_graph(
        [role(1, level=1), role(2, level=2), role(3, level=3), role(4, level=4)],
        [move(1, 1, 2), move(2, 2, 3), move(3, 3, 1), move(4, 3, 4), move(5, 4, 3)],
    )

    cycles, truncated = move_cycles(G)

    assert not truncated
    assert [cycle.roles for cycle in cycles] == [("Role 3", "Role 4"), ("Role 1", "Role 2", "Role 3")]
    assert [m.transition_id for m in cycles[1].moves] == [1, 2, 3]


def test_archived_moves_make_no_cycle_and_the_list_is_bounded():
    G = engine.build_graph([role(1), role(2)], [move(1, 1, 2), move(2, 2, 1, archived=True)])
    assert move_cycles(G) == ([], False)

    roles = [role(n) for n in range(1, 7)]
    complete = [
        move(n, u, v) for n, (u, v) in enumerate(((u, v) for u in range(1, 7) for v in range(1, 7) if u != v), 1)
    ]
    cycles, truncated = move_cycles(engine.build_graph(roles, complete), limit=10)
    assert len(cycles) == 10 and truncated


def test_a_healthy_graph_reports_nothing():
    G = engine.build_graph([role(1, is_entry=True, facts=()), role(2)], [move(1, 1, 2)])

    report = health_report(G, track_top_ids={2}, archived_skill_ids=set(), archived_certification_ids=set())

    assert report.ok and report.problems == 0
    assert (report.roles_checked, report.moves_checked) == (2, 1)


# --- Over the database -------------------------------------------------------------------------


@pytest.mark.django_db
def test_graph_health_reads_the_database_in_a_few_queries(django_assert_max_num_queries):
    entry = RoleFactory(is_entry=True, level=0)
    roles = [RoleFactory(level=n) for n in range(1, 6)]
    archived_skill = SkillFactory(archived=True)
    previous = entry
    for current in roles:
        TransitionStepFactory(
            transition=TransitionFactory(source_role=previous, target_role=current),
            kind="skill",
            skill=archived_skill,
            skill_level=2,
        )
        SalaryFactFactory(role=current)
        previous = current
    TransitionFactory(source_role=roles[-1], target_role=roles[2])
    RoleFactory(level=3, title="Island")

    graph_health()  # builds and caches the graph
    with django_assert_max_num_queries(4):
        report = graph_health()

    assert titles(report.nothing_leads_to) == ["Island"]
    assert titles(report.leads_nowhere) == ["Island"]
    assert len(report.archived_references) == 5
    assert titles(report.without_salary) == ["Island"]
    assert [len(cycle.roles) for cycle in report.cycles] == [3]


@pytest.mark.django_db
def test_the_bundled_graph_has_no_unreachable_roles_or_dead_ends():
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())

    report = graph_health()

    assert report.nothing_leads_to == [] and report.leads_nowhere == []
    assert report.archived_references == []
    assert report.roles_checked >= 19
