"""Every address with an id answers an impossible id with 404 or a refusal, never a server error."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from planner.coaching import coach_make
from tests.factories import UserFactory

BAD_IDS = ["99999999999999999999999", "0"]


def _routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _addresses(bad_id):
    for route in _routes(get_resolver()):
        if "<int:" in route:
            yield "/" + re.sub(r"<[^>]+>", "x", re.sub(r"<int:[^>]+>", bad_id, route))


@pytest.mark.parametrize("who", ["seeker", "coach", "staff"])
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_impossible_ids_never_break_a_page(client, staff_user, who, bad_id):
    person = {"seeker": UserFactory, "coach": UserFactory, "staff": lambda: staff_user}[who]()
    if who == "coach":
        coach_make(user=person, by=staff_user)
    client.force_login(person)
    broken = []
    for url in _addresses(bad_id):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                broken.append((method, url, response.status_code))
    assert not broken
