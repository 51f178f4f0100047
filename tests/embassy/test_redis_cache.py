"""The Redis cache keeps one client per connection pool, against a real redis-server."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from embassy.environment import parse_cache_url


@pytest.fixture
def redis_cache(redis_url):
    with override_settings(CACHES={"default": parse_cache_url(redis_url)}):
        cache = caches["default"]
        yield cache
        cache.close()


def test_every_call_shares_one_client_and_its_connection(redis_cache, redis_url):
    watcher = redis.Redis.from_url(redis_url)
    before = watcher.info("clients")["connected_clients"]  # the watcher, and whoever else
    client = redis_cache._cache.get_client()
    for n in range(50):
        redis_cache.set(f"greeting-{n}", "xin chào", timeout=30)
        assert redis_cache.get_many([f"greeting-{n}", "missing"]) == {f"greeting-{n}": "xin chào"}
    assert redis_cache._cache.get_client(write=True) is client
    # One more connection served the hundred calls.
    assert watcher.info("clients")["connected_clients"] == before + 1
