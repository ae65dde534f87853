"""The routing engine over plain data: no database."""

from decimal import Decimal
from itertools import islice, pairwise

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import onet
from roles import engine
from roles.engine import (
    InvalidRanking,
    InvalidRouteCount,
    Move,
    NoRoute,
    Person,
    RoleNode,
    SalaryFactData,
    SalarySpread,
    SkillInfo,
    StepData,
    UnknownRole,
    build_graph,
    evaluate_route,
    k_best_routes,
    reachable_beyond,
    role_id_for_slug,
    route_as_data,
    search,
)

TRACKS = ["frontline", "leadership", "management", "operations", "consulting", "other"]

# ---------------------------------------------------------------------------------------------
# Helpers


def role(role_id: int, **kwargs) -> RoleNode:
    kwargs.setdefault("slug", f"role-{role_id}")
    kwargs.setdefault("title", f"Role {role_id}")
    return RoleNode(id=role_id, **kwargs)


def step(transition_id: int, order: int, kind: str = "action", months: tuple[int, int] = (1, 2), **kwargs) -> StepData:
    return StepData(
        id=transition_id * 100 + order,
        transition_id=transition_id,
        order=order,
        kind=kind,
        title=kwargs.pop("title", f"Step {order} of move {transition_id}"),
        months_min=months[0],
        months_max=months[1],
        **kwargs,
    )


def move(transition_id: int, source: int, target: int, *steps: StepData, **kwargs) -> Move:
    steps = steps or (step(transition_id, 1),)
    return Move(transition_id=transition_id, source_id=source, target_id=target, steps=steps, **kwargs)


def chain_graph() -> nx.DiGraph:
    """1 → 2 → 3 → 4, with a slow shortcut 1 → 4 and a quick detour 2 → 5 → 3."""
    return build_graph(
        [role(i) for i in range(1, 6)],
        [
            move(12, 1, 2, step(12, 1, months=(6, 12))),
            move(23, 2, 3, step(23, 1, months=(6, 12))),
            move(34, 3, 4, step(34, 1, months=(6, 12))),
            move(14, 1, 4, step(14, 1, months=(60, 80))),
            move(25, 2, 5, step(25, 1, months=(1, 2))),
            move(53, 5, 3, step(53, 1, months=(1, 2))),
        ],
    )


def live_simple_paths(G: nx.DiGraph, source: int, target: int) -> list[list[int]]:
    live = nx.subgraph_view(
        G, filter_node=lambda n: not G.nodes[n]["archived"], filter_edge=lambda u, v: G[u][v]["live"]
    )
    if source not in live or target not in live:
        return []
    return list(nx.all_simple_paths(live, source, target))


# ---------------------------------------------------------------------------------------------
# Random graphs from plain data

SKILL_IDS = [1, 2, 3]
CERT_IDS = [1, 2]


@st.composite
def steps_strategy(draw, transition_id: int) -> tuple[StepData, ...]:
    steps = []
    for order in range(1, draw(st.integers(1, 3)) + 1):
        kind = draw(st.sampled_from(["experience", "skill", "certification", "education", "action"]))
        low = draw(st.integers(0, 24))
        high = low + draw(st.integers(0, 24))
        extra = {}
        if kind == "experience":
            extra = {
                "years": draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 5.0, 8.0])),
                "experience_kind": draw(st.sampled_from(["customer_service", "leadership"])),
            }
        elif kind == "skill":
            extra = {"skill_id": draw(st.sampled_from(SKILL_IDS)), "skill_level": draw(st.integers(1, 5))}
        elif kind == "certification":
            extra = {"certification_id": draw(st.sampled_from(CERT_IDS))}
        elif kind == "education":
            extra = {"education": draw(st.integers(0, 5))}
        steps.append(
            step(
                transition_id,
                order,
                kind,
                (low, high),
                optional=draw(st.integers(0, 4)) == 0,
                archived=draw(st.integers(0, 9)) == 0,
                **extra,
            )
        )
    return tuple(steps)


