"""The cached graph: one cheap query when nothing changed, a rebuild when anything did."""

import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import F

from roles.graph_file import graph_load, read_graph_file
from roles.models import (
    Certification,
    GraphRevision,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Transition,
    TransitionStep,
)
from roles.revision import graph_revision_bump, graph_revision_bump_once, graph_revision_number
from roles.selectors import graph_build_from_db, graph_cache_clear, graph_get

SOURCE = "002_27a3e9e3a4f786cf.txt"
BUILD_QUERIES = 8

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    graph_cache_clear()
    yield
    graph_cache_clear()


def make_role(slug: str, level: int = 1, **kwargs) -> Role:
    return Role.objects.create(
        slug=slug, title=slug.replace("-", " ").title(), track="frontline", level=level, **kwargs
    )


def make_move(source: Role, target: Role, months: tuple[int, int] = (6, 12)) -> Transition:
    transition = Transition.objects.create(source_role=source, target_role=target)
    TransitionStep.objects.create(
        transition=transition, order=1, kind="action", title="Apply", months_min=months[0], months_max=months[1]
    )
    return transition


def make_graph(size: int) -> list[Role]:
    skill = Skill.objects.create(slug="communication", name="Communication", category="interpersonal")
    certification = Certification.objects.create(slug="ccsm", name="CCSM")
    roles = [make_role(f"role-{index}", level=min(index, 10)) for index in range(size)]
    for index, role in enumerate(roles):
        RoleSkill.objects.create(role=role, skill=skill, level=2)
        RoleCertification.objects.create(role=role, certification=certification)
        SalaryFact.objects.create(role=role, kind="average", amount=Decimal(40000 + index), source=SOURCE)
    for source, target in zip(roles, roles[1:], strict=False):
        make_move(source, target)
    return roles


def other_process_bumps() -> None:
    """Do what another process's write does to the revision row, without this process's signals."""
    GraphRevision.objects.filter(pk=1).update(number=F("number") + 1, token=uuid.uuid4())


@pytest.mark.parametrize("size", [2, 12])
def test_a_build_takes_a_fixed_number_of_queries_and_a_repeat_only_one(size, django_assert_num_queries):
    make_graph(size)
    with django_assert_num_queries(1 + BUILD_QUERIES):
        G = graph_get()
    assert G.number_of_nodes() == size
    assert G.number_of_edges() == size - 1
    with django_assert_num_queries(1):
        assert graph_get() is G


def test_the_graph_carries_its_revision_and_the_roles_requirements():
    roles = make_graph(3)
    G = graph_get()
    assert G.graph["revision"] == graph_revision_number()
    node = G.nodes[roles[1].pk]["role"]
    assert node.slug == "role-1"
    assert dict(node.skills) == {Skill.objects.get().pk: 2}
    assert dict(node.certifications) == {Certification.objects.get().pk: "recommended"}
    assert G.nodes[roles[1].pk]["salary"].low == Decimal(40001)
    assert G.graph["skills"][Skill.objects.get().pk].name == "Communication"


def test_a_change_bumps_the_revision_and_the_next_read_rebuilds(django_assert_num_queries):
    roles = make_graph(2)
    G = graph_get()
    before = graph_revision_number()
    roles[0].title = "Renamed"
    roles[0].save()
    assert graph_revision_number() == before + 1
    with django_assert_num_queries(1 + BUILD_QUERIES):
        rebuilt = graph_get()
    assert rebuilt is not G
    assert rebuilt.nodes[roles[0].pk]["title"] == "Renamed"


def test_another_processs_change_is_noticed_through_the_revision_row(django_assert_num_queries):
    roles = make_graph(2)
    G = graph_get()
    # A write that sends no signals here, then the bump another process would have made.
    Role.objects.filter(pk=roles[1].pk).update(title="Changed elsewhere")
    assert graph_get() is G
    other_process_bumps()
    with django_assert_num_queries(1 + BUILD_QUERIES):
        rebuilt = graph_get()
    assert rebuilt.nodes[roles[1].pk]["title"] == "Changed elsewhere"


def test_a_rolled_back_bump_is_not_mistaken_for_a_later_one():
    roles = make_graph(2)
    number = graph_revision_number()
    with pytest.raises(RuntimeError), transaction.atomic():
        Role.objects.filter(pk=roles[0].pk).update(title="Rolled back")
        graph_revision_bump()
        assert graph_get().nodes[roles[0].pk]["title"] == "Rolled back"
        raise RuntimeError
    Role.objects.filter(pk=roles[0].pk).update(title="Kept")
    graph_revision_bump()
    assert graph_revision_number() == number + 1
    assert graph_get().nodes[roles[0].pk]["title"] == "Kept"


def test_the_revision_row_is_made_on_first_read():
    GraphRevision.objects.all().delete()
    G = graph_get()
    assert G.number_of_nodes() == 0
    assert GraphRevision.objects.get().number == 0


