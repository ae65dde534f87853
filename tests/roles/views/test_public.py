import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import Role, RoleCertification, SalaryFact, Track, TransitionStep
from roles.selectors import graph_get, graph_page, role_list
from roles.services import job_titles_rebuild
from tests.factories import (
    CertificationFactory,
    RoleCertificationFactory,
    RoleFactory,
    RoleSkillFactory,
    SalaryFactFactory,
    SkillFactory,
    TransitionFactory,
    TransitionStepFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_graph():
    """Representative → manager → operations manager, with facts from two sources."""
    rep = RoleFactory(
        slug="customer-service-representative",
        title="Customer Service Representative",
        track=Track.FRONTLINE,
        level=1,
        alternate_titles="Customer Care Agent",
    )
    manager = RoleFactory(
        slug="customer-service-manager",
        title="Customer Service Manager",
        track=Track.MANAGEMENT,
        level=4,
        summary="Leads a team of representatives.",
        duties="Coach representatives\nSet service targets",
        education_note="A bachelor's degree is preferred.",
        experience_note="5 to 10 years as a representative or supervisor.",
    )
    ops = RoleFactory(
        slug="service-operations-manager", title="Service Operations Manager", track=Track.OPERATIONS, level=6
    )
    SalaryFactFactory(
        role=manager,
        kind=SalaryFact.Kind.RANGE,
        amount=None,
        amount_min=Decimal("55000"),
        amount_max=Decimal("65000"),
        scope=SalaryFact.Scope.EXPERIENCE,
        scope_label="Entry-level manager",
        source="000_d4181f5a91f292d4.txt",
    )
    SalaryFactFactory(role=manager, amount=Decimal("46566"), source="002_27a3e9e3a4f786cf.txt")
    SalaryFactFactory(
        role=ops,
        kind=SalaryFact.Kind.RELATIVE,
        amount=Decimal("21324"),
        relative_to=manager,
        source="003_b58e9c4379277e58.txt",
    )
    coaching = SkillFactory(name="Coaching", level_4="Coaches a whole team through change")
    RoleSkillFactory(role=manager, skill=coaching, level=4)
    RoleCertificationFactory(
        role=manager,
        certification=CertificationFactory(name="Certified Customer Service Manager", issuer="CSIA"),
        kind=RoleCertification.Kind.RECOMMENDED,
    )
    move = TransitionFactory(source_role=rep, target_role=manager, source="001_700612ae70ab2ab8.txt")
    TransitionStepFactory(
        transition=move,
        order=1,
        kind=TransitionStep.Kind.EXPERIENCE,
        title="Work on the front line",
        experience_kind=TransitionStep.ExperienceKind.CUSTOMER_SERVICE,
        years=Decimal("5"),
        months_min=36,
        months_max=60,
    )
    TransitionStepFactory(
        transition=move,
        order=2,
        kind=TransitionStep.Kind.SKILL,
        title="Learn to coach",
        skill=coaching,
        skill_level=4,
        months_min=3,
        months_max=6,
    )
    TransitionStepFactory(transition=move, order=3, title="Take a course", optional=True, months_min=6, months_max=12)
    TransitionFactory(source_role=manager, target_role=ops, kind="specialisation")
    return {"rep": rep, "manager": manager, "ops": ops, "move": move}


SOURCE_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _add_moves(source, count, steps_each):
    for _ in range(count):
        transition = TransitionFactory(source_role=source, target_role=RoleFactory(level=source.level + 1))
        for order in range(1, steps_each + 1):
            TransitionStepFactory(
                transition=transition,
                order=order,
                kind=TransitionStep.Kind.CERTIFICATION,
                certification=CertificationFactory(),
            )
        incoming = TransitionFactory(source_role=RoleFactory(level=0), target_role=source)
        TransitionStepFactory(transition=incoming, order=1)


# --- Every public page answers anonymous and logged-in visitors ---


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("roles:role-list"),
        reverse("roles:role-graph"),
        reverse("roles:role-graph-json"),
        reverse("roles:role-detail", kwargs={"slug": "customer-service-manager"}),
    ],
)
@pytest.mark.parametrize("logged_in", [False, True])
def test_public_pages_answer_everyone(client, user, small_graph, url, logged_in):
    if logged_in:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200