@st.composite
def graphs(draw, *, max_roles: int = 7, archived: bool = True) -> nx.DiGraph:
    count = draw(st.integers(2, max_roles))
    ids = [10 * index + 3 for index in range(count)]  # ids are not positions
    roles = [
        role(
            role_id,
            track=draw(st.sampled_from(TRACKS)),
            is_entry=index == 0 and draw(st.booleans()),
            archived=archived and draw(st.integers(0, 7)) == 0,
            salary=draw(
                st.one_of(
                    st.none(),
                    st.integers(20_000, 150_000).map(
                        lambda low: SalarySpread(low=Decimal(low), high=Decimal(low + 10_000), sources=("doc.txt",))
                    ),
                )
            ),
        )
        for index, role_id in enumerate(ids)
    ]
    moves = []
    for u in ids:
        for v in ids:
            if u != v and draw(st.integers(0, 9)) < 4:
                transition_id = len(moves) + 1
                moves.append(
                    move(
                        transition_id,
                        u,
                        v,
                        *draw(steps_strategy(transition_id)),
                        archived=archived and draw(st.integers(0, 9)) == 0,
                    )
                )
    return build_graph(roles, moves)


people = st.builds(
    Person,
    years_experience=st.sampled_from([0, 0.5, 1, 2.5, 4, 10]),
    years_leading=st.sampled_from([0, 1, 3]),
    education=st.integers(0, 5),
    skills=st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(1, 5)),
    certification_ids=st.frozensets(st.sampled_from(CERT_IDS)),
)

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def endpoints(G: nx.DiGraph) -> tuple[int, int]:
    nodes = list(G)
    return nodes[0], nodes[-1]


def routes_or_none(G, source, target, **kwargs):
    try:
        return k_best_routes(G, source, target, **kwargs)
    except NoRoute:
        return []


def criterion(route, by: str) -> tuple:
    if by == "moves":
        return (route.moves, sum(route.months_range))
    if by == "salary":
        return (route.salary_score is None, -(route.salary_score or 0), sum(route.months_range))
    return (sum(route.months_range),)


# ---------------------------------------------------------------------------------------------
# Properties


@PROPERTY_SETTINGS
@given(G=graphs(), k=st.integers(1, 5), by=st.sampled_from(engine.RANKINGS), person=st.one_of(st.none(), people))
def test_every_route_is_a_simple_path_of_live_moves_ranked_best_first(G, k, by, person):
    source, target = endpoints(G)
    routes = routes_or_none(G, source, target, k=k, by=by, person=person)
    assert len(routes) <= k
    assert len({route.role_ids for route in routes}) == len(routes), "routes are distinct"
    for route in routes:
        assert route.role_ids[0] == source and route.role_ids[-1] == target
        assert len(set(route.role_ids)) == len(route.role_ids), "no role twice"
        assert route.moves == len(route.role_ids) - 1 == len(route.transition_ids)
        for (u, v), transition_id in zip(pairwise(route.role_ids), route.transition_ids, strict=True):
            assert G.has_edge(u, v)
            assert G[u][v]["transition_id"] == transition_id
            assert G[u][v]["live"] and not G[u][v]["archived"]
        assert not any(G.nodes[role_id]["archived"] for role_id in route.role_ids)
        assert not any(item.step.archived for item in route.steps)
        low, high = route.months_range
        assert 0 <= low <= high
        assert low <= route.months <= high
    keys = [criterion(route, by) for route in routes]
    assert keys == sorted(keys)


@PROPERTY_SETTINGS
@given(G=graphs(), k=st.integers(1, 6), person=st.one_of(st.none(), people), by=st.sampled_from(engine.RANKINGS))
def test_k_distinct_routes_when_at_least_k_exist(G, k, person, by):
    source, target = endpoints(G)
    available = len(live_simple_paths(G, source, target))
    routes = routes_or_none(G, source, target, k=k, by=by, person=person)
    assert len(routes) == min(k, available)


