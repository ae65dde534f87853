"""The join of the bundled roles to O*NET occupations, and the one graph it makes (no database)."""

import copy
import json
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.engine import (
    Person,
    evaluate_route,
    k_best_routes,
    reachable_beyond,
    role_id_for_slug,
    role_node,
    route_as_data,
)
from roles.graph_file import parse_graph
from roles.onet.extract import EXTRACT_PATH, load_extract
from roles.onet.joined import (
    DOCUMENTS,
    JOIN,
    ONET,
    JoinError,
    check_join,
    join_titles,
    joined_graph,
    load_join,
    without_additions,
)
from roles.onet.memory import graph_from_file
from roles.onet.skill_steps import onet_level_on_our_scale, skill_gap_steps

pytestmark = pytest.mark.skipif(
    not EXTRACT_PATH.is_file(), reason=f"the shipped O*NET extract is missing: {EXTRACT_PATH}"
)

CSM = "customer-service-manager"


@pytest.fixture(scope="module")
def extract() -> dict:
    return load_extract()


@pytest.fixture(scope="module")
def bundled() -> dict:
    with open(settings.ROLE_GRAPH_FILE, encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def joined(bundled, extract) -> dict:
    return joined_graph(bundled, extract, load_join())


@pytest.fixture(scope="module")
def G(joined):
    return graph_from_file(joined)


# --- The join file -----------------------------------------------------------------------------


def test_every_bundled_role_is_joined_with_evidence_found_in_o_net(bundled, extract):
    join = load_join()
    assert check_join(join, extract, {role["slug"] for role in bundled["roles"]}) == []
    codes = {entry["role"]: [code["code"] for code in entry["codes"]] for entry in join["roles"]}
    assert codes["no-experience"] == []
    assert codes["customer-service-representative"] == ["43-4051.00"]
    assert codes[CSM] == ["43-1011.00"]
    assert all(codes[slug] for slug in codes if slug != "no-experience")


def test_the_titles_a_role_also_answers_to_are_o_net_titles_of_the_named_occupation(extract):
    join = copy.deepcopy(load_join())
    assert join_titles(join)["customer-service-representative"][:1] == ["Call Center Agent"]
    entry = next(entry for entry in join["roles"] if entry["role"] == "customer-service-representative")
    entry["titles"] = [
        {"code": "43-4171.00", "text": "Call Centre Agent"},
        {"code": "99-9999.00", "text": "Call Center Agent"},
    ]
    assert check_join(join, extract) == [
        "roles[7] (customer-service-representative).titles[0]: 'Call Centre Agent' is not an alternate title of "
        "43-4171.00",
        "roles[7] (customer-service-representative).titles[1]: '99-9999.00' is not an O*NET occupation in the extract",
    ]


def test_check_join_names_each_problem(extract):
    join = copy.deepcopy(load_join())
    entries = {entry["role"]: entry for entry in join["roles"]}
    entries[CSM]["codes"][0]["evidence"].append({"field": "alternate_title", "text": "Chief Happiness Officer"})
    entries["operations-manager"]["codes"][0]["code"] = "11-0000.00"
    entries["account-manager"]["codes"][0]["evidence"] = [{"field": "title", "text": "Account Manager"}]
    entries["call-center-manager"]["codes"][0]["evidence"][0]["field"] = "description"
    join["roles"].append({"role": "astronaut", "codes": []})
    slugs = set(entries) - {"no-experience"}

    errors = check_join(join, extract, slugs)
    assert len(errors) == 6
    assert any(
        "(customer-service-manager).codes[0]: 'Chief Happiness Officer' is not an alternate title" in e for e in errors
    )
    assert any(
        "(operations-manager).codes[0]: '11-0000.00' is not an O*NET occupation in the extract" in e for e in errors
    )
    assert any("(account-manager).codes[0]: 'Account Manager' is not the title of 11-2022.00" in e for e in errors)
    assert any("(call-center-manager).codes[0]: evidence field must be title or alternate_title" in e for e in errors)
    assert any("(astronaut): no bundled role has this slug" in e for e in errors)
    assert any("(no-experience): no bundled role has this slug" in e for e in errors)
    with pytest.raises(JoinError):
        joined_graph({"roles": [], "transitions": []}, extract, join)


# --- The joined graph --------------------------------------------------------------------------


def test_joined_graph_keeps_the_bundled_graph_and_adds_the_occupations(bundled, joined):
    roles = {role["slug"]: role for role in joined["roles"]}
    assert len(roles) == len(bundled["roles"]) + 923
    assert Counter(role["origin"] for role in roles.values()) == {DOCUMENTS: len(bundled["roles"]), ONET: 923}
    for role in bundled["roles"]:
        assert {key: value for key, value in roles[role["slug"]].items() if key in role} == role
    csm = roles[CSM]
    assert [code["code"] for code in csm["onet_join"]] == ["43-1011.00"]
    assert csm["onet"]["code"] == "43-1011.00" and len(csm["onet"]["skills"]) == 35
    assert roles["no-experience"]["onet"] is None

    cashier = roles["onet-41-2011-00"]
    assert cashier["title"] == "Cashiers" and cashier["onet_soc_code"] == "41-2011.00"
    assert {skill["skill"] for skill in cashier["onet"]["skills"]} == {s["id"] for s in joined["onet"]["skills"]}
    assert set(cashier["onet"]["education"]) == {"RL", "RW", "PT", "OJ"}
    assert any(
        t["example"] == "Microsoft Dynamics" and t["hot"] for t in roles["onet-11-1021-00"]["onet"]["technology"]
    )
    assert {"title": "Cash Checker", "short_title": "", "sources": "04,06"} in cashier["onet"]["alternate_titles"]
    assert [fact["source"] for fact in roles["onet-11-1021-00"]["salary_facts"]] == ["bls-oews-2024"] * 2
    assert "CC BY 4.0" in joined["onet"]["attribution"]
    assert joined["onet"]["level_anchors"] is None


def test_every_move_says_where_it_came_from(bundled, joined):
    origins = Counter(move["origin"] for move in joined["transitions"])
    assert origins[DOCUMENTS] == len(bundled["transitions"])
    assert origins[ONET] == 18460
    assert origins[JOIN] > 0 and set(origins) == {DOCUMENTS, ONET, JOIN}
    assert len({(move["from"], move["to"]) for move in joined["transitions"]}) == len(joined["transitions"])
    bundled_slugs = {role["slug"] for role in bundled["roles"]}
    for move in joined["transitions"]:
        if move["origin"] == JOIN:
            assert move["note"].startswith("Inferred by the join: ")
            # The documents say how bundled roles connect; a join move always has an occupation at one end.
            assert not (move["from"] in bundled_slugs and move["to"] in bundled_slugs)
        if move["origin"] == ONET:
            assert move["onet_link"]["tier"] in move["note"]


def test_join_moves_into_a_bundled_role_ask_its_years(joined):
    moves = {(move["from"], move["to"]): move for move in joined["transitions"]}
    into = moves["onet-43-4171-00", CSM]  # receptionists are related to 43-1011.00 (Supplemental)
    assert into["origin"] == JOIN and into["onet_link"]["to"] == "43-1011.00"
    assert "Customer Service Manager" in into["note"]
    experience = [step for step in into["steps"] if step["kind"] == "experience"]
    assert [(s["years"], s["experience_kind"]) for s in experience] == [(5, "customer_service")]
    within = moves["onet-43-1011-00", CSM]  # the occupation to its customer service version
    assert within["origin"] == JOIN and within["onet_link"] is None and within["kind"] == "lateral"
    out = moves[CSM, "onet-11-1021-00"]
    assert out["origin"] == JOIN and out["onet_link"]["from"] == "43-1011.00"
    assert moves["customer-service-supervisor", CSM]["origin"] == DOCUMENTS  # never replaced


# --- Skill gaps as steps ------------------------------------------------------------------------


def test_an_onet_move_asks_the_skills_the_target_rates_above_the_source(joined, extract):
    roles = {role["slug"]: role for role in joined["roles"]}
    moves = {(move["from"], move["to"]): move for move in joined["transitions"]}
    move = moves["onet-41-2011-00", "onet-43-4051-00"]  # Cashiers → Customer Service Representatives
    steps = move["steps"]
    assert steps and all(step["kind"] == "skill" and step["source"] == "onet-29.0" for step in steps)
    required = {entry["skill"]: entry["level"] for entry in roles["onet-43-4051-00"]["skills"]}
    cashier = {entry["skill"]: entry["level"] for entry in roles["onet-41-2011-00"]["skills"]}
    names = {skill["id"]: skill["name"] for skill in extract["skills"]}
    cashier_levels = {
        f"onet-{names[skill].lower().replace(' ', '-')}": onet_level_on_our_scale(level)
        for skill, (_, level, _) in extract["occupations"]["41-2011.00"]["skills"].items()
    }
    for step in steps:
        # One of the target's required skills, at the level it requires, above the cashier's level.
        assert required[step["skill"]] == step["skill_level"] > cashier_levels[step["skill"]]
        assert step["title"].startswith("Build ") and step["title"].endswith(f" to level {step['skill_level']} of 5")
        assert "of 7" in step["description"] and "is an estimate" in step["description"]
    # Every required skill the cashier lacks is a step; none the cashier has at the level.
    short = {slug for slug, level in required.items() if level > cashier_levels.get(slug, 1)}
    assert {step["skill"] for step in steps} == short
    assert cashier  # the cashier role requires skills too
    # The tier's estimate (Primary-Short: 3–6 months) is shared among the steps.
    assert sum(step["months_min"] for step in steps) == 3
    assert 6 <= sum(step["months_max"] for step in steps) <= 6 + len(steps)
    assert [step["order"] for step in steps] == list(range(1, len(steps) + 1))


def test_a_climb_in_job_zone_stays_an_estimated_step_after_the_skills(joined):
    moves = {(move["from"], move["to"]): move for move in joined["transitions"]}
    into = moves["onet-43-4171-00", CSM]  # job zone 2 → 3, then the bundled role's years
    kinds = [step["kind"] for step in into["steps"]]
    assert kinds[-2:] == ["action", "experience"] and set(kinds[:-2]) == {"skill"}
    zone = into["steps"][-2]
    assert zone["title"] == "Gain the preparation of job zone 3"
    assert (zone["months_min"], zone["months_max"]) == (12, 24) and "is an estimate" in zone["description"]


def test_moves_without_skill_data_or_gaps_keep_their_estimated_step(extract):
    no_data = next(code for code, occupation in extract["occupations"].items() if not occupation["skills"])
    assert skill_gap_steps(extract, no_data, "43-4051.00", 3, 6) == []
    assert skill_gap_steps(extract, "43-4051.00", no_data, 3, 6) == []
    assert skill_gap_steps(extract, "43-4051.00", "43-4051.00", 3, 6) == []  # nothing is short of itself


def test_a_person_who_has_the_skills_skips_the_steps(G, joined):
    cashier, representative = role_id_for_slug(G, "onet-41-2011-00"), role_id_for_slug(G, "onet-43-4051-00")
    skill_ids = {skill["slug"]: number for number, skill in enumerate(joined["skills"], start=1)}
    anonymous = evaluate_route(G, [cashier, representative])
    assert anonymous.months_range[0] == 3 and not any(step.skipped for step in anonymous.legs[0].steps)

    steps = anonymous.legs[0].steps
    skilled = Person(skills={skill_ids[joined_skill(G, step)]: 5 for step in steps[:2]})
    route = evaluate_route(G, [cashier, representative], person=skilled)
    assert [step.skipped for step in route.legs[0].steps] == [True, True] + [False] * (len(steps) - 2)
    assert route.months_range[1] < anonymous.months_range[1]

    everything = Person(skills={skill_ids[joined_skill(G, step)]: 5 for step in steps})
    assert evaluate_route(G, [cashier, representative], person=everything).months_range == (0, 0)


def joined_skill(G, route_step) -> str:
    """The slug of a step's skill in a graph built by ``graph_from_file`` (skill ids are positions)."""
    return G.graph["skills"][route_step.step.skill_id].slug


def test_joined_graph_loads_once_its_additions_are_dropped(joined):
    parse_graph(without_additions(joined))


# --- Routes through the joined graph (the engine on plain data) -----------------------------------


@pytest.mark.parametrize("start", ["onet-41-2011-00", "onet-43-4171-00", "onet-41-2031-00"])
def test_cashier_receptionist_and_retail_reach_customer_service_manager(G, joined, start):
    routes = k_best_routes(G, role_id_for_slug(G, start), role_id_for_slug(G, CSM), k=5)
    assert len(routes) >= 2
    paths = [route_as_data(G, route)["roles"] for route in routes]
    assert all(path[0] == start and path[-1] == CSM for path in paths)  # from an occupation to a bundled role
    assert len({tuple(path) for path in paths}) == len(paths)
    months = [route.months for route in routes]
    assert months == sorted(months) and months[0] > 0  # ranked by time, best first


def test_customer_service_manager_goes_on_to_management_occupations(G):
    beyond = {role_node(G, role_id).slug: depth for role_id, depth in reachable_beyond(G, role_id_for_slug(G, CSM))}
    assert beyond["onet-11-1021-00"] == 1  # General and Operations Managers
    assert "onet-11-2022-00" in beyond  # Sales Managers
    assert "onet-11-3131-00" in beyond  # Training and Development Managers


# --- The command -------------------------------------------------------------------------------


def test_build_joined_graph_writes_a_loadable_file(tmp_path, bundled):
    path = tmp_path / "joined.json"
    out = StringIO()
    call_command("build_joined_graph", str(path), "--loadable", stdout=out)
    assert f"{len(bundled['roles']) + 923} roles" in out.getvalue()
    assert "18460 from onet" in out.getvalue()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "onet" not in data and "origin" not in data["transitions"][0]
    parse_graph(data)


def test_build_joined_graph_refuses_a_bad_join(tmp_path):
    join = load_join()
    join["roles"][0]["codes"] = [{"code": "43-4051.00", "evidence": [{"field": "title", "text": "Barista"}]}]
    bad = tmp_path / "join.json"
    bad.write_text(json.dumps(join), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="The join has 1 error"):
        call_command("build_joined_graph", str(tmp_path / "out.json"), "--join", str(bad), stderr=err)
    assert "'Barista' is not the title of 43-4051.00" in err.getvalue()
    assert not (tmp_path / "out.json").exists()
