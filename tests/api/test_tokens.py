import hashlib

import pytest
from django.utils import timezone

from api.models import PersonalAccessToken
from api.tokens import token_authenticate, token_create
from tests.api.conftest import bearer


def test_only_a_hash_of_the_secret_is_stored(user):
    token, text = token_create(user=user, name="report", scope="read")

    assert text.startswith(f"cp_{token.prefix}_")
    secret = text.split("_", 2)[2]
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(PersonalAccessToken.objects.filter(pk=token.pk).values().get())


def test_a_mistyped_or_revoked_token_is_refused_with_a_readable_problem(api, user, db):
    token, text = token_create(user=user, name="report", scope="read")

    wrong = api.get("/api/v1/me/profile/", **bearer(text[:-1] + ("A" if text[-1] != "A" else "B")))
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "This token is not valid: it is mistyped or was revoked."
    assert wrong["WWW-Authenticate"] == "Bearer"

    token.revoked_at = timezone.now()
    token.save()
    assert token_authenticate(text) is None


def test_a_token_records_its_last_use(api, user):
    token, text = token_create(user=user, name="report", scope="read")

    api.get("/api/v1/me/profile/", **bearer(text))

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_read_only_token_is_told_why_it_cannot_write(api, plan, read_token):
    response = api.post(f"/api/v1/me/plans/{plan.pk}/archive/", **bearer(read_token))

    assert response.status_code == 403
    assert response.json()["detail"] == "This token can only read. Make a read-write token to change things."


def test_the_tokens_page_asks_for_a_login(client, db):
    response = client.get("/api/tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_tokens_page_shows_a_new_secret_once_and_lists_the_token(client, user):
    client.force_login(user)

    made = client.post("/api/tokens/", {"name": "weekly report", "scope": "read-write"})

    assert made.status_code == 201
    secret = made.context["secret"]
    assert secret.startswith("cp_") and secret in made.content.decode()
    later = client.get("/api/tokens/").content.decode()
    assert "weekly report" in later
    assert secret not in later


def test_a_token_needs_a_name(client, user):
    client.force_login(user)

    response = client.post("/api/tokens/", {"name": " ", "scope": "read"})

    assert response.status_code == 400
    assert not PersonalAccessToken.objects.exists()


def test_revoking_a_token_refuses_it_from_the_next_request(client, api, user):
    token, text = token_create(user=user, name="script", scope="read")
    client.force_login(user)

    client.post(f"/api/tokens/{token.pk}/revoke/")

    assert api.get("/api/v1/me/profile/", **bearer(text)).status_code == 401


@pytest.mark.parametrize(("method", "status"), [("get", 405), ("post", 404)])
def test_another_persons_token_cannot_be_revoked(client, user, other_user, method, status):
    token, _ = token_create(user=user, name="script", scope="read")
    client.force_login(other_user)

    response = getattr(client, method)(f"/api/tokens/{token.pk}/revoke/")

    assert response.status_code == status
    token.refresh_from_db()
    assert token.revoked_at is None
