"""Personal access tokens: make, find by secret, revoke (writes keyword-only and atomic)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import PersonalAccessToken

TOKEN_PREFIX = "cp_"
MAX_ACTIVE_TOKENS = 20
# Writing the last use on every request would make each API call a write; once a minute is enough to show.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: AbstractBaseUser, name: str, scope: str) -> tuple[PersonalAccessToken, str]:
    """Make a token; return it and the full text to show once (it cannot be read back later)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, such as the script that will use it.")})
    if scope not in PersonalAccessToken.Scope.values:
        raise ValidationError({"scope": _("Choose read or read-write.")})
    if PersonalAccessToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)s tokens; revoke one you no longer use first.") % {"count": MAX_ACTIVE_TOKENS}
        )
    prefix = secrets.token_hex(4)
    while PersonalAccessToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = PersonalAccessToken(user=user, name=name[:80], prefix=prefix, secret_hash=_hash(secret), scope=scope)
    token.full_clean()
    token.save()
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


def token_authenticate(text: str) -> PersonalAccessToken | None:
    """Return the active token this text is, or None; note its use."""
    if not text.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, secret = text[len(TOKEN_PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    token = PersonalAccessToken.objects.active().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_list_for_user(*, user: AbstractBaseUser) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user)


def token_get_for_owner(*, user: AbstractBaseUser, token_id: int) -> PersonalAccessToken:
    token = PersonalAccessToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def token_revoke(*, token: PersonalAccessToken) -> PersonalAccessToken:
    """Revoke a token; requests made with it fail from the next one on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_export(user) -> list[dict]:
    """A person's tokens for their data export: names, scopes and dates, never a secret or its hash."""
    return [
        {
            "name": token.name,
            "scope": token.scope,
            "created_at": token.created_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in PersonalAccessToken.objects.filter(user=user).order_by("created_at", "pk")
    ]
