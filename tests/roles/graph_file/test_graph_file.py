import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.graph_file import (
    GraphFileError,
    graph_dumps,
    graph_export,
    graph_load,
    parse_graph,
    parse_graph_text,
    read_graph_file,
)
from roles.models import Role, RoleSkill, SalaryFact, Transition, TransitionStep

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
SOURCE = "002_27a3e9e3a4f786cf.txt"


def small_graph() -> dict:
    """A valid graph file of three roles, two moves, a skill and a certification."""
    return {
        "format": "careerpath-role-graph",
        "version": 1,
        "skills": [
            {
                "slug": "communication",
                "name": "Communication",
                "category": "interpersonal",
                "description": "Say things clearly.",
                "levels": ["one", "two", "three", "four", "five"],
                "source": SOURCE,
                "archived": False,
            }
        ],
        "certifications": [
            {
                "slug": "ccsm",
                "name": "Certified Customer Service Manager",
                "abbreviation": "CCSM",
                "issuer": "",
                "description": "",
                "cost_min": None,
                "cost_max": None,
                "duration_months": None,
                "source": "001_700612ae70ab2ab8.txt",
                "archived": False,
            }
        ],
        "roles": [
            {
                "slug": "rep",
                "title": "Representative",
                "track": "frontline",
                "level": 1,
                "duties": ["Answer calls"],
                "skills": [{"skill": "communication", "level": 3, "source": SOURCE}],
            },
            {
                "slug": "lead",
                "title": "Lead",
                "track": "leadership",
                "level": 2,
                "salary_facts": [
                    {
                        "kind": "relative",
                        "amount": -25390,
                        "relative_to": "manager",
                        "source": "003_b58e9c4379277e58.txt",
                    }
                ],
            },
            {
                "slug": "manager",
                "title": "Manager",
                "track": "management",
                "level": 4,
                "min_education": "high_school",
                "preferred_education": "bachelor",
                "min_experience_years": 5,
                "certifications": [{"certification": "ccsm", "kind": "recommended", "source": SOURCE}],
                "salary_facts": [
                    {"kind": "average", "amount": 46566, "source": SOURCE},
                    {"kind": "common", "amount": 67367.61, "source": SOURCE},
                    {"kind": "range", "amount_min": 20000, "amount_max": 141000, "source": SOURCE},
                ],
            },
        ],
        "transitions": [
            {
                "from": "rep",
                "to": "lead",
                "steps": [
                    {
                        "order": 1,
                        "kind": "experience",
                        "title": "Two years on the phones",
                        "months_min": 12,
                        "months_max": 24,
                        "experience_kind": "customer_service",
                        "years": 2,
                    },
                    {
                        "order": 2,
                        "kind": "skill",
                        "title": "Communicate well",
                        "months_min": 3,
                        "months_max": 6,
                        "skill": "communication",
                        "skill_level": 4,
                    },
                ],
            },
            {
                "from": "lead",
                "to": "manager",
                "steps": [
                    {
                        "order": 1,
                        "kind": "certification",
                        "title": "Get the CCSM",
                        "months_min": 2,
                        "months_max": 4,
                        "certification": "ccsm",
                    },
                    {"order": 2, "kind": "action", "title": "Apply", "months_min": 0, "months_max": 3},
                ],
            },
        ],
    }


def load(data: dict):
    return graph_load(parse_graph(copy.deepcopy(data)))


def test_load_creates_every_object(db):
    result = load(small_graph())

    assert Role.objects.count() == 3
    assert Transition.objects.count() == 2
    assert TransitionStep.objects.count() == 4
    assert SalaryFact.objects.count() == 4
    lead_fact = SalaryFact.objects.get(role__slug="lead")
    assert lead_fact.relative_to.slug == "manager"
    assert result.added["roles"] == ["rep", "lead", "manager"]


def test_load_twice_changes_nothing(db):
    load(small_graph())

    result = load(small_graph())

    assert not result.has_changes
    assert result.summary().startswith("No changes")


def test_load_updates_only_what_differs(db):
    load(small_graph())
    data = small_graph()
    data["roles"][0]["title"] = "Customer Service Representative"

    result = load(data)

    assert result.changed == {"roles": ["rep"]}
    assert Role.objects.get(slug="rep").title == "Customer Service Representative"