@PROPERTY_SETTINGS
@given(G=graphs(), k=st.integers(1, 6), by=st.sampled_from(["time", "moves"]))
def test_anonymous_rankings_are_the_k_best_of_all_simple_paths(G, k, by):
    source, target = endpoints(G)
    every = [evaluate_route(G, path) for path in live_simple_paths(G, source, target)]
    routes = routes_or_none(G, source, target, k=k, by=by)
    assert [criterion(route, by) for route in routes] == sorted(criterion(route, by) for route in every)[:k]


@PROPERTY_SETTINGS
@given(G=graphs(), person=people, by=st.sampled_from(engine.RANKINGS))
def test_personalisation_never_lengthens_a_route(G, person, by):
    source, target = endpoints(G)
    for route in routes_or_none(G, source, target, k=5, by=by, person=person):
        anonymous = evaluate_route(G, route.role_ids)
        assert route.full_months_range == anonymous.months_range
        assert route.months_range[0] <= anonymous.months_range[0]
        assert route.months_range[1] <= anonymous.months_range[1]
        assert route.months <= anonymous.months
        for mine, everyone in zip(route.steps, anonymous.steps, strict=True):
            assert mine.months_range[1] <= max(everyone.months_range)
            assert not mine.skipped or mine.months_range == (0, 0)


@PROPERTY_SETTINGS
@given(G=graphs(max_roles=6), person=people, k=st.integers(1, 8), by=st.sampled_from(["time", "moves"]))
def test_search_finds_the_cheapest_simple_paths_for_a_person(G, person, k, by):
    """The search itself (before re-ranking) is exact for the weights it is given."""
    source, target = endpoints(G)
    index = search._search_index(G)
    weights = index.weights(by, person)

    def cost(path):
        total = 0
        for u, v in pairwise(path):
            signature = dict(index.out[index.pos[u]])[index.pos[v]]
            total += weights[signature]
        return total

    every = sorted(cost(path) for path in live_simple_paths(G, source, target))
    if G.nodes[source]["archived"] or G.nodes[target]["archived"]:
        return
    tree = search._Tree(index.inn, index.pos[target], weights)
    found = search._shortest_simple_paths(index, tree, weights, index.pos[source], index.pos[target], k)
    paths = [[index.ids[node] for node in path] for path in found]
    assert [cost(path) for path in paths] == every[:k]
    assert len({tuple(path) for path in paths}) == len(paths)


def test_search_matches_networkx_on_a_larger_random_graph():
    import random

    rng = random.Random(7)
    ids = list(range(1, 61))
    moves = []
    for u in ids:
        for v in rng.sample(ids, 6):
            if u != v and not any(m.source_id == u and m.target_id == v for m in moves):
                transition_id = len(moves) + 1
                low = rng.choice([0, 1, 3, 6, 12])
                moves.append(move(transition_id, u, v, step(transition_id, 1, months=(low, low + rng.choice([0, 6])))))
    G = build_graph([role(i) for i in ids], moves)
    for source, target in [(1, 60), (5, 17), (33, 2), (40, 41)]:
        reference = [
            evaluate_route(G, path)
            for path in islice(
                nx.shortest_simple_paths(G, source, target, weight=lambda u, v, d: d["cost"] * len(G) + 1), 12
            )
        ]
        routes = k_best_routes(G, source, target, k=12)
        assert [sum(r.months_range) for r in routes] == [sum(r.months_range) for r in reference]


# ---------------------------------------------------------------------------------------------
# Ranking and time


def test_time_ranking_prefers_the_quick_detour_and_counts_the_shortcut_last():
    G = chain_graph()
    routes = k_best_routes(G, 1, 4, k=3)
    assert [route.role_ids for route in routes] == [(1, 2, 5, 3, 4), (1, 2, 3, 4), (1, 4)]
    assert routes[0].months_range == (14, 28)
    assert routes[0].months == 21
    assert routes[2].months_range == (60, 80)


