import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from careerpath.ratelimit import Rate, client_ip, parse_rate, ratelimit, ratelimit_hit


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/m", Rate(5, 60)),
        ("100/h", Rate(100, 3600)),
        ("3/10m", Rate(3, 600)),
        ("1/s", Rate(1, 1)),
        ("2/d", Rate(2, 86400)),
    ],
)
def test_parse_rate_reads_count_and_period(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["5", "5/x", "a/m", "0/m", "5/0m", ""])
def test_parse_rate_refuses_nonsense(text):
    with pytest.raises(ValueError, match="count"):
        parse_rate(text)


def test_hits_over_the_limit_say_how_long_to_wait():
    rate = Rate(3, 60)
    waits = [ratelimit_hit(scope="t", identity="ip:1.2.3.4", rate=rate) for _ in range(4)]

    assert waits[:3] == [None, None, None]
    assert 0 < waits[3] <= 60
    # Another identity and another scope count separately.
    assert ratelimit_hit(scope="t", identity="ip:5.6.7.8", rate=rate) is None
    assert ratelimit_hit(scope="u", identity="ip:1.2.3.4", rate=rate) is None


def test_decorator_answers_429_with_a_readable_page_and_only_counts_the_given_methods(db):
    view = ratelimit(key="ip", rate="2/m", scope="demo")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()

    assert [view(factory.get("/")).status_code for _ in range(5)] == [200] * 5
    statuses = [view(factory.post("/")).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = view(factory.post("/"))
    assert int(response["Retry-After"]) <= 60
    assert "Too many attempts" in response.content.decode()


def test_per_user_key_counts_each_person_apart(user, other_user):
    view = ratelimit(key="user", rate="1/h", scope="per-user")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()

    def post_as(person):
        request = factory.post("/")
        request.user = person
        return view(request).status_code

    assert [post_as(user), post_as(user), post_as(other_user)] == [200, 429, 200]


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"  # the client can forge 6.6.6.6, not what our proxy added
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.1"  # fewer hops than proxies: the connection's address


def test_client_ip_is_empty_rather_than_anything_but_an_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()

    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")) == "10.0.0.1"
    request = factory.get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == ""


def test_signup_is_rate_limited_per_address(client, db, settings):
    settings.RATELIMIT_SIGNUP = "3/h"
    data = {"username": "x", "email": "bad"}

    statuses = [client.post(reverse("signup"), data).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert client.get(reverse("signup")).status_code == 200  # the form itself still shows


def test_password_reset_is_rate_limited_and_says_the_same_for_any_address(client, user, settings, mailoutbox):
    settings.RATELIMIT_PASSWORD_RESET = "2/h"

    known = client.post(reverse("password_reset"), {"email": user.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    limited = client.post(reverse("password_reset"), {"email": user.email})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert limited.status_code == 429
    assert len(mailoutbox) == 1