def test_pages_work_on_an_empty_graph(client):
    for name in ("home", "roles:role-list", "roles:role-graph", "roles:role-graph-json"):
        assert client.get(reverse(name)).status_code == 200


def test_base_layout_has_skip_link_navigation_and_footer(client):
    content = client.get(reverse("home")).content.decode()
    assert 'href="#content"' in content
    assert '<main id="content"' in content
    assert "vendor/bootstrap/css/bootstrap.min.css" in content
    assert "vendor/bootstrap/js/bootstrap.bundle.min.js" in content
    assert "Figures from the source documents; each names its source." in content
    assert 'href="/accounts/login/"' in content
    assert 'href="/accounts/signup/"' in content
    assert 'action="/accounts/logout/"' not in content


def test_base_layout_offers_plans_profile_and_log_out_when_logged_in(client, user):
    client.force_login(user)
    content = client.get(reverse("home")).content.decode()
    assert 'href="/plans/"' in content
    assert 'href="/profile/"' in content
    assert 'action="/accounts/logout/"' in content
    assert 'href="/accounts/login/"' not in content


def test_no_page_links_to_a_cdn(client, small_graph):
    for url in (reverse("home"), reverse("roles:role-graph"), small_graph["manager"].get_absolute_url()):
        content = client.get(url).content.decode()
        for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "googleapis"):
            assert cdn not in content


# --- Home ---


def test_home_links_to_the_role_list_and_the_manager_page(client, small_graph):
    content = client.get(reverse("home")).content.decode()
    assert reverse("roles:role-list") in content
    assert small_graph["manager"].get_absolute_url() in content
    assert "Where do you stand?" in content
    assert "Featured roles" in content


# --- Role list and search ---


def test_role_list_groups_active_roles_by_track_in_track_order(client, small_graph):
    RoleFactory(title="Old Role", archived=True)
    response = client.get(reverse("roles:role-list"))
    content = response.content.decode()
    assert "Old Role" not in content
    assert [group.track for group in response.context["groups"]] == ["frontline", "management", "operations"]
    assert content.index("Customer Service Representative") < content.index("Service Operations Manager")


def test_role_list_shows_the_salary_spread_of_roles_with_facts(client, small_graph):
    content = client.get(reverse("roles:role-list")).content.decode()
    assert "$46,566 to $65,000 a year" in content
    assert "from 2 sources" in content


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ("operations", "Service Operations Manager", "Customer Service Representative"),
        ("care agent", "Customer Service Representative", "Service Operations Manager"),  # alternate title
        ("coach representatives", "Customer Service Manager", "Customer Service Representative"),  # duties
        ("LEADS A TEAM", "Customer Service Manager", "Service Operations Manager"),  # summary, any case
    ],
)
def test_search_matches_title_alternate_titles_summary_and_duties(client, small_graph, query, found, missing):
    response = client.get(reverse("roles:role-list"), {"q": query})
    content = response.content.decode()
    assert response.status_code == 200
    assert found in content
    assert f">{missing}<" not in content


def test_search_with_no_match_says_so(client, small_graph):
    content = client.get(reverse("roles:role-list"), {"q": "astronaut"}).content.decode()
    assert "No role matches" in content
    assert "astronaut" in content


def test_empty_search_lists_every_role(client, small_graph):
    response = client.get(reverse("roles:role-list"), {"q": "  ", "track": ""})
    assert response.status_code == 200
    assert response.context["results_count"] == 3


