import socket
import uuid

import environ
import pytest
from django.core.cache.backends.redis import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/15"


def test_a_redis_cache_url_gives_djangos_redis_cache():
    config = environ.Env.cache_url_config(REDIS_URL)

    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_the_redis_cache_counts_atomically_for_the_rate_limiter():
    config = environ.Env.cache_url_config(REDIS_URL)
    cache = RedisCache(config["LOCATION"], {})
    key = f"test:{uuid.uuid4().hex}"

    assert cache.add(key, 1, timeout=10)
    assert not cache.add(key, 1, timeout=10)
    assert cache.incr(key) == 2
    cache.delete(key)