def test_moves_ranking_counts_moves_first_then_time():
    routes = k_best_routes(chain_graph(), 1, 4, k=3, by="moves")
    assert [route.moves for route in routes] == [1, 3, 4]
    assert routes[0].role_ids == (1, 4)


def test_equal_times_go_to_the_route_with_fewer_moves():
    G = build_graph(
        [role(i) for i in range(1, 4)],
        [
            move(1, 1, 3, step(1, 1, months=(4, 4))),
            move(2, 1, 2, step(2, 1, months=(2, 2))),
            move(3, 2, 3, step(3, 1, months=(2, 2))),
        ],
    )
    assert [route.role_ids for route in k_best_routes(G, 1, 3, k=2)] == [(1, 3), (1, 2, 3)]


def test_salary_ranking_prefers_the_better_paid_way_there():
    def spread(low):
        return SalarySpread(low=Decimal(low), high=Decimal(low), sources=("doc.txt",))

    G = build_graph(
        [role(1, salary=spread(30_000)), role(2, salary=spread(40_000)), role(3, salary=spread(80_000)), role(4)],
        [
            move(1, 1, 2, step(1, 1, months=(6, 6))),
            move(2, 2, 4, step(2, 1, months=(6, 6))),
            move(3, 1, 3, step(3, 1, months=(12, 12))),
            move(4, 3, 4, step(4, 1, months=(12, 12))),
        ],
    )
    by_time = k_best_routes(G, 1, 4, k=2)
    by_salary = k_best_routes(G, 1, 4, k=2, by="salary")
    assert [r.role_ids for r in by_time] == [(1, 2, 4), (1, 3, 4)]
    assert [r.role_ids for r in by_salary] == [(1, 3, 4), (1, 2, 4)]
    assert by_salary[0].salary_score == Decimal(55_000)  # 12 months at 30,000 and 12 at 80,000
    assert by_salary[1].salary_score == Decimal(35_000)


def test_routes_with_no_salary_on_the_way_come_last_by_salary():
    spread = SalarySpread(low=Decimal(50_000), high=Decimal(60_000), sources=("doc.txt",))
    G = build_graph(
        [role(1), role(2, salary=spread), role(3), role(4)],
        [move(1, 1, 2), move(2, 2, 4), move(3, 1, 3), move(4, 3, 4)],
    )
    routes = k_best_routes(G, 1, 4, k=2, by="salary")
    assert routes[0].role_ids == (1, 2, 4)
    assert routes[1].salary_score is None


def test_salary_spreads_are_computed_from_the_roles_facts():
    G = build_graph(
        [
            role(1, salary_facts=(SalaryFactData(kind="range", amount_min=50_000, amount_max=60_000, source="a.txt"),)),
            role(2, salary_facts=(SalaryFactData(kind="relative", amount=-10_000, relative_to=1, source="b.txt"),)),
        ],
        [move(1, 1, 2)],
    )
    assert G.nodes[1]["salary"] == SalarySpread(Decimal(50_000), Decimal(60_000), ("a.txt",), figures_count=2)
    derived = G.nodes[2]["salary"]
    assert (derived.low, derived.high, derived.derived, derived.sources) == (40_000, 50_000, True, ("a.txt", "b.txt"))


# ---------------------------------------------------------------------------------------------
# Personal time


