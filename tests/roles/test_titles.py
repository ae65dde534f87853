"""The job title search: the table's rebuild, the search's ranking and bad input, its pages and the picker field."""

import pytest
from django.urls import reverse

from roles.forms import RoleTitleField
from roles.models import JobTitle, Role, Track
from roles.onet import role_slug
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
