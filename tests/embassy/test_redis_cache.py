"""The Redis cache keeps one client per connection pool, against a real redis-server."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from embassy.environment import parse_cache_url


@pytest.fixture
def redis_cache(redis_url):
    # Its connections are named, to be told apart from any other on the server.
    config = {**parse_cache_url(redis_url), "OPTIONS": {"client_name": "embassy-cache"}}
    with override_settings(CACHES={"default": config}):
        cache = caches["default"]
        yield cache
        cache.close()


def test_every_call_shares_one_client_and_its_connection(redis_cache, redis_url):
    client = redis_cache._cache.get_client()
    for n in range(50):
        redis_cache.set(f"greeting-{n}", "xin chào", timeout=30)
        assert redis_cache.get_many([f"greeting-{n}", "missing"]) == {f"greeting-{n}": "xin chào"}
    assert redis_cache._cache.get_client(write=True) is client
    # One connection served the hundred calls.
    named = [
        c for c in redis.Redis.from_url(redis_url).client_list() if c["name"] == "embassy-cache"
    ]
    assert len(named) == 1