def test_track_filter_keeps_one_track(client, small_graph):
    response = client.get(reverse("roles:role-list"), {"track": "management"})
    assert [card.role.slug for group in response.context["groups"] for card in group.roles] == [
        "customer-service-manager"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "nul\x00byte"},
        {"q": "%' OR 1=1; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": " ".join(["word"] * 60)},
        {"track": "no-such-track"},
        {"q": ["two", "values"]},
        {"q": "émigré ✓ 漢字"},
    ],
)
def test_bad_or_huge_search_input_never_errors(client, small_graph, params):
    response = client.get(reverse("roles:role-list"), params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_too_long_search_explains_the_error_at_the_field(client, small_graph):
    content = client.get(reverse("roles:role-list"), {"q": "x" * 500}).content.decode()
    assert 'aria-invalid="true"' in content
    assert "at most 100 characters" in content


def test_search_input_is_labelled(client):
    content = client.get(reverse("roles:role-list")).content.decode()
    assert '<label for="id_q"' in content
    assert 'id="id_q"' in content
    assert '<label for="id_track"' in content


def test_htmx_search_returns_only_the_results(client, small_graph):
    response = client.get(reverse("roles:role-list"), {"q": "operations"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="role-results"')
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


# --- A role's page ---


def test_unknown_role_is_404(client):
    response = client.get(reverse("roles:role-detail", kwargs={"slug": "no-such-role"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_archived_role_still_shows_with_a_badge(client):
    role = RoleFactory(title="Switchboard Operator", archived=True)
    response = client.get(role.get_absolute_url())
    assert response.status_code == 200
    assert "Archived" in response.content.decode()


def test_role_page_shows_description_requirements_skills_and_certifications(client, small_graph):
    content = client.get(small_graph["manager"].get_absolute_url()).content.decode()
    assert "Leads a team of representatives." in content
    assert "Coach representatives" in content
    assert "A bachelor&#x27;s degree is preferred." in content
    assert "5 to 10 years as a representative or supervisor." in content
    assert "Coaching" in content
    assert 'Level 4: <span lang="en">Coaches a whole team through change' in content
    assert "Certified Customer Service Manager" in content
    assert "Recommended" in content
    assert "CSIA" in content


def test_salary_facts_show_their_figure_and_source(client, small_graph):
    content = client.get(small_graph["manager"].get_absolute_url()).content.decode()
    assert "$55,000–$65,000 per year" in content
    assert "Entry-level manager" in content
    assert 'Source: <span lang="en">ok.com (Servanan International Pte. Ltd.)</span><sup' in content
    assert "$46,566 per year" in content
    assert 'Source: <span lang="en">Indeed</span><sup' in content
    # The page ends with its sources by title and publisher, never by file name.
    assert "<cite>What does a Customer Service Manager do?</cite>, Indeed" in content
    assert not SOURCE_FILE_NAME.search(content)


def test_salary_spread_runs_from_lowest_to_highest_figure_across_sources(client, small_graph):
    response = client.get(small_graph["manager"].get_absolute_url())
    spread = response.context["detail"].spread
    assert (spread.low, spread.high, spread.figures_count) == (Decimal("46566"), Decimal("65000"), 3)
    assert spread.sources == ("000_d4181f5a91f292d4.txt", "002_27a3e9e3a4f786cf.txt")
    content = response.content.decode()
    assert "$46,566 to $65,000" in content
    assert re.search(
        r"in 2 sources:\s*<span lang=\"en\">ok.com \(Servanan International Pte. Ltd.\)</span><sup[^>]*>"
        r".*Indeed</span><sup",
        content,
    )


def test_relative_salary_fact_names_the_role_it_compares_with(client, small_graph):
    response = client.get(small_graph["ops"].get_absolute_url())
    content = response.content.decode()
    assert "+$21,324 vs Customer Service Manager" in content
    assert 'Source: <span lang="en">Zippia</span><sup' in content
    assert response.context["detail"].spread.derived


def test_role_page_shows_moves_out_with_months_and_ordered_steps(client, small_graph):
    response = client.get(small_graph["rep"].get_absolute_url())
    (move,) = response.context["detail"].moves_out
    assert move.other_role == small_graph["manager"]
    # The optional course does not count towards the time the move takes.
    assert (move.months_min, move.months_max) == (39, 66)
    assert [step.order for step in move.steps] == [1, 2, 3]
    content = response.content.decode()
    assert "39–66 months" in content
    assert content.index("Work on the front line") < content.index("Learn to coach") < content.index("Take a course")
    assert 'Builds <strong lang="en">Coaching</strong> to level 4' in content
    assert 'Source: <span lang="en">zengig</span><sup' in content


def test_role_page_shows_moves_in(client, small_graph):
    response = client.get(small_graph["manager"].get_absolute_url())
    detail = response.context["detail"]
    assert [move.other_role.slug for move in detail.moves_in] == ["customer-service-representative"]
    assert [move.other_role.slug for move in detail.moves_out] == ["service-operations-manager"]


def test_role_page_leaves_out_archived_moves_steps_and_roles(client, small_graph):
    small_graph["ops"].archived = True
    small_graph["ops"].save()
    small_graph["move"].steps.filter(order=2).update(archived=True)
    response = client.get(small_graph["manager"].get_absolute_url())
    assert response.context["detail"].moves_out == []
    (move,) = response.context["detail"].moves_in
    assert [step.order for step in move.steps] == [1, 3]


def test_role_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    small = RoleFactory(level=3)
    _add_moves(small, count=1, steps_each=1)
    SalaryFactFactory(role=small)
    RoleSkillFactory(role=small)
    RoleCertificationFactory(role=small)
    with django_assert_max_num_queries(10):
        assert client.get(small.get_absolute_url()).status_code == 200

    big = RoleFactory(level=3)
    _add_moves(big, count=30, steps_each=5)
    for _ in range(10):
        SalaryFactFactory(role=big)
        RoleSkillFactory(role=big)
        RoleCertificationFactory(role=big)
    with django_assert_max_num_queries(10):
        assert client.get(big.get_absolute_url()).status_code == 200


def test_role_page_query_count_does_not_grow_with_moves(client):
    one = RoleFactory(level=3)
    _add_moves(one, count=1, steps_each=1)
    SalaryFactFactory(role=one)
    many = RoleFactory(level=3)
    _add_moves(many, count=30, steps_each=5)
    SalaryFactFactory(role=many)

    with CaptureQueriesContext(connection) as small_run:
        client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as big_run:
        client.get(many.get_absolute_url())
    assert len(big_run.captured_queries) == len(small_run.captured_queries)


# --- The graph ---


def test_graph_page_has_an_accessible_table_of_every_move(client, small_graph):
    response = client.get(reverse("roles:role-graph"))
    content = response.content.decode()
    assert 'role="img"' in content
    assert "Every move" in content
    assert "<table" in content
    rows = content.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2
    assert "Customer Service Representative" in rows
    assert "39–66 months" in rows
    assert small_graph["ops"].get_absolute_url() in rows
    assert "Roles by track" in content


def test_graph_page_embeds_its_data_and_no_inline_script(client, small_graph):
    content = client.get(reverse("roles:role-graph")).content.decode()
    assert '<script id="role-graph-data" type="application/json">' in content
    assert "vendor/cytoscape/cytoscape.min.js" in content
    assert "js/role_graph.js" in content
    data = json.loads(content.split('type="application/json">')[1].split("</script>")[0])
    assert {node["slug"] for node in data["nodes"]} == {
        "customer-service-representative",
        "customer-service-manager",
        "service-operations-manager",
    }
    for chunk in content.split("<script")[1:]:
        opening, _, rest = chunk.partition(">")
        assert "src=" in opening or 'type="application/json"' in opening or rest.startswith("</script>")


def test_graph_json_lists_nodes_left_to_right_by_seniority_and_edges(client, small_graph):
    response = client.get(reverse("roles:role-graph-json"))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    x = {node["slug"]: node["x"] for node in data["nodes"]}
    assert x["customer-service-representative"] < x["customer-service-manager"] < x["service-operations-manager"]
    edge = next(e for e in data["edges"] if e["from"] == "customer-service-representative")
    assert edge == {
        "from": "customer-service-representative",
        "to": "customer-service-manager",
        "kind": "promotion",
        "kind_label": "Promotion",
        "months_min": 39,
        "months_max": 66,
        "steps": 3,
    }


def test_graph_json_is_read_only(client):
    assert client.post(reverse("roles:role-graph-json")).status_code == 405


def test_graph_leaves_out_archived_roles_and_moves(client, small_graph):
    small_graph["move"].archived = True
    small_graph["move"].save()
    RoleFactory(slug="gone", archived=True)
    data = client.get(reverse("roles:role-graph-json")).json()
    assert "gone" not in {node["slug"] for node in data["nodes"]}
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("customer-service-manager", "service-operations-manager")]


@pytest.mark.parametrize("name", ["roles:role-graph", "roles:role-graph-json", "roles:role-list", "home"])
def test_graph_list_and_home_queries_do_not_grow_with_the_graph(client, django_assert_max_num_queries, name):
    root = RoleFactory(level=1)
    _add_moves(root, count=2, steps_each=1)
    SalaryFactFactory(role=root)
    with django_assert_max_num_queries(4):
        assert client.get(reverse(name)).status_code == 200
    _add_moves(root, count=40, steps_each=4)
    for role in RoleFactory.create_batch(20, level=2):
        SalaryFactFactory(role=role)
    # Past SMALL_GRAPH_ROLES the graph page reads the cached graph: built once per revision, in
    # a fixed number of queries of its own (tests/roles/test_graph_cache.py).
    graph_get()
    with django_assert_max_num_queries(4):
        assert client.get(reverse(name)).status_code == 200


# --- Error pages ---


def test_server_error_page_renders_without_a_request():
    content = render_to_string("500.html")
    assert "Something went wrong" in content
    assert "vendor/bootstrap/css/bootstrap.min.css" in content


def test_the_plan_page_cites_its_salary_figures_by_name(client, user, plan):
    client.force_login(user)
    content = client.get(reverse("planner:plan-detail", args=[plan.pk])).content.decode()

    assert 'id="sources-heading"' in content
    assert '<sup class="cite"><a href="#source-1"' in content
    assert not SOURCE_FILE_NAME.search(content)


# --- The role list at 942 roles: filters, pages, the title search ---


def _listed(response):
    return [card.role.slug for group in response.context["groups"] for card in group.roles]


def test_level_and_salary_filters(client, small_graph):
    assert _listed(client.get(reverse("roles:role-list"), {"level": "4"})) == ["customer-service-manager"]
    with_salary = _listed(client.get(reverse("roles:role-list"), {"salary": "on"}))
    # The operations manager's only figure is relative to the manager's: it still has one.
    assert sorted(with_salary) == ["customer-service-manager", "service-operations-manager"]
    page = client.get(reverse("roles:role-list"), {"salary": "on", "level": "6"})
    ops = page.context["groups"][0].roles[0]
    assert ops.spread is not None and ops.spread.derived, "worked out from the manager's figures"


def test_job_zone_filter_keeps_the_roles_in_that_zone(client, small_graph):
    Role.objects.filter(slug="customer-service-representative").update(job_zone=2)
    Role.objects.filter(slug="customer-service-manager").update(job_zone=3)
    response = client.get(reverse("roles:role-list"), {"job_zone": "3"})
    assert _listed(response) == ["customer-service-manager"]
    content = response.content.decode()
    assert '<option value="3" selected>3: medium preparation needed</option>' in content
    assert "in O*NET job zone 3" in content and "Job zone 3" in content
    # Roles whose zone is unknown are in no zone; the filter combines with the others.
    assert _listed(client.get(reverse("roles:role-list"), {"job_zone": "2", "level": "4"})) == []
    assert len(_listed(client.get(reverse("roles:role-list"), {"job_zone": ""}))) == 3


@pytest.mark.parametrize("value", ["6", "0", "abc", "1.5", "\x00", "9" * 40])
def test_a_bad_job_zone_is_answered_at_the_field(client, small_graph, value):
    response = client.get(reverse("roles:role-list"), {"job_zone": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'aria-describedby="job-zone-errors"' in content and "Select a valid choice" in content
    assert len(_listed(response)) == 3  # the bad filter filters nothing


def test_job_zone_filter_works_without_javascript(client, small_graph):
    content = client.get(reverse("roles:role-list")).content.decode()
    # A labelled select inside the plain GET form; htmx only refreshes on change.
    assert '<label for="id_job_zone" class="form-label">O*NET job zone</label>' in content
    assert '<select name="job_zone" id="id_job_zone"' in content
    assert "change from:#id_job_zone" in content


def test_list_pages_keep_the_filters_in_their_links(client, small_graph, monkeypatch):
    monkeypatch.setattr(role_list, "ROLES_PER_PAGE", 2)
    first = client.get(reverse("roles:role-list"), {"track": "", "salary": ""})
    second = client.get(reverse("roles:role-list"), {"page": "2"})
    assert len(_listed(first)) == 2 and len(_listed(second)) == 1
    assert set(_listed(first)) | set(_listed(second)) == {
        "customer-service-representative",
        "customer-service-manager",
        "service-operations-manager",
    }
    content = first.content.decode()
    assert 'aria-label="Pages of roles"' in content and "track=&amp;salary=&amp;page=2" in content
    # A page past the end shows the last; a bad page number is the first.
    assert _listed(client.get(reverse("roles:role-list"), {"page": "999"})) == _listed(second)
    assert client.get(reverse("roles:role-list"), {"page": "abc"}).status_code == 200


def test_list_search_ranks_job_title_matches_first(client, small_graph):
    job_titles_rebuild(extract={"occupations": {}})
    # "custmer care agent": a typo of the representative's alternate title, found by the title search.
    assert _listed(client.get(reverse("roles:role-list"), {"q": "custmer care agent"}))[0] == (
        "customer-service-representative"
    )


def test_list_page_query_count_is_fixed(client, small_graph, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("roles:role-list"), {"q": "manager", "salary": "on", "level": "4", "job_zone": "3"})


# --- The graph page at 942 roles: the neighbourhood of a role ---


def test_a_large_graph_shows_the_neighbourhood_of_a_role(client, small_graph, monkeypatch):
    monkeypatch.setattr(graph_page, "SMALL_GRAPH_ROLES", 2)
    # By default: around the customer service manager, two moves deep (in from the representative,
    # out to the operations manager).
    response = client.get(reverse("roles:role-graph"))
    assert response.status_code == 200
    assert response.context["focus"].role.slug == "customer-service-manager"
    assert len(response.context["data"]["nodes"]) == 3
    content = response.content.decode()
    assert "Moves around Customer Service Manager" in content and "Widen to 3 moves" in content
    # Another role, one move deep: only what moves into or out of it.
    around_rep = client.get(reverse("roles:role-graph"), {"role": "customer-service-representative", "depth": "1"})
    assert {node["slug"] for node in around_rep.context["data"]["nodes"]} == {
        "customer-service-representative",
        "customer-service-manager",
    }
    assert "Narrow" not in around_rep.content.decode()


def test_the_graph_page_takes_a_role_by_title_and_refuses_unknown_ones(client, small_graph, monkeypatch):
    monkeypatch.setattr(graph_page, "SMALL_GRAPH_ROLES", 2)
    job_titles_rebuild(extract={"occupations": {}})
    by_title = client.get(reverse("roles:role-graph"), {"role_title": "Service Operations Manager"})
    assert by_title.context["focus"].role.slug == "service-operations-manager"
    unknown = client.get(reverse("roles:role-graph"), {"role": "astronaut", "depth": "9"})
    assert unknown.status_code == 200
    assert "No role matches “astronaut”" in unknown.content.decode()
    assert unknown.context["focus"].role.slug == "customer-service-manager"


def test_a_small_graph_is_drawn_whole(client, small_graph):
    response = client.get(reverse("roles:role-graph"))
    assert response.context["focus"].whole and len(response.context["data"]["nodes"]) == 3


# --- In Spanish ---


def test_role_page_reads_in_spanish_with_the_graph_text_marked_as_english(client, small_graph):
    client.cookies["django_language"] = "es"
    response = client.get(small_graph["manager"].get_absolute_url())
    content = response.content.decode()
    assert response.headers["Content-Language"] == "es"
    assert "Adónde puedes ir desde aquí" in content and "Where you can go from here" not in content
    assert "Estudios y experiencia" in content
    assert "Gestión" in content and "Nivel de antigüedad 4" in content  # the track and level, translated
    assert "Fuente: " in content and "Source: " not in content
    # The role's own text is quoted as written, in English, and says so.
    assert '<h1 class="mb-2" lang="en">Customer Service Manager</h1>' in content
    assert '<p class="lead" lang="en">Leads a team of representatives.</p>' in content
    assert 'Nivel 4: <span lang="en">Coaches a whole team through change</span>' in content
    assert 'Desarrolla <strong lang="en">Coaching</strong> hasta el nivel 4' in content


def test_role_list_with_filters_reads_in_spanish(client, small_graph):
    client.cookies["django_language"] = "es"
    content = client.get(reverse("roles:role-list"), {"q": "manager", "level": "4", "salary": "on"}).content.decode()
    assert "1 puesto encontrado" in content
    assert "para «<strong>manager</strong>»" in content and "de nivel 4" in content
    assert "con una cifra salarial" in content
    assert "Salario de $46" in content and "al año" in content
    assert '<a href="/roles/customer-service-manager/" lang="en">Customer Service Manager</a>' in content
    empty = client.get(reverse("roles:role-list"), {"q": "astronaut"}).content.decode()
    assert "Ningún puesto coincide con esta búsqueda" in empty
