"""The health endpoint a load balancer polls: is the database there, is the cache there?"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def _cache_ok() -> bool:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception:  # each cache backend raises its own errors (redis.ConnectionError, OSError...)
        logger.exception("Health check: the cache does not answer")
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 ``{"status": "ok", ...}`` when every check passes, else 503 naming what failed (no details)."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    failed = sorted(name for name, ok in checks.items() if not ok)
    body = {"status": "ok" if not failed else "fail", "checks": {n: "ok" if ok else "fail" for n, ok in checks.items()}}
    return JsonResponse(body, status=200 if not failed else 503)
