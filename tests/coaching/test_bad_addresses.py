"""Every address with an id answers an impossible id with 404 or a refusal, never a server error."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from coaching.services import coach_make
from tests.factories import UserFactory

BAD_IDS = ["99999999999999999999999", "0"]


def _routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _addresses(bad_id, real_ids=None):
    """Each address with an id, the ids bad; with ``real_ids``, a real first id and bad ones after it."""
    for route in _routes(get_resolver()):
        if not re.search(r"<(int|id):", route):
            continue
        first = re.search(r"<(?:int|id):(\w+)>", route)
        if real_ids is not None:
            real = real_ids(route)
            if real is None:
                continue
            route = route[: first.start()] + str(real) + route[first.end() :]
            if not re.search(r"<(int|id):", route):
                continue
        yield "/" + re.sub(r"<[^>]+>", "x", re.sub(r"<(?:int|id):[^>]+>", bad_id, route))


def _broken(client, urls):
    broken = []
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                broken.append((method, url, response.status_code))
    return broken


@pytest.mark.parametrize("who", ["seeker", "coach", "staff"])
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_impossible_ids_never_break_a_page(client, staff_user, who, bad_id):
    person = {"seeker": UserFactory, "coach": UserFactory, "staff": lambda: staff_user}[who]()
    if who == "coach":
        coach_make(user=person, by=staff_user)
    client.force_login(person)

    assert not _broken(client, _addresses(bad_id))


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_impossible_ids_under_a_real_plan_or_client_never_break_a_page(client, user, coach, coaching, plan, bad_id):
    def plan_first(route):
        if route.startswith("coach/clients/"):
            return user.pk
        return plan.pk if route.startswith(("plans/", "coach/plans/")) else None

    client.force_login(user)
    assert not _broken(client, _addresses(bad_id, plan_first))
    client.force_login(coach)
    assert not _broken(client, _addresses(bad_id, plan_first))
