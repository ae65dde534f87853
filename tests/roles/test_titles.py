"""The job title search: the table's rebuild, the search's ranking and bad input, its pages and the picker field."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from roles import services
from roles.forms import RoleTitleField
from roles.graph_file import graph_export, parse_graph
from roles.models import JobTitle, Role, RoleOnetData, Track
from roles.onet import role_slug
from roles.onet.joined import load_join
from roles.revision import graph_revision_key
from roles.selectors.titles import EXACT, FUZZY, PREFIX, job_title_search
from roles.services import job_titles_rebuild
from roles.titles import normalize_title
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

ACCESS_TESTED = {
    "roles:title-search": "test_title_pages_answer_everyone",
    "roles:title-suggest": "test_title_pages_answer_everyone",
}

# A small extract: two O*NET occupations with alternate and short titles.
EXTRACT = {
    "occupations": {
        "41-2011.00": {
            "title": "Cashiers",
            "alternate_titles": [
                ["Cashier", "", "08"],
                ["Checkout Operator", "", "10"],
                ["Front End Cashier", "", "10"],
            ],
        },
        "43-4171.00": {
            "title": "Receptionists and Information Clerks",
            "alternate_titles": [
                ["Front Desk Receptionist", "Receptionist", "08"],
                ["Call Center Agent", "", "10"],
                ["Information Clerk", "", "10"],
            ],
        },
    }
}


@pytest.fixture
def titles():
    rep = RoleFactory(
        slug="customer-service-representative",
        title="Customer Service Representative",
        track=Track.FRONTLINE,
        level=1,
        alternate_titles="Call Center Agent\nCustomer Care Agent",
    )
    manager = RoleFactory(slug="customer-service-manager", title="Customer Service Manager", level=4)
    cashier = RoleFactory(slug="onet-41-2011-00", title="Cashiers", level=1)
    reception = RoleFactory(slug="onet-43-4171-00", title="Receptionists and Information Clerks", level=1)
    RoleFactory(slug="no-experience", title="No experience", level=0, is_entry=True)
    RoleFactory(slug="archived-role", title="Cashier Supervisor", level=2, archived=True)
    job_titles_rebuild(extract=EXTRACT)
    return {"rep": rep, "manager": manager, "cashier": cashier, "reception": reception}


def _slugs(query, **kwargs):
    return [match.role.slug for match in job_title_search(query, **kwargs)]


def test_normalize_title_drops_case_accents_and_punctuation():
    assert normalize_title("  Café-Barista / Front-Desk  ") == "cafe barista front desk"
    assert normalize_title("%_\\'\"😀") == ""


def test_rebuild_takes_roles_titles_alternates_and_onet_titles(titles):
    kinds = {(row.role.slug, row.title): row.kind for row in JobTitle.objects.select_related("role")}
    assert kinds[("customer-service-representative", "Call Center Agent")] == JobTitle.Kind.ROLE_ALTERNATE
    assert kinds[("onet-41-2011-00", "Cashiers")] == JobTitle.Kind.ROLE_TITLE
    assert kinds[("onet-41-2011-00", "Checkout Operator")] == JobTitle.Kind.ONET_ALTERNATE
    assert kinds[("onet-43-4171-00", "Receptionist")] == JobTitle.Kind.ONET_SHORT
    # Neither the entry node nor an archived role is a job title.
    assert not JobTitle.objects.filter(role__slug__in=["no-experience", "archived-role"]).exists()
    assert JobTitle.objects.get(title="Customer Service Manager").customer_service
    assert not JobTitle.objects.get(title="Cashiers").customer_service
    # A rebuild replaces, never adds to, what was there.
    count = JobTitle.objects.count()
    job_titles_rebuild(extract=EXTRACT)
    assert JobTitle.objects.count() == count


def test_exact_then_prefix_and_our_roles_first_on_ties(titles):
    results = job_title_search("call center agent")
    # Both roles carry the title exactly; our customer service role comes first.
    assert [m.role.slug for m in results[:2]] == ["customer-service-representative", "onet-43-4171-00"]
    assert results[0].match == EXACT and results[0].title == "Call Center Agent" and results[0].is_other_title
    assert job_title_search("Cashier")[0].role.slug == "onet-41-2011-00"
    prefix = job_title_search("customer service man")
    assert prefix[0].role.slug == "customer-service-manager" and prefix[0].match == PREFIX


def test_one_suggestion_per_role(titles):
    slugs = _slugs("cashier")
    assert len(slugs) == len(set(slugs))


def test_word_order_and_typos(titles):
    assert _slugs("agent call center")[0] == "customer-service-representative"
    assert _slugs("receptionist")[0] == "onet-43-4171-00"
    typo = job_title_search("casheir")
    assert typo[0].role.slug == "onet-41-2011-00" and typo[0].match == FUZZY
    assert _slugs("recepcionist")[0] == "onet-43-4171-00"


@pytest.mark.parametrize("query", ["", "   ", "x" * 10_000, '"', "'", "%", "_", "\\", "😀", "%_%", "a%b_c\\d"])
def test_odd_queries_never_fail(titles, query):
    assert isinstance(job_title_search(query), list)
    assert job_title_search("%") == [] and job_title_search("") == []


def test_limit_is_bounded(titles):
    assert len(job_title_search("c", limit=1000)) <= 50
    assert len(job_title_search("customer", limit=1)) == 1


def test_title_pages_answer_everyone(client, user, titles):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        page = client.get(reverse("roles:title-search"), {"q": "cashier"})
        assert page.status_code == 200 and "Cashiers" in page.content.decode()
        suggest = client.get(reverse("roles:title-suggest"), {"field": "start", "start_title": "cashier"})
        assert suggest.status_code == 200
        assert (
            'role="listbox"' in suggest.content.decode() and 'data-slug="onet-41-2011-00"' in suggest.content.decode()
        )


@pytest.mark.parametrize("query", ["", "x" * 10_000, "%", "😀", "'\"\\"])
def test_title_pages_take_odd_input(client, titles, query):
    assert client.get(reverse("roles:title-search"), {"q": query}).status_code == 200
    response = client.get(reverse("roles:title-suggest"), {"field": "<script>", "q": query})
    assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_signed_out_home_pick_goes_to_the_role(client, titles):
    response = client.get(reverse("roles:title-search"), {"start": "onet-41-2011-00", "start_title": "Cashiers"})
    assert response.status_code == 302 and response["Location"] == titles["cashier"].get_absolute_url()


def test_role_title_field(titles):
    field = RoleTitleField(queryset=Role.objects.active().filter(is_entry=False))
    assert field.clean(("customer-service-manager", "")) == titles["manager"]
    # Typed without JavaScript: a title naming one role exactly is taken.
    assert field.clean(("", "Checkout operator")) == titles["cashier"]
    for value, message in [
        (("nope", ""), "No role matches “nope” — pick one from the suggestions."),
        (("", "call center agent"), "No role matches “call center agent” — pick one from the suggestions."),
        (("", "x" * 500), "That is longer than any job title: type a shorter one."),
        (("", ""), "Type a job title and pick a role from the suggestions."),
    ]:
        with pytest.raises(Exception) as error:
            field.clean(value)
        assert message in str(error.value)


# --- On the real extract: O*NET's own alternate titles for a few occupations ---

REAL_CODES = {
    "41-2011.00": "Cashiers",
    "43-4171.00": "Receptionists and Information Clerks",
    "35-3023.01": "Baristas",
    "15-1232.00": "Computer User Support Specialists",
    "43-4051.00": "Customer Service Representatives",
    "41-9041.00": "Telemarketers",
    "41-2031.00": "Retail Salespersons",
}


@pytest.fixture
def real_titles():
    for code, title in REAL_CODES.items():
        RoleFactory(slug=role_slug(code), title=title, level=1)
    RoleFactory(slug="customer-service-manager", title="Customer Service Manager", level=4)
    return job_titles_rebuild()


@pytest.mark.parametrize(
    ("query", "sensible"),
    [
        ("cashier", {"onet-41-2011-00"}),
        ("casheir", {"onet-41-2011-00"}),
        ("barista", {"onet-35-3023-01"}),
        ("receptionist", {"onet-43-4171-00"}),
        ("recepcionist", {"onet-43-4171-00"}),
        ("help desk", {"onet-15-1232-00"}),
        ("call center agent", {"onet-43-4051-00", "onet-41-9041-00", "onet-43-4171-00"}),
        ("retail sales associate", {"onet-41-2031-00"}),
        ("customer service manager", {"customer-service-manager"}),
    ],
)
def test_real_titles_land_somewhere_sensible(real_titles, query, sensible):
    assert real_titles > 500, "the occupations' alternate titles were read from the shipped extract"
    assert job_title_search(query)[0].role.slug in sensible


def test_a_rebuild_that_changes_nothing_does_not_bump_the_revision(titles):
    before = graph_revision_key()
    job_titles_rebuild(extract=EXTRACT)
    assert graph_revision_key() == before
    Role.objects.filter(slug="customer-service-manager").update(title="Customer Care Manager")
    job_titles_rebuild(extract=EXTRACT)
    assert graph_revision_key() != before
    assert job_title_search("customer care manager")[0].role.slug == "customer-service-manager"


# --- The table stays true after the editor's writes -----------------------------------------------


def _titles_of(role):
    return set(JobTitle.objects.filter(role=role).values_list("title", "kind"))


def test_editing_a_title_or_alternate_titles_redoes_that_roles_job_titles(titles):
    manager = titles["manager"]
    services.role_update(role=manager, data={"title": "Contact Centre Manager", "alternate_titles": "Care Lead"})

    assert _titles_of(manager) == {
        ("Contact Centre Manager", JobTitle.Kind.ROLE_TITLE),
        ("Care Lead", JobTitle.Kind.ROLE_ALTERNATE),
    }
    assert job_title_search("contact centre manager")[0].role == manager
    assert job_title_search("care lead")[0].role == manager
    assert manager not in [match.role for match in job_title_search("customer service manager")]
    # The other roles' rows are as the rebuild left them, and a rebuild now would change nothing.
    before = graph_revision_key()
    job_titles_rebuild(extract=EXTRACT)
    assert graph_revision_key() == before


def test_a_refused_edit_leaves_the_job_titles_as_they_were(titles):
    manager = titles["manager"]
    held = _titles_of(manager)
    with pytest.raises(ValidationError):
        services.role_update(role=manager, data={"title": "Manager", "level": 99})
    assert _titles_of(manager) == held


def test_the_refresh_is_in_the_services_transaction(titles):
    manager = titles["manager"]
    held = _titles_of(manager)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.role_update(role=manager, data={"title": "Contact Centre Manager"})
        assert job_title_search("contact centre manager")[0].role.pk == manager.pk
        raise RuntimeError("the request fails after the service")
    assert _titles_of(manager) == held


def test_a_new_role_is_found_by_its_titles_and_an_archived_one_is_not(titles):
    role = services.role_create(
        slug="trainer", title="Customer Service Trainer", track="leadership", level=3, alternate_titles="Coach"
    )
    assert job_title_search("customer service trainer")[0].role == role
    assert job_title_search("coach")[0].role == role

    services.role_archive(role=titles["reception"])
    assert not JobTitle.objects.filter(role=titles["reception"]).exists()
    assert "onet-43-4171-00" not in _slugs("receptionist")


def test_a_restored_occupation_gets_its_onet_titles_back_from_the_graphs_onet_data(titles):
    reception = titles["reception"]
    RoleOnetData.objects.create(
        role=reception,
        data={
            "code": "43-4171.00",
            "title": "Receptionists and Information Clerks",
            "alternate_titles": [{"title": "Front Desk Receptionist", "short_title": "Receptionist", "sources": ""}],
        },
    )
    services.role_archive(role=reception)
    services.role_restore(role=reception)

    assert _titles_of(reception) == {
        ("Receptionists and Information Clerks", JobTitle.Kind.ROLE_TITLE),
        ("Front Desk Receptionist", JobTitle.Kind.ONET_ALTERNATE),
        ("Receptionist", JobTitle.Kind.ONET_SHORT),
    }


def test_an_occupation_without_onet_data_in_the_graph_keeps_its_onet_titles(titles):
    cashier = titles["cashier"]  # made by the rebuild from an extract; the graph holds no O*NET data
    services.role_update(role=cashier, data={"alternate_titles": "Till Operator"})

    assert ("Checkout Operator", JobTitle.Kind.ONET_ALTERNATE) in _titles_of(cashier)
    assert ("Till Operator", JobTitle.Kind.ROLE_ALTERNATE) in _titles_of(cashier)


def test_a_revert_redoes_the_job_titles(titles):
    manager = titles["manager"]
    services.role_update(role=manager, data={"title": "Contact Centre Manager"})
    change = manager.history.order_by("-history_id").first()
    services.history_revert(key="role", history_id=change.history_id)

    assert job_title_search("customer service manager")[0].role == manager
    assert "Contact Centre Manager" not in [match.title for match in job_title_search("contact centre manager")]


def test_the_admin_and_the_graph_import_redo_the_job_titles(admin_client, titles):
    manager = titles["manager"]
    data = {
        "title": "Contact Centre Manager",
        "slug": manager.slug,
        "track": manager.track,
        "level": manager.level,
        "summary": "",
        "duties": "",
        "alternate_titles": "",
        "onet_soc_code": "",
        "sources": "",
        "min_education": 0,
        "min_experience_years": "0",
        "min_leadership_years": "0",
        "education_note": "",
        "experience_note": "",
        **{
            f"{prefix}-{key}": value
            for prefix in ("role_skills", "role_certifications", "salary_facts")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    response = admin_client.post(reverse("admin:roles_role_change", args=[manager.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert job_title_search("contact centre manager")[0].role == manager

    exported = graph_export()
    for role in exported["roles"]:
        if role["slug"] == "customer-service-manager":
            role["title"] = "Head of Customer Care"
    services.graph_import(parsed=parse_graph(exported))
    assert job_title_search("head of customer care")[0].role == manager


# --- Bundled roles answer to their occupations' titles (the real extract) ---------------------------

BUNDLED = {
    # slug: (title, level)
    "customer-service-representative": ("Customer Service Representative", 1),
    "customer-service-senior-associate": ("Customer Service Senior Associate", 2),
    "lead-customer-service-representative": ("Lead Customer Service Representative", 3),
    "customer-service-supervisor": ("Customer Service Supervisor", 4),
    "call-center-manager": ("Call Center Customer Service Manager", 5),
    "customer-service-manager": ("Customer Service Manager", 5),
    "service-center-manager": ("Service Center Manager", 5),
}
OCCUPATIONS = {
    **REAL_CODES,
    "43-1011.00": "First-Line Supervisors of Office and Administrative Support Workers",
    "43-4181.00": "Reservation and Transportation Ticket Agents and Travel Clerks",
}


@pytest.fixture
def joined_titles():
    join = {entry["role"]: entry["codes"] for entry in load_join()["roles"]}
    for slug, (title, level) in BUNDLED.items():
        RoleFactory(slug=slug, title=title, level=level, onet_join=join[slug])
    for code, title in OCCUPATIONS.items():
        RoleFactory(slug=role_slug(code), title=title, level=2, track=Track.OTHER)
    return job_titles_rebuild()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # O*NET lists these under Telemarketers, Receptionists, Computer User Support Specialists:
        # the join names them for the representative (the join file's "titles").
        ("call center agent", "customer-service-representative"),
        ("Call Center Agent", "customer-service-representative"),
        ("agent call center", "customer-service-representative"),
        ("contact center agent", "customer-service-representative"),
        ("help desk", "customer-service-representative"),
        # 43-4051.00's titles: quoted as the join's evidence, or taken by its most junior version.
        ("customer service agent", "customer-service-representative"),
        ("call center representative", "customer-service-representative"),
        ("customer care representative", "customer-service-representative"),
        ("customer support specialist", "customer-service-representative"),
        ("csr", "customer-service-representative"),
        # 43-1011.00's: the versions whose join quotes them.
        ("call center manager", "call-center-manager"),
        ("customer service supervisor", "customer-service-supervisor"),
        ("call center supervisor", "customer-service-supervisor"),
        # Titles of occupations no bundled role is a version of stay theirs.
        ("cashier", "onet-41-2011-00"),
        ("receptionist", "onet-43-4171-00"),
        ("help desk technician", "onet-15-1232-00"),
        ("telemarketer", "onet-41-9041-00"),
        ("travel agent", "onet-43-4181-00"),
    ],
)
def test_bundled_roles_come_first_for_their_occupations_titles(joined_titles, query, first):
    assert job_title_search(query)[0].role.slug == first


def test_only_the_version_that_is_the_whole_occupation_takes_its_titles(joined_titles):
    # The representative is O*NET's "Customer Service Representatives" (the join quotes the title):
    # it takes 43-4051.00's alternate titles. The supervisors and managers are the customer service
    # part of 43-1011.00: "Office Manager", one of its titles, suggests the occupation.
    inherited = JobTitle.objects.filter(kind=JobTitle.Kind.ONET_ALTERNATE, customer_service=True)
    assert set(inherited.values_list("role__slug", flat=True)) == {"customer-service-representative"}
    assert _slugs("office manager")[0] == "onet-43-1011-00"
    assert _slugs("administrative supervisor")[0] == "onet-43-1011-00"


def test_the_next_version_takes_the_occupations_titles_when_the_first_is_archived(joined_titles):
    # The graph's O*NET data for 43-4051.00 (what a joined load writes), read by the refresh.
    occupation = Role.objects.get(slug="onet-43-4051-00")
    alternates = [["Customer Care Representative (CCR)", ""], ["Customer Service Agent", ""]]
    RoleOnetData.objects.create(
        role=occupation,
        data={
            "code": "43-4051.00",
            "title": occupation.title,
            "alternate_titles": [{"title": t, "short_title": s, "sources": ""} for t, s in alternates],
        },
    )
    services.role_archive(role=Role.objects.get(slug="customer-service-representative"))

    # The lead representative is the whole occupation too (its join quotes the title): it takes them.
    assert job_title_search("customer care representative")[0].role.slug == "lead-customer-service-representative"
    assert job_title_search("customer service associate")[0].role.slug == "customer-service-senior-associate"
    services.role_restore(role=Role.objects.get(slug="customer-service-representative"))
    assert job_title_search("customer care representative")[0].role.slug == "customer-service-representative"
