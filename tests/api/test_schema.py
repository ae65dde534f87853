"""The OpenAPI document is valid, and every operation keeps to it under generated input (schemathesis)."""

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from careerpath.wsgi import application


def test_the_schema_validates_as_openapi_3_with_no_warnings(db):
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)

    assert out.getvalue().startswith("openapi: 3.0")


def test_every_error_response_is_a_documented_problem(api, db):
    schema = api.get("/api/v1/schema/?format=json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code in ("400", "401", "403", "404", "429"):
                content = operation["responses"][code]["content"]
                assert list(content) == ["application/problem+json"], (method, path, code)


@pytest.fixture
def _keep_the_test_connection():
    """
    Keep the database connection open between requests, as Django's test client does.

    The WSGI app closes connections when a request finishes; inside a test that would close the
    test's own transaction (PostgreSQL says "the connection is closed").
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Served by the WSGI app in this process (no network); the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.usefixtures("_keep_the_test_connection")
def test_every_operation_keeps_to_the_schema_under_generated_input(case, plan, write_token):
    # Positive data acceptance is left out: a schema-valid request may still name a skill or role
    # that does not exist, and then a 400 or 404 at that parameter is the right answer.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {write_token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )


def test_the_documentation_page_loads_its_scripts_from_files_not_inline(client, db):
    page = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<script>" not in page and "<style>" not in page
    assert "cdn" not in page.lower()
    assert client.get("/api/v1/docs/?script=")["Content-Type"].startswith("application/javascript")
