"""A stored page holds only what its view reads: made-up query strings share its one copy."""

import shutil

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse

from embassy import limits
from embassy.environment import parse_cache_url
from embassy.pagecache import store
from embassy.pagecache.parameters import canonical_query
from embassy.pages.pagination import PAGINATED
from tests.loopback import free_port
from tests.servers import start_redis

pytestmark = [pytest.mark.django_db]


def test_unknown_parameters_are_answered_from_the_one_stored_copy(visitor, make_briefing, rendered):
    url = make_briefing(title="Read by everyone").get_absolute_url()
    first = visitor.get(url)
    assert rendered(first)
    for query in ("?anything=1", "?anything=2&other=x", "?page=3", "?=&&"):
        response = visitor.get(url + query)
        assert response.status_code == 200, query
        assert not rendered(response), query
        assert response.content == first.content


def test_a_declared_parameter_is_one_address_however_it_is_written(
    visitor, make_many_briefings, remarks_section, rendered
):
    make_many_briefings(25)
    url = remarks_section.get_absolute_url()
    second_page = visitor.get(url + "?page=2")
    assert rendered(second_page)
    for query in ("?page=02", "?page=2&page=7", "?utm_source=x&page=002&junk=1"):
        response = visitor.get(url + query)
        assert not rendered(response), query
        assert response.content == second_page.content
    assert visitor.get(url + "?page=1").content != second_page.content


def test_a_view_that_declares_nothing_is_rendered_for_a_query_string_and_not_stored(
    visitor, make_briefing, rendered
):
    robots = reverse("robots-txt")
    assert visitor.get(robots + "?x=1").status_code == 200
    visitor.get(robots)
    assert visitor.get(robots + "?x=1").content == visitor.get(robots).content
    assert caches["default"].get(store.page_key("http", "testserver", robots + "?x=1")) is None
    assert caches["default"].get(store.page_key("http", "testserver", robots)) is not None


def test_the_search_page_keeps_its_query(visitor, make_briefing):
    exchange = make_briefing(exchanges=1).exchanges.get()
    found = visitor.get(reverse("search") + "?q=question&junk=1").content.decode()
    assert 'name="q" value="question"' in found and exchange.get_absolute_url() in found


def test_only_declared_parameters_are_kept_and_written_one_way():
    assert canonical_query("page=02&b=1&page=9", PAGINATED) == "page=2"
    assert canonical_query("utm_x=1", PAGINATED) == ""
    assert canonical_query("page=last", PAGINATED) == "page=last"  # answered 404, not stored


def test_a_thousand_made_up_query_strings_grow_redis_by_less_than_a_megabyte(
    redis_url, settings, visitor, make_briefing, rendered
):
    settings.CACHES = {
        "default": parse_cache_url(redis_url),
        "limits": parse_cache_url("locmem://limits"),
    }
    url = make_briefing().get_absolute_url()
    visitor.get(url)
    server = redis.Redis.from_url(redis_url)
    before = server.info("memory")["used_memory"]
    for number in range(1000):
        response = visitor.get(f"{url}?anything={number}&cb={number * 7}")
        assert response.status_code == 200 and not rendered(response)
    grown = server.info("memory")["used_memory"] - before
    assert grown < 1024 * 1024, grown
    server.close()


@pytest.fixture
def evicting_page_store(tmp_path):
    """A Redis for stored pages as production may run it: 1 MB, least recently used first."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = start_redis(port, tmp_path, "--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def fill(cache, megabytes):
    for number in range(megabytes * 16):
        cache.set(f"pagecache:page:filler{number}", b"x" * 64 * 1024, timeout=None)


def test_a_full_page_store_cannot_push_a_rate_limit_out(evicting_page_store, redis_url, settings):
    settings.CACHES = {
        "default": parse_cache_url(evicting_page_store),
        "limits": parse_cache_url(redis_url),  # a Redis of its own, which never evicts
    }
    key = limits.window_key("suggest", "203.0.113.9", 3600)
    assert limits.add(key, 5, 3600) == 5  # the client has used its five
    fill(caches["default"], 8)
    assert limits.add(key, 1, 3600) == 6  # still counted: refused


def test_in_the_page_store_the_same_count_would_be_evicted(evicting_page_store, settings):
    # What the test above guards against: the count in the evicting store is lost.
    settings.CACHES = {
        "default": parse_cache_url(evicting_page_store),
        "limits": parse_cache_url(evicting_page_store),
    }
    key = limits.window_key("suggest", "203.0.113.9", 3600)
    limits.add(key, 5, 3600)
    fill(caches["default"], 8)
    assert limits.add(key, 1, 3600) == 1