def test_load_archives_what_the_file_leaves_out(db):
    load(small_graph())
    data = small_graph()
    data["transitions"] = data["transitions"][:1]
    data["transitions"][0]["steps"] = data["transitions"][0]["steps"][:1]

    result = load(data)

    assert Transition.objects.get(source_role__slug="lead").archived
    assert TransitionStep.objects.get(transition__source_role__slug="rep", order=2).archived
    assert result.archived == {"transitions": ["lead → manager"], "steps": ["rep → lead step 2"]}


def test_dry_run_changes_nothing(db):
    result = graph_load(parse_graph(small_graph()), dry_run=True)

    assert result.added["roles"]
    assert not Role.objects.exists()


def test_export_load_export_is_identical(db):
    load(small_graph())
    first = graph_dumps(graph_export())

    load(json.loads(first))
    second = graph_dumps(graph_export())

    assert first == second
    assert json.loads(first)["roles"][1]["salary_facts"][1]["amount"] == 67367.61


def test_export_into_an_empty_database_and_back(db, tmp_path):
    load(small_graph())
    path = tmp_path / "graph.json"
    call_command("export_role_graph", str(path), stdout=StringIO())
    for model in (TransitionStep, Transition, SalaryFact, RoleSkill):
        model.objects.all().delete()
    Role.objects.all().delete()

    call_command("load_role_graph", str(path), stdout=StringIO())

    assert graph_dumps(graph_export()) == path.read_text()


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["roles"][0].update(slug="Not A Slug"), "roles[0].slug:"),
        (lambda d: d["roles"][0].update(level=11), "roles[0].level: must be between 0 and 10, not 11"),
        (lambda d: d["roles"][0].update(track="space"), "roles[0].track: must be one of"),
        (lambda d: d["roles"][1].update(slug="rep"), "roles[1].slug: role 'rep' appears more than once"),
        (lambda d: d["roles"][0]["skills"][0].update(level=6), "roles[0].skills[0].level: must be between 1 and 5"),
        (lambda d: d["roles"][0]["skills"][0].update(skill="juggling"), "roles[0].skills[0].skill: names no skill"),
        (
            lambda d: d["roles"][2]["salary_facts"][0].update(source=""),
            "roles[2].salary_facts[0].source: Every salary figure names its source",
        ),
        (
            lambda d: d["roles"][2]["salary_facts"][2].update(amount_min=200000),
            "roles[2].salary_facts[2].amount_max: The highest figure is below the lowest",
        ),
        (lambda d: d["roles"][1]["salary_facts"][0].update(relative_to="ceo"), "relative_to: names no role"),
        (lambda d: d["transitions"][0].update(to="rep"), "transitions[0].to: a move must lead to another role"),
        (lambda d: d["transitions"].append(copy.deepcopy(d["transitions"][0])), "transitions[2]: move ('rep', 'lead')"),
        (lambda d: d["transitions"][0].update(to="ceo"), "transitions[0].to: names no role in the file: 'ceo'"),
        (
            lambda d: d["transitions"][0]["steps"][0].update(months_min=30),
            "transitions[0].steps[0].months_max: is below months_min",
        ),
        (
            lambda d: d["transitions"][0]["steps"][0].update(months_max=500),
            "transitions[0].steps[0].months_max: must be between 0 and 240",
        ),
        (lambda d: d["transitions"][0]["steps"][1].update(order=1), "transitions[0].steps[1].order: order 1 appears"),
        (lambda d: d["transitions"][0]["steps"][1].update(skill=None), "transitions[0].steps[1]: a skill step"),
        (lambda d: d["skills"][0].update(levels=["one"]), "skills[0].levels: must be a list of 5"),
        (lambda d: d["roles"][0].update(colour="blue"), "roles[0].colour: is not a known field"),
        (
            lambda d: d["roles"][0].update(min_experience_years="lots"),
            "roles[0].min_experience_years: must be a number",
        ),
        (lambda d: d["roles"].append("rep"), "roles[3]: must be an object"),
        (lambda d: d.update(roles={}), "roles: must be a list"),
    ],
)
def test_bad_file_is_rejected_with_the_path_of_the_error(db, mutate, expected):
    data = small_graph()
    mutate(data)

    with pytest.raises(GraphFileError) as raised:
        parse_graph(data)

    assert any(error.startswith(expected) or expected in error for error in raised.value.errors), raised.value.errors