def test_steps_the_person_meets_take_no_time_and_are_skipped():
    G = build_graph(
        [role(1), role(2)],
        [
            move(
                1,
                1,
                2,
                step(1, 1, "skill", (3, 6), skill_id=7, skill_level=3),
                step(1, 2, "certification", (2, 4), certification_id=9),
                step(1, 3, "education", (24, 48), education=3),
                step(1, 4, "action", (0, 3)),
            )
        ],
    )
    person = Person(skills={7: 4}, certification_ids=frozenset({9}), education=3)
    (route,) = k_best_routes(G, 1, 2, person=person)
    assert [item.skipped for item in route.steps] == [True, True, True, False]
    assert route.months_range == (0, 3)
    assert route.full_months_range == (29, 61)
    weaker = Person(skills={7: 2}, education=2)
    (route,) = k_best_routes(G, 1, 2, person=weaker)
    assert not any(item.skipped for item in route.steps)
    assert route.months_range == (29, 61)


def test_experience_counts_the_persons_years_and_the_time_spent_earlier_on_the_route():
    def experience(transition_id, years, months):
        return step(transition_id, 1, "experience", months, years=years, experience_kind="customer_service")

    G = build_graph(
        [role(1), role(2), role(3)],
        [move(1, 1, 2, experience(1, 3, (12, 24))), move(2, 2, 3, experience(2, 5, (24, 48)))],
    )
    person = Person(years_experience=2)
    route = evaluate_route(G, [1, 2, 3], person=person)
    first, second = route.steps
    # One year short: 12 months whichever way it goes.
    assert first.months_range == (12, 12) and first.partly_met and not first.skipped
    # Two years, plus the year just spent, leave two of the five.
    assert second.months_range == (24, 24) and second.partly_met
    assert route.months_range == (36, 36)
    assert evaluate_route(G, [1, 2, 3], person=Person(years_experience=6)).months_range == (0, 0)


def test_time_in_an_entry_role_is_not_customer_service_experience():
    experience = step(2, 1, "experience", (12, 12), years=1, experience_kind="customer_service")
    roles = [role(1, is_entry=True), role(2), role(3)]
    moves = [move(1, 1, 2, step(1, 1, months=(12, 12))), move(2, 2, 3, experience)]
    route = evaluate_route(build_graph(roles, moves), [1, 2, 3], person=Person())
    assert route.legs[1].months_range == (12, 12)
    roles[0] = role(1)
    route = evaluate_route(build_graph(roles, moves), [1, 2, 3], person=Person())
    assert route.legs[1].months_range == (0, 0)


def test_leadership_experience_grows_only_while_leading_people():
    leading = step(2, 1, "experience", (24, 24), years=1, experience_kind="leadership")
    moves = [move(1, 1, 2, step(1, 1, months=(12, 12))), move(2, 2, 3, leading)]
    frontline = build_graph([role(1, track="frontline"), role(2), role(3)], moves)
    lead = build_graph([role(1, track="leadership"), role(2), role(3)], moves)
    assert evaluate_route(frontline, [1, 2, 3], person=Person()).legs[1].months_range == (12, 12)
    assert evaluate_route(lead, [1, 2, 3], person=Person()).legs[1].months_range == (0, 0)


def test_optional_and_archived_steps_do_not_count():
    G = build_graph(
        [role(1), role(2)],
        [
            move(
                1,
                1,
                2,
                step(1, 1, months=(1, 2)),
                step(1, 2, months=(10, 20), optional=True),
                step(1, 3, months=(50, 60), archived=True),
            )
        ],
    )
    assert G[1][2]["months_min"] == 1 and G[1][2]["months_max"] == 2
    (route,) = k_best_routes(G, 1, 2)
    assert route.months_range == (1, 2)
    assert [item.step.order for item in route.steps] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Archived roles and moves


def test_archived_roles_and_moves_never_appear_in_new_routes():
    G = build_graph(
        [role(1), role(2, archived=True), role(3), role(4)],
        [
            move(1, 1, 2),
            move(2, 2, 4),
            move(3, 1, 3, archived=True),
            move(4, 3, 4),
            move(5, 1, 4, step(5, 1, months=(90, 99))),
        ],
    )
    assert [route.role_ids for route in k_best_routes(G, 1, 4, k=5)] == [(1, 4)]
    # An older plan can still be worked out over them.
    assert evaluate_route(G, [1, 2, 4]).moves == 2


