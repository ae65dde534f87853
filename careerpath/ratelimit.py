"""
A small fixed-window rate limiter on the shared cache.

    @method_decorator(ratelimit(key="ip", rate="5/h", scope="signup"), name="post")
    class SignupView(FormView): ...

Counters live in the default cache (Redis in production), so every worker and machine counts
together. Only the methods given are counted (POST by default): showing a form is never limited.
Over the limit, the view is not run and the person gets a 429 page saying when to try again.
"""

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

__all__ = ["Rate", "client_ip", "parse_rate", "ratelimit", "ratelimit_hit"]

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(rate: str) -> Rate:
    """Read ``"5/m"`` (or ``"100/h"``, ``"3/10m"``) as a count per window."""
    try:
        count_text, period = rate.split("/")
        multiple = int(period[:-1] or 1)
        rate_obj = Rate(count=int(count_text), seconds=multiple * _PERIODS[period[-1]])
    except (ValueError, KeyError, IndexError):
        raise ValueError(f"A rate is <count>/<period> with a period in s, m, h or d, e.g. 5/m; got {rate!r}") from None
    if rate_obj.count < 1 or rate_obj.seconds < 1:
        raise ValueError(f"A rate needs a positive count and period; got {rate!r}")
    return rate_obj


def client_ip(request: HttpRequest) -> str:
    """
    The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies, the address the
    outermost trusted proxy saw (counting from the right of X-Forwarded-For, which a client can
    only prepend to).
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and _is_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    # Empty when there is none (a request built in a test): django-axes stores it as NULL.
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_ip(remote) else ""


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _key_value(request: HttpRequest, key: Literal["ip", "user"]) -> str:
    if key == "user" and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    # An anonymous request is counted by address even where the limit is per user.
    return f"ip:{client_ip(request)}"


def ratelimit_hit(*, scope: str, identity: str, rate: Rate) -> int | None:
    """
    Count one hit for ``identity`` in ``scope``; return the seconds to wait if over the limit.

    Fixed windows aligned to the clock: ``cache.add`` starts a window atomically and ``incr`` is
    atomic in Redis, so concurrent requests never both slip under the limit.
    """
    now = int(time.time())
    window = now // rate.seconds
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    if cache.add(cache_key, 1, timeout=rate.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window expired between add and incr: this is its first hit
            cache.add(cache_key, 1, timeout=rate.seconds + 1)
            count = 1
    if count > rate.count:
        return (window + 1) * rate.seconds - now
    return None


def _too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    minutes = max(1, -(-retry_after // 60))
    body = render_to_string("429.html", {"minutes": minutes}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(
    *,
    key: Literal["ip", "user"],
    rate: str,
    scope: str,
    methods: tuple[str, ...] = ("POST",),
) -> Callable:
    """
    Limit a view to ``rate`` requests per ``key`` (the client's address, or the signed-in user).

    ``rate`` may name a setting (e.g. ``"RATELIMIT_SIGNUP"``) so operators can tune it; ``scope``
    names the counter, so two views with the same key count separately.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if settings.RATELIMIT_ENABLED and request.method in methods:
                limit = parse_rate(getattr(settings, rate) if rate.isupper() else rate)
                retry_after = ratelimit_hit(scope=scope, identity=_key_value(request, key), rate=limit)
                if retry_after is not None:
                    return _too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# What django-axes keeps of a username: as long as a username can be (Django's own limit), so a
# login posted with a huge one is counted, not a database error (axes' column holds 255).
AXES_USERNAME_LENGTH = 150


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The username a login attempt names, for counting lock-outs; cut to a length any username has."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username)[:AXES_USERNAME_LENGTH]