def test_bad_file_lists_every_error_and_changes_nothing(db, tmp_path):
    load(small_graph())
    before = graph_dumps(graph_export())
    data = small_graph()
    data["roles"][0]["title"] = "Changed"  # a good change that must not be applied
    data["roles"][1]["level"] = -1
    data["transitions"][1]["steps"][0]["certification"] = "nope"
    data["roles"][2]["salary_facts"][0]["amount"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    stderr = StringIO()

    with pytest.raises(CommandError, match="3 error"):
        call_command("load_role_graph", str(path), stdout=StringIO(), stderr=stderr)

    assert "roles[1].level" in stderr.getvalue()
    assert "transitions[1].steps[0].certification" in stderr.getvalue()
    assert "roles[2].salary_facts[0].amount" in stderr.getvalue()
    assert graph_dumps(graph_export()) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "line 1, column 2: not valid JSON"),
        ("[]", "$: must be an object"),
        ('{"format": "other"}', "$.format: must be 'careerpath-role-graph'"),
    ],
)
def test_text_that_is_not_a_graph_is_rejected(text, expected):
    with pytest.raises(GraphFileError) as raised:
        parse_graph_text(text)

    assert raised.value.errors[0].startswith(expected)


def test_json_nested_too_deep_is_refused_at_its_line():
    text = '{"format": "careerpath-role-graph",\n"roles": "[[[ in a string is fine",\n"x": ' + "[" * 100_000

    with pytest.raises(GraphFileError) as raised:
        parse_graph_text(text)

    assert raised.value.errors == ["line 3: lists and objects nested more than 32 deep; a role graph file is not"]


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(GraphFileError, match="no such file"):
        read_graph_file(tmp_path / "missing.json")


def test_load_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("load_role_graph", str(tmp_path / "missing.json"), stdout=StringIO(), stderr=StringIO())


def test_export_command_writes_to_stdout(db):
    load(small_graph())
    out = StringIO()

    call_command("export_role_graph", stdout=out)

    assert json.loads(out.getvalue())["roles"][0]["slug"] == "lead"


# --- The bundled graph ----------------------------------------------------------------------

REQUIRED_SLUGS = [
    "no-experience",
    "customer-service-representative",
    "customer-service-senior-associate",
    "lead-customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
    "call-center-manager",
    "technical-support-manager",
    "client-relations-manager",
    "customer-success-manager",
    "retail-customer-service-manager",
    "service-center-manager",
    "service-operations-manager",
    "regional-customer-service-manager",
    "customer-experience-manager",
    "operations-manager",
    "account-manager",
    "business-development-manager",
    "customer-service-consultant",
]
SOURCE_FILES = {
    "000_d4181f5a91f292d4.txt",
    "001_700612ae70ab2ab8.txt",
    "002_27a3e9e3a4f786cf.txt",
    "003_b58e9c4379277e58.txt",
    "004_8d380cbc1788290a.txt",
}


@pytest.fixture
def bundled(db):
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())
    return json.loads(Path(settings.ROLE_GRAPH_FILE).read_text())


def test_bundled_graph_has_every_design_slug(bundled):
    assert set(REQUIRED_SLUGS) <= set(Role.objects.values_list("slug", flat=True))
    assert Role.objects.get(is_entry=True).slug == "no-experience"


def test_bundled_graph_loads_idempotently(bundled):
    result = graph_load(read_graph_file(settings.ROLE_GRAPH_FILE))

    assert not result.has_changes, result.summary()


def test_bundled_graph_round_trips(bundled):
    exported = graph_dumps(graph_export())

    graph_load(parse_graph_text(exported))

    assert graph_dumps(graph_export()) == exported


def _figures(fact: SalaryFact) -> list:
    return [value for value in (fact.amount, fact.amount_min, fact.amount_max) if value is not None]