# ---------------------------------------------------------------------------------------------
# Errors people see


def test_unknown_role_says_which():
    G = chain_graph()
    with pytest.raises(UnknownRole, match="There is no role “nope”."):
        role_id_for_slug(G, "nope")
    with pytest.raises(UnknownRole, match="99"):
        k_best_routes(G, 1, 99)


def test_no_route_says_from_where_to_where_and_why():
    G = chain_graph()
    with pytest.raises(NoRoute, match="There is no route from “Role 4” to “Role 1”: no moves lead there."):
        k_best_routes(G, 4, 1)
    with pytest.raises(NoRoute, match="same role"):
        k_best_routes(G, 2, 2)
    archived = build_graph([role(1), role(2, archived=True)], [move(1, 1, 2)])
    with pytest.raises(NoRoute, match="“Role 2” is archived"):
        k_best_routes(archived, 1, 2)
    with pytest.raises(NoRoute, match="no such move"):
        evaluate_route(G, [4, 1])


@pytest.mark.parametrize("by", ["speed", "", None, "TIME"])
def test_invalid_ranking_lists_the_choices(by):
    with pytest.raises(InvalidRanking, match="Routes are ranked by time, moves or salary"):
        k_best_routes(chain_graph(), 1, 4, by=by)


@pytest.mark.parametrize("k", [0, -1, 21, 2.5, True])
def test_invalid_route_count(k):
    with pytest.raises(InvalidRouteCount, match="between 1 and 20"):
        k_best_routes(chain_graph(), 1, 4, k=k)


@pytest.mark.parametrize(
    "moves",
    [
        [move(1, 1, 9)],
        [move(1, 1, 1)],
        [move(1, 1, 2), move(2, 1, 2)],
    ],
)
def test_build_graph_rejects_moves_that_cannot_be(moves):
    with pytest.raises(ValueError, match="Transition"):
        build_graph([role(1), role(2)], moves)


def test_the_graph_is_frozen_and_self_describing():
    G = build_graph(
        [role(1), role(2)], [move(1, 1, 2)], skills=[SkillInfo(id=3, slug="communication", name="Communication")]
    )
    assert nx.is_frozen(G)
    with pytest.raises(nx.NetworkXError):
        G.add_node(3)
    assert G.graph["skills"][3].name == "Communication"
    assert G.graph["slugs"] == {"role-1": 1, "role-2": 2}
    assert G.nodes[1]["role"].slug == "role-1"
    assert G[1][2]["move"].transition_id == 1


# ---------------------------------------------------------------------------------------------
# Beyond the target


def test_reachable_beyond_lists_nearest_first():
    G = chain_graph()
    assert reachable_beyond(G, 2) == [(3, 1), (5, 1), (4, 2)]
    assert reachable_beyond(G, 2, max_depth=1) == [(3, 1), (5, 1)]
    assert reachable_beyond(G, 4) == []
    with pytest.raises(UnknownRole):
        reachable_beyond(G, 42)


def test_reachable_beyond_skips_archived_roles_and_moves():
    G = build_graph(
        [role(1), role(2, archived=True), role(3), role(4)],
        [move(1, 1, 2), move(2, 1, 3, archived=True), move(3, 1, 4)],
    )
    assert reachable_beyond(G, 1) == [(4, 1)]


# ---------------------------------------------------------------------------------------------
# Output