MODEL_CHANGES = {
    "role": lambda objs: make_role("new-role"),
    "skill": lambda objs: Skill.objects.create(slug="new", name="New", category="business"),
    "certification": lambda objs: Certification.objects.create(slug="new", name="New"),
    "role skill": lambda objs: objs["role_skill"].delete(),
    "role certification": lambda objs: RoleCertification.objects.filter(pk=objs["role_cert"].pk).get().delete(),
    "salary fact": lambda objs: SalaryFact.objects.create(
        role=objs["roles"][0], kind="average", amount=Decimal(1), source=SOURCE
    ),
    "transition": lambda objs: Transition.objects.create(source_role=objs["roles"][1], target_role=objs["roles"][0]),
    "step": lambda objs: TransitionStep.objects.filter(pk=objs["step"].pk).get().delete(),
}


@pytest.mark.parametrize("change", MODEL_CHANGES)
def test_every_graph_model_bumps_the_revision_on_save_and_delete(change):
    roles = make_graph(2)
    objs = {
        "roles": roles,
        "role_skill": RoleSkill.objects.first(),
        "role_cert": RoleCertification.objects.first(),
        "step": TransitionStep.objects.first(),
    }
    before = graph_revision_number()
    MODEL_CHANGES[change](objs)
    assert graph_revision_number() == before + 1


def test_bump_once_folds_a_bulk_write_into_one_bump():
    before = graph_revision_number()
    with graph_revision_bump_once():
        make_graph(3)
        with graph_revision_bump_once():
            make_role("inner")
        assert graph_revision_number() == before
    assert graph_revision_number() == before + 1


def test_bump_once_does_not_bump_when_nothing_was_written():
    make_graph(2)
    before = graph_revision_number()
    with graph_revision_bump_once():
        list(Role.objects.all())
    assert graph_revision_number() == before


def test_bump_once_still_bumps_when_the_block_fails_after_writing():
    before = graph_revision_number()
    with pytest.raises(ValueError), graph_revision_bump_once():
        make_role("written")
        raise ValueError
    assert graph_revision_number() == before + 1
    # The batch is over: the next write bumps at once.
    make_role("later")
    assert graph_revision_number() == before + 2


def test_a_bulk_load_bumps_once():
    before = graph_revision_number()
    graph_load(read_graph_file(settings.ROLE_GRAPH_FILE))
    assert graph_revision_number() == before + 1
    G = graph_get()
    assert G.number_of_nodes() == Role.objects.count()
    # A second, unchanged load writes nothing and keeps the cached graph.
    graph_load(read_graph_file(settings.ROLE_GRAPH_FILE))
    assert graph_revision_number() == before + 1
    assert graph_get() is G


def test_build_from_db_reads_archived_rows_too():
    roles = make_graph(3)
    Role.objects.filter(pk=roles[2].pk).update(archived=True)
    G = graph_build_from_db()
    assert G.nodes[roles[2].pk]["archived"]
    assert not G[roles[1].pk][roles[2].pk]["live"]


def test_a_rebuild_reuses_the_unchanged_moves_and_remakes_the_changed_ones():
    roles = make_graph(4)
    G = graph_get()
    moves = {move.transition_id: move for _, _, move in G.edges(data="move")}
    step = TransitionStep.objects.get(transition__source_role=roles[1])
    step.months_max = 30
    step.save()
    Transition.objects.filter(source_role=roles[2]).update(note="Through the night shift")
    other_process_bumps()
    rebuilt = graph_get()
    assert rebuilt is not G
    changed = rebuilt.edges[roles[1].pk, roles[2].pk]["move"]
    assert changed is not moves[changed.transition_id]
    assert (changed.months_max, changed.steps[0].months_max) == (30, 30)
    assert rebuilt.edges[roles[1].pk, roles[2].pk]["cost"] == 6 + 30
    noted = rebuilt.edges[roles[2].pk, roles[3].pk]["move"]
    assert noted.note == "Through the night shift"
    assert noted is not moves[noted.transition_id]
    same = rebuilt.edges[roles[0].pk, roles[1].pk]["move"]
    assert same is moves[same.transition_id]


def test_steps_and_moves_read_from_the_driver_have_the_engines_types():
    roles = make_graph(2)
    transition = Transition.objects.get()
    TransitionStep.objects.create(
        transition=transition,
        order=2,
        kind="experience",
        title="A year",
        months_min=3,
        months_max=6,
        experience_kind="customer_service",
        years=Decimal("1.5"),
        optional=True,
    )
    TransitionStep.objects.create(
        transition=transition, order=3, kind="action", title="Gone", months_min=1, months_max=2, archived=True
    )
    move = graph_build_from_db().edges[roles[0].pk, roles[1].pk]["move"]
    assert [step.title for step in move.steps] == ["Apply", "A year"]
    first, second = move.steps
    assert (type(second.years), second.years, second.optional, first.optional) == (float, 1.5, True, False)
    assert type(first.archived) is bool and first.years is None
    assert (move.months_min, move.months_max, move.archived) == (6, 12, False)