def _spellings(value) -> set[str]:
    """The ways a document may print a figure: 46566, 46,566, 67367.61, 55,000 or 55k."""
    whole = int(abs(value))
    spellings = {f"{whole:,}", str(whole), f"{abs(value):.2f}", f"{abs(value):,.2f}"}
    if whole % 1000 == 0:
        spellings.add(f"{whole // 1000}k")
    return spellings


def test_every_bundled_salary_figure_is_its_source_documents_number(bundled):
    if not SEEDS.is_dir():
        pytest.skip(f"the source documents are not at {SEEDS}")
    facts = list(SalaryFact.objects.all())
    assert facts, "the bundled graph has salary facts"
    for fact in facts:
        assert fact.source in SOURCE_FILES, f"{fact}: unknown source {fact.source!r}"
        text = (SEEDS / fact.source).read_text()
        for value in _figures(fact):
            assert any(spelling in text for spelling in _spellings(value)), f"{fact}: {value} is not in {fact.source}"


def test_every_source_key_must_name_a_known_source():
    data = small_graph()
    data["roles"][2]["salary_facts"][0]["source"] = "005_0123456789abcdef.txt"
    data["roles"][0]["sources"] = ["no-such-source"]
    data["transitions"][0]["steps"][0]["source"] = "elsewhere"

    with pytest.raises(GraphFileError) as raised:
        parse_graph(data)

    assert raised.value.errors == [
        "roles[0].sources[0]: names no known source: 'no-such-source' (see roles/data/sources.json)",
        "roles[2].salary_facts[0].source: names no known source: '005_0123456789abcdef.txt' "
        "(see roles/data/sources.json)",
        "transitions[0].steps[0].source: names no known source: 'elsewhere' (see roles/data/sources.json)",
    ]


def test_the_joined_graphs_additions_are_checked_with_their_path():
    data = small_graph()
    data["roles"][0]["origin"] = "rumour"
    data["roles"][0]["onet_join"] = [{"code": "43-1011.00", "evidence": []}]
    data["roles"][1]["onet"] = {"code": "43-1011.00", "title": "X", "skills": [{"skill": "2.A.1.a", "importance": 6}]}
    data["transitions"][0]["onet_link"] = {"from": "a", "to": "b", "tier": "Closest", "index": 0}

    with pytest.raises(GraphFileError) as raised:
        parse_graph(data)

    errors = "\n".join(raised.value.errors)
    assert "roles[0].origin: must be one of documents, onet, not 'rumour'" in errors
    assert "roles[0].onet_join[0].evidence: names the O*NET title or alternate titles" in errors
    assert "roles[1].onet.skills[0].importance: must be between 1 and 5, not 6" in errors
    assert "roles[1].onet.skills[0].level: is required" in errors
    assert "transitions[0].onet_link.tier: must be one of Primary-Short, Primary-Long, Supplemental" in errors
    assert "transitions[0].onet_link.index: must be between 1 and 1000, not 0" in errors


def test_a_roles_job_zone_is_its_onet_datas_and_is_checked_there(db):
    data = small_graph()
    data["roles"][2]["onet"] = {"code": "43-1011.00", "title": "First-Line Supervisors", "job_zone": 3}
    graph_load(parse_graph(data))
    assert dict(Role.objects.values_list("slug", "job_zone")) == {"rep": None, "lead": None, "manager": 3}
    # The export keeps the O*NET data, not a key of its own: the round trip is the same graph.
    manager = next(role for role in graph_export()["roles"] if role["slug"] == "manager")
    assert "job_zone" not in manager and manager["onet"]["job_zone"] == 3
    assert not graph_load(parse_graph_text(graph_dumps(graph_export()))).has_changes

    data["roles"][2]["onet"] = None  # the O*NET data gone: the zone is unknown again
    graph_load(parse_graph(data))
    assert Role.objects.get(slug="manager").job_zone is None

    data["roles"][2]["onet"] = {"code": "43-1011.00", "title": "X", "job_zone": 6}
    with pytest.raises(GraphFileError) as raised:
        parse_graph(data)
    assert raised.value.errors == ["roles[2].onet.job_zone: must be between 1 and 5, not 6"]