def test_route_as_data_names_roles_by_slug_and_keeps_sources():
    fact = SalaryFactData(kind="average", amount=Decimal("46566.00"), source="002_27a3e9e3a4f786cf.txt")
    G = build_graph(
        [role(1), role(2, salary_facts=(fact,))],
        [move(1, 1, 2, step(1, 1, "skill", (1, 3), skill_id=5, skill_level=2, source="001_700612ae70ab2ab8.txt"))],
        skills=[SkillInfo(id=5, slug="communication", name="Communication")],
    )
    (route,) = k_best_routes(G, 1, 2)
    data = route_as_data(G, route)
    assert data["roles"] == ["role-1", "role-2"]
    assert (data["months"], data["months_range"], data["moves"]) == (2, [1, 3], 1)
    (item,) = data["steps"]
    assert item["from"] == "role-1" and item["to"] == "role-2" and item["skill"] == "communication"
    assert item["source"] == "001_700612ae70ab2ab8.txt" and item["skipped"] is False
    assert data["salary"][0] == {
        "role": "role-1",
        "low": None,
        "high": None,
        "open_ended": False,
        "derived": False,
        "sources": [],
        "facts": [],
    }
    assert data["salary"][1]["low"] == 46566
    assert data["salary"][1]["facts"][0]["source"] == "002_27a3e9e3a4f786cf.txt"


# ---------------------------------------------------------------------------------------------
# At scale: the O*NET graph (skipped when ../shared/datasets/onet is absent)


@pytest.fixture(scope="module")
def onet_graph():
    if not onet.dataset_available():
        pytest.skip(f"the O*NET dataset is not at {onet.DATASET_DIR}")
    return onet.load_onet().graph()


@pytest.mark.parametrize("person", [None, Person(years_experience=3, education=3, skills={1: 5, 2: 4, 3: 3})])
def test_onet_search_matches_networkx(onet_graph, person):
    G = onet_graph
    assert (G.number_of_nodes(), G.number_of_edges()) == (923, 18460)
    index = search._search_index(G)
    weights = index.weights("time", person)

    def weight(u, v, data):
        return weights[dict(index.out[index.pos[u]])[index.pos[v]]]

    nodes = sorted(G)
    for source, target in [(nodes[3], nodes[700]), (nodes[120], nodes[15]), (nodes[500], nodes[501])]:
        reference = islice(nx.shortest_simple_paths(G, source, target, weight=weight), 6)
        expected = [sum(weight(u, v, None) for u, v in pairwise(path)) for path in reference]
        tree = search._Tree(index.inn, index.pos[target], weights)
        found = search._shortest_simple_paths(index, tree, weights, index.pos[source], index.pos[target], 6)
        assert [sum(weight(index.ids[u], index.ids[v], None) for u, v in pairwise(path)) for path in found] == expected
        routes = k_best_routes(G, source, target, k=3, person=person)
        assert [sum(route.months_range) for route in routes] == sorted(sum(route.months_range) for route in routes)


def test_pace_stretches_and_shrinks_only_the_learning_steps_not_met():
    steps = (
        StepData(
            id=1,
            transition_id=1,
            order=1,
            kind="skill",
            title="Learn",
            months_min=2,
            months_max=4,
            skill_id=7,
            skill_level=3,
        ),
        StepData(
            id=2,
            transition_id=1,
            order=2,
            kind="experience",
            title="Work",
            months_min=12,
            months_max=12,
            experience_kind="customer_service",
            years=5,
        ),
        StepData(
            id=3,
            transition_id=1,
            order=3,
            kind="certification",
            title="Certify",
            months_min=1,
            months_max=3,
            certification_id=9,
        ),
    )
    G = build_graph(
        [RoleNode(id=1, slug="a", title="A", level=1), RoleNode(id=2, slug="b", title="B", level=2)],
        [Move(transition_id=1, source_id=1, target_id=2, steps=steps)],
    )
    slow = evaluate_route(G, [1, 2], person=Person(pace=2.0))
    fast = evaluate_route(G, [1, 2], person=Person(pace=0.5, certification_ids=frozenset({9})))

    assert [step.months_range for step in slow.steps] == [(4, 8), (12, 12), (2, 6)]
    assert [step.months_range for step in fast.steps] == [(1, 2), (12, 12), (0, 0)]
