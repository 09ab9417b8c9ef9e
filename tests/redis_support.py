"""The Redis that cache tests share: REDIS_TEST_URL, default redis://127.0.0.1:6379/6.

Without Redis those tests skip, except under CI, where they fail.
"""

import os

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
