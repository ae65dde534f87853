"""``manage.py routes``: ranked routes as a table or JSON, and clear errors."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from roles.models import Role, SalaryFact, Skill, Transition, TransitionStep
from roles.selectors import graph_cache_clear

SOURCE = "000_d4181f5a91f292d4.txt"
OTHER_SOURCE = "003_b58e9c4379277e58.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    graph_cache_clear()
    yield
    graph_cache_clear()


@pytest.fixture
def small_graph():
    """rep → lead → manager (quick), rep → manager (slow, one move), and a role nothing leads to."""
    skill = Skill.objects.create(slug="communication", name="Communication", category="interpersonal")
    rep = Role.objects.create(slug="rep", title="Representative", track="frontline", level=1)
    lead = Role.objects.create(slug="lead", title="Lead", track="leadership", level=2)
    manager = Role.objects.create(slug="manager", title="Manager", track="management", level=4)
    Role.objects.create(slug="island", title="Island", track="other", level=1)
    SalaryFact.objects.create(
        role=manager, kind="range", amount_min=Decimal(55000), amount_max=Decimal(65000), source=SOURCE
    )
    SalaryFact.objects.create(
        role=lead, kind="relative", amount=Decimal(-25390), relative_to=manager, source=OTHER_SOURCE
    )

    def move(source, target, *steps):
        transition = Transition.objects.create(source_role=source, target_role=target, source=SOURCE)
        for order, (kind, months, extra) in enumerate(steps, start=1):
            TransitionStep.objects.create(
                transition=transition,
                order=order,
                kind=kind,
                title=f"{kind.title()} for {target.title}",
                months_min=months[0],
                months_max=months[1],
                source=SOURCE,
                **extra,
            )

    move(rep, lead, ("skill", (3, 6), {"skill": skill, "skill_level": 3}), ("action", (0, 2), {}))
    move(lead, manager, ("experience", (12, 24), {"years": Decimal(3), "experience_kind": "customer_service"}))
    move(rep, manager, ("experience", (48, 72), {"years": Decimal(5), "experience_kind": "customer_service"}))
    return {"rep": rep, "lead": lead, "manager": manager}


def run(*args) -> str:
    out = StringIO()
    call_command("routes", *args, stdout=out)
    return out.getvalue()


def test_json_lists_ranked_routes_with_months_steps_and_salary(small_graph):
    data = json.loads(run("rep", "manager", "--json"))
    assert (data["from"], data["to"], data["by"]) == ("rep", "manager", "time")
    first, second = data["routes"]
    assert first["roles"] == ["rep", "lead", "manager"]
    assert (first["months_range"], first["months"], first["moves"]) == ([15, 32], 24, 2)
    assert second["roles"] == ["rep", "manager"]
    assert [step["title"] for step in first["steps"]] == [
        "Skill for Lead",
        "Action for Lead",
        "Experience for Manager",
    ]
    step = first["steps"][0]
    assert {key: step[key] for key in ("from", "to", "order", "kind", "months_range", "skipped", "source")} == {
        "from": "rep",
        "to": "lead",
        "order": 1,
        "kind": "skill",
        "months_range": [3, 6],
        "skipped": False,
        "source": SOURCE,
    }
    salary = {item["role"]: item for item in first["salary"]}
    assert salary["rep"]["low"] is None and salary["rep"]["facts"] == []
    assert (salary["manager"]["low"], salary["manager"]["high"], salary["manager"]["derived"]) == (55000, 65000, False)
    assert salary["manager"]["facts"][0]["source"] == SOURCE
    assert (salary["lead"]["low"], salary["lead"]["derived"]) == (29610, True)
    assert salary["lead"]["sources"] == [SOURCE, OTHER_SOURCE]
    assert (
        salary["lead"]["facts"][0] | {"amount": -25390, "relative_to": "manager", "source": OTHER_SOURCE}
        == (salary["lead"]["facts"][0])
    )


def test_moves_ranking_and_k(small_graph):
    data = json.loads(run("rep", "manager", "--by", "moves", "--k", "1", "--json"))
    assert data["by"] == "moves"
    assert [route["roles"] for route in data["routes"]] == [["rep", "manager"]]


def test_the_persons_details_shorten_the_route(small_graph):
    data = json.loads(run("rep", "manager", "--json", "--years", "2", "--skill", "communication=3"))
    first = data["routes"][0]
    assert first["roles"] == ["rep", "lead", "manager"]
    assert first["steps"][0]["skipped"] is True
    # Two years plus what the first move took leave less than the full year.
    assert first["months_range"][1] < 32
    assert data["personalised"] is True


def test_plain_text_is_a_ranked_table_with_the_steps(small_graph):
    text = run("rep", "manager", "--by", "salary")
    assert "Routes from Representative to Manager, best by salary first" in text
    lines = text.splitlines()
    assert lines[2].split()[:5] == ["#", "Typical", "Range", "Moves", "Pay"]
    assert "Representative → Lead → Manager" in lines[3]
    assert "Representative → Manager" in lines[4]
    assert "Skill for Lead (3–6 months)" in text
    assert f"Manager: $55,000–$65,000 [{SOURCE}]" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "manager"], "There is no role “nobody”."),
        (["rep", "nowhere"], "There is no role “nowhere”."),
        (["rep", "island"], "There is no route from “Representative” to “Island”: no moves lead there."),
        (["rep", "rep"], "they are the same role"),
        (["rep", "manager", "--k", "0"], "Ask for between 1 and 20 routes, not 0."),
        (["rep", "manager", "--k", "21"], "Ask for between 1 and 20 routes, not 21."),
        (["rep", "manager", "--k", "three"], "--k takes a whole number from 1 to 20, not “three”."),
        (["rep", "manager", "--by", "speed"], "Routes are ranked by time, moves or salary, not “speed”."),
        (["rep", "manager", "--skill", "juggling=3"], "there is no skill “juggling”"),
        (["rep", "manager", "--skill", "communication=9"], "give a level from 1 to 5"),
        (["rep", "manager", "--years", "lots"], "--years takes a number of years"),
        (["rep", "manager", "--education", "phd"], "--education takes one of none, high_school"),
        (["rep", "manager", "--certification", "ccsm"], "there is no certification “ccsm”"),
    ],
)
def test_bad_input_is_a_command_error_with_a_clear_message(small_graph, args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)


def test_bad_input_exits_with_code_1_and_no_traceback(small_graph, capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "routes", "rep", "nowhere"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "There is no role “nowhere”." in err
    assert "Traceback" not in err


def test_archived_roles_are_not_routed_through(small_graph):
    Role.objects.filter(slug="lead").update(archived=True)
    from roles.revision import graph_revision_bump

    graph_revision_bump()
    data = json.loads(run("rep", "manager", "--json"))
    assert [route["roles"] for route in data["routes"]] == [["rep", "manager"]]


def test_routes_on_the_bundled_graph():
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())
    for by in ("time", "moves", "salary"):
        data = json.loads(run("customer-service-representative", "customer-service-manager", "--by", by, "--json"))
        assert 1 <= len(data["routes"]) <= 3
        for route in data["routes"]:
            assert route["roles"][0] == "customer-service-representative"
            assert route["roles"][-1] == "customer-service-manager"
            assert route["months_range"][0] <= route["months"] <= route["months_range"][1]
            for item in route["salary"]:
                assert all(fact["source"] for fact in item["facts"])
    entry = json.loads(run("no-experience", "customer-service-manager", "--json", "--k", "5"))
    assert entry["routes"][0]["roles"][1] == "customer-service-representative"
