import pytest
from django.core.cache import cache

from roles.models import Role


def test_roles_are_found_by_an_alternate_title(api, graph):
    role = graph["customer-service-manager"]
    alternate = role.alternate_titles.splitlines()[0]

    response = api.get("/api/v1/roles/", {"q": alternate})

    assert response.status_code == 200
    assert "customer-service-manager" in [item["slug"] for item in response.json()["results"]]


def test_roles_filter_by_track_and_level_and_page(api, graph):
    response = api.get("/api/v1/roles/", {"track": "management", "page_size": 2})

    body = response.json()
    assert {item["track"] for item in body["results"]} == {"management"}
    assert len(body["results"]) <= 2
    assert body["count"] >= len(body["results"])


def test_a_wrong_filter_is_a_400_at_its_parameter(api, graph):
    response = api.get("/api/v1/roles/", {"track": "astronomy"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "track"


def test_roles_filter_by_onet_job_zone(api, graph):
    Role.objects.filter(slug="customer-service-manager").update(job_zone=3)

    body = api.get("/api/v1/roles/", {"job_zone": "3"}).json()

    assert [(item["slug"], item["job_zone"]) for item in body["results"]] == [("customer-service-manager", 3)]
    assert api.get("/api/v1/roles/customer-service-manager/").json()["job_zone"] == 3
    assert api.get("/api/v1/roles/customer-service-supervisor/").json()["job_zone"] is None


@pytest.mark.parametrize("value", ["0", "6", "three", "3.0"])
def test_a_wrong_job_zone_is_a_400_at_its_parameter(api, graph, value):
    response = api.get("/api/v1/roles/", {"job_zone": value})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "job_zone"


def test_a_role_shows_its_salary_facts_with_their_sources(api, graph):
    body = api.get("/api/v1/roles/customer-service-manager/").json()

    assert body["skills"] and body["certifications"] is not None
    assert body["salary"]["facts"]
    assert all(fact["source"] for fact in body["salary"]["facts"])
    assert body["education"]["minimum"]


def test_an_unknown_role_is_a_404_problem(api, graph):
    response = api.get("/api/v1/roles/astronaut/moves/")

    assert response.status_code == 404
    assert response.json()["title"] == "Not Found"


def test_moves_and_neighbourhood_follow_the_graph(api, graph):
    moves = api.get("/api/v1/roles/customer-service-supervisor/moves/").json()
    near = api.get("/api/v1/roles/customer-service-supervisor/neighbourhood/", {"depth": 1}).json()

    assert "customer-service-manager" in [move["to"] for move in moves["moves_out"]]
    assert {item["slug"] for item in near["reachable"]} == {move["to"] for move in moves["moves_out"]}
    assert {item["moves"] for item in near["reachable"]} == {1}


def test_sources_list_the_documents_behind_the_facts(api, graph):
    results = api.get("/api/v1/sources/", {"page_size": 100}).json()["results"]

    assert any(item["salary_facts"] for item in results)


def test_anonymous_callers_are_throttled_per_address(api, graph, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": None}}
    cache.clear()

    answers = [api.get("/api/v1/sources/").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    refused = api.get("/api/v1/sources/")
    assert refused.json()["status"] == 429
    assert "Retry-After" in refused


@pytest.mark.parametrize("page_size", ["0", "101", "ten"])
def test_a_wrong_page_size_is_refused(api, graph, page_size):
    response = api.get("/api/v1/sources/", {"page_size": page_size})

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "page_size", "message": "Give a page size from 1 to 100."}]


def test_a_made_up_forwarded_for_header_does_not_dodge_the_throttle(api, graph, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": None}}
    cache.clear()

    answers = [
        api.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(3)
    ]

    assert answers == [200, 200, 429]
