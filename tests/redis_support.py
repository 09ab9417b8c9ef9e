"""The Redis that cache tests share: REDIS_TEST_URL, default redis://127.0.0.1:6379/6.

Without Redis those tests skip, except under CI, where they fail.
"""

import contextlib
import os
import secrets

import pytest

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/6")


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_TEST_URL} ({error}); set REDIS_TEST_URL."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return client


@contextlib.contextmanager
def own_redis_prefix():
    """A key prefix of the caller's own in the test Redis database, cleaned up afterwards."""
    client = redis_or_skip()
    prefix = f"stretchsite-test-{secrets.token_hex(6)}"
    yield prefix
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
