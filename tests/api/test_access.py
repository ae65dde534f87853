"""
The pages' access matrix holds for every API endpoint.

Each endpoint is asked by every kind of caller in turn, in an order that keeps the answers
independent: callers that must be refused first, then the coach while the client shares (and
again after the client revokes, on the very next request), and the owner last (who may delete).
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from rest_framework.test import APIClient

from api.tokens import token_create, token_revoke
from coaching import services as coaching_services
from tests.api.conftest import bearer
from tests.factories import UserFactory

ACTORS = (
    "anonymous",
    "revoked token",
    "read-only token",
    "another seeker",
    "coach without access",
    "staff",
    "coach with access",
    "coach after revoke",
    "owner",
)
SIGNED_IN = {actor: None for actor in ACTORS if actor not in ("anonymous", "revoked token")}


def _statuses(default: int, **overrides) -> dict[str, int]:
    """Status per caller: ``default`` for every signed-in caller, 401 without valid credentials."""
    expected = dict.fromkeys(SIGNED_IN, default)
    expected.update({"anonymous": 401, "revoked token": 401})
    expected.update(
        {name.replace("_", " ").replace("read only", "read-only"): code for name, code in overrides.items()}
    )
    return expected


PUBLIC = dict.fromkeys(ACTORS, 200) | {"revoked token": 401}
OWN_PLAN = _statuses(404, owner=200, read_only_token=200)
OWN_PLAN_WRITE = _statuses(404, owner=200, read_only_token=403)
SHARED_PLAN = _statuses(404, coach_with_access=200)
SHARED_PLAN_WRITE = _statuses(404, coach_with_access=201, read_only_token=403)
COACHES_ONLY = _statuses(404, coach_with_access=200, coach_without_access=200, coach_after_revoke=200)

ENDPOINTS = [
    ("get", "/api/v1/", None, PUBLIC),
    ("get", "/api/v1/schema/", None, PUBLIC),
    ("get", "/api/v1/docs/", None, PUBLIC),
    ("get", "/api/v1/no-such-thing/", None, dict.fromkeys(ACTORS, 404) | {"revoked token": 401}),
    ("get", "/api/v1/roles/", None, PUBLIC),
    ("get", "/api/v1/roles/customer-service-manager/", None, PUBLIC),
    ("get", "/api/v1/roles/customer-service-manager/moves/", None, PUBLIC),
    ("get", "/api/v1/roles/customer-service-manager/neighbourhood/", None, PUBLIC),
    ("get", "/api/v1/sources/", None, PUBLIC),
    ("get", "/api/v1/routes/?from=customer-service-representative&to=customer-service-manager", None, PUBLIC),
    ("get", "/api/v1/me/profile/", None, _statuses(200)),
    ("patch", "/api/v1/me/profile/", {"hours_per_week": 8}, _statuses(200, read_only_token=403)),
    ("get", "/api/v1/me/plans/", None, _statuses(200)),
    ("post", "/api/v1/me/plans/", {"target": "customer-service-manager"}, _statuses(201, read_only_token=403)),
    ("get", "/api/v1/me/export/", None, _statuses(200)),
    ("get", "/api/v1/me/plans/{plan}/", None, OWN_PLAN),
    ("get", "/api/v1/me/plans/{plan}/steps/{step}/", None, OWN_PLAN),
    ("patch", "/api/v1/me/plans/{plan}/steps/{step}/", {"status": "doing"}, OWN_PLAN_WRITE),
    ("post", "/api/v1/me/plans/{plan}/archive/", None, OWN_PLAN_WRITE),
    ("post", "/api/v1/me/plans/{plan}/restore/", None, OWN_PLAN_WRITE),
    ("delete", "/api/v1/me/plans/{plan}/", None, _statuses(404, owner=204, read_only_token=403)),
    ("post", "/api/v1/me/plans/{plan}/comments/", {"body": "Thanks!"}, _statuses(404, owner=201, read_only_token=403)),
    # The suggestion below names a route the graph lacks: the owner reaches it and is told why it can't apply.
    (
        "post",
        "/api/v1/me/plans/{plan}/suggestions/{suggestion}/accept/",
        None,
        _statuses(404, owner=400, read_only_token=403),
    ),
    ("post", "/api/v1/me/plans/{plan}/suggestions/{suggestion}/decline/", None, OWN_PLAN_WRITE),
    ("get", "/api/v1/coach/clients/", None, COACHES_ONLY),
    ("get", "/api/v1/coach/plans/{plan}/", None, SHARED_PLAN),
    ("post", "/api/v1/coach/plans/{plan}/comments/", {"body": "Nice progress."}, SHARED_PLAN_WRITE),
    (
        "post",
        "/api/v1/coach/plans/{plan}/suggestions/",
        {"kind": "route", "route": ["customer-service-representative", "customer-service-supervisor"]},
        SHARED_PLAN_WRITE,
    ),
    ("get", "/api/v1/graph/history/", None, _statuses(403, staff=200)),
]

# The URL names this module's matrix covers (tests/test_urls.py checks every URL is declared), and
# the token pages, whose access tests/api/test_tokens.py checks (login required; another person's
# token is not found).
ACCESS_TESTED = {
    resolve(urlsplit(url.format(plan=1, step=1, suggestion=1)).path).view_name for _, url, *_ in ENDPOINTS
} | {
    "api:tokens",
    "api:token-revoke",
}


@pytest.fixture
def callers(user, plan, coach, coaching, staff_user):
    """A client per caller; the coach's is the same person before and after the revoke."""
    stranger_coach = UserFactory(username="coach-dan")
    coaching_services.coach_make(user=stranger_coach, by=staff_user)

    def session(person):
        client = APIClient()
        client.force_login(person)
        return client

    _, read_secret = token_create(user=user, name="reader", scope="read")
    revoked, revoked_secret = token_create(user=user, name="old", scope="read-write")
    token_revoke(token=revoked)
    return {
        "anonymous": APIClient(),
        "revoked token": APIClient(**bearer(revoked_secret)),
        "read-only token": APIClient(**bearer(read_secret)),
        "another seeker": session(UserFactory()),
        "coach without access": session(stranger_coach),
        "staff": session(staff_user),
        "coach with access": session(coach),
        "coach after revoke": session(coach),
        "owner": session(user),
    }


@pytest.mark.parametrize(("method", "url", "body", "expected"), ENDPOINTS, ids=[f"{m} {u}" for m, u, *_ in ENDPOINTS])
def test_who_may_use_each_endpoint(callers, user, plan, coaching, method, url, body, expected):
    suggestion = coaching_services.suggestion_create(
        plan=plan, author=coaching.coach, kind="route", route=["customer-service-representative", "x"]
    )
    url = url.format(plan=plan.pk, step=plan.steps.first().pk, suggestion=suggestion.pk)
    answers = {}
    for actor in ACTORS:
        if actor == "coach after revoke":
            coaching_services.coaching_revoke(coaching=coaching, by=user)
        response = getattr(callers[actor], method)(url, body, format="json")
        answers[actor] = response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json", (actor, response.content)
    assert answers == expected


def test_another_persons_plan_reads_exactly_like_a_missing_one(callers, plan):
    seeker = callers["another seeker"]

    theirs = seeker.get(f"/api/v1/me/plans/{plan.pk}/")
    missing = seeker.get(f"/api/v1/me/plans/{plan.pk + 1000}/")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
