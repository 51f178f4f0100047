"""The Redis cache keeps one client per server and announces changes, against real servers."""

import threading
import time

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from embassy.environment import parse_cache_url
from tests.loopback import free_port
from tests.servers import start_redis


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


def test_threads_starting_at_once_share_one_client(redis_cache, redis_url):
    clients, start = [], threading.Barrier(8)

    def first_call():
        start.wait()
        clients.append(redis_cache._cache.get_client())
        redis_cache.set("from-a-thread", 1, timeout=30)

    threads = [threading.Thread(target=first_call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(client) for client in clients}) == 1


def test_a_change_is_announced_to_who_listens(redis_cache):
    listening = redis_cache.listen("generation-changed")
    try:
        assert not listening.any_since_last_read()
        redis_cache.change_and_announce("generation", 41, "generation-changed")
        assert redis_cache.get("generation") == 41  # missing: set to the initial value
        redis_cache.change_and_announce("generation", 41, "generation-changed")
        assert redis_cache.get("generation") == 42
        deadline = time.monotonic() + 5
        while not listening.any_since_last_read():
            assert time.monotonic() < deadline, "the change was never announced"
            time.sleep(0.01)
        assert not listening.any_since_last_read()
    finally:
        listening.close()


def test_writes_go_to_the_first_server_and_reads_to_the_others(redis_url, tmp_path):
    port = free_port()
    (tmp_path / "replica").mkdir()
    replica = start_redis(port, tmp_path / "replica")
    try:
        replica_url = f"redis://127.0.0.1:{port}/0"
        config = {**parse_cache_url(redis_url), "LOCATION": [redis_url, replica_url]}
        with override_settings(CACHES={"default": config}):
            cache = caches["default"]
            cache.set("written", "to the primary", timeout=30)
            # Not replicated here: the read goes to the second server, which has nothing.
            assert cache.get("written") is None
            assert redis.Redis.from_url(replica_url).dbsize() == 0
            assert redis.Redis.from_url(redis_url).dbsize() == 1
    finally:
        replica.terminate()
        replica.wait(timeout=10)
