import json
from io import StringIO

import pytest
from django.core.management import call_command

QUESTIONS = [
    ("customer-service-representative", "customer-service-manager", [], {}),
    (
        "customer-service-representative",
        "customer-service-manager",
        ["--by", "salary", "--k", "5"],
        {"by": "salary", "k": "5"},
    ),
    (
        "no-experience",
        "operations-manager",
        ["--by", "moves", "--years", "2.5", "--years-leading", "1", "--education", "bachelor"],
        {"by": "moves", "years": "2.5", "years_leading": "1", "education": "bachelor"},
    ),
]


@pytest.mark.parametrize(("source", "target", "options", "params"), QUESTIONS)
def test_routes_endpoint_answers_the_same_json_as_the_routes_command(api, graph, source, target, options, params):
    out = StringIO()
    call_command("routes", source, target, "--json", *options, stdout=out)

    response = api.get("/api/v1/routes/", {"from": source, "to": target, **params})

    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["routes"]


def test_routes_personalised_by_skills_and_certifications_match_the_command(api, graph):
    out = StringIO()
    call_command(
        "routes",
        "customer-service-representative",
        "customer-service-manager",
        "--json",
        "--skill",
        "leadership=3",
        "--skill",
        "conflict-resolution=4",
        "--certification",
        "ccsm",
        stdout=out,
    )
    response = api.get(
        "/api/v1/routes/?from=customer-service-representative&to=customer-service-manager"
        "&skill=leadership:3&skill=conflict-resolution:4&certification=ccsm"
    )
    assert response.status_code == 200, response.json()
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["personalised"] is True


def test_an_unknown_role_is_a_404_problem(api, graph):
    response = api.get("/api/v1/routes/", {"from": "astronaut", "to": "customer-service-manager"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "There is no role “astronaut”."


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"by": "fastest"}, "by", "Choose time, moves or salary."),
        ({"k": "0"}, "k", "Give a whole number from 1 to 20."),
        ({"k": "many"}, "k", "Give a whole number from 1 to 20."),
        ({"skill": "coaching"}, "skill[0]", "Give a skill as slug:level with a level from 1 to 5, as in coaching:3."),
        ({"skill": "juggling:2"}, "skill", "There is no skill “juggling”."),
        ({"certification": "pilot-licence"}, "certification", "There is no certification “pilot-licence”."),
    ],
)
def test_a_bad_parameter_is_a_400_problem_at_that_parameter(api, graph, params, field, message):
    query = {"from": "customer-service-representative", "to": "customer-service-manager", **params}

    response = api.get("/api/v1/routes/", query)

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["errors"] == [{"field": field, "message": message}]
    assert body["detail"] == message


def test_graph_answers_revalidate_with_the_graph_revision_etag(api, graph):
    url = "/api/v1/routes/?from=customer-service-representative&to=customer-service-manager"
    first = api.get(url)
    etag = first["ETag"]
    assert "max-age=60" in first["Cache-Control"]

    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304

    graph["customer-service-manager"].save()  # any graph write bumps the revision
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
