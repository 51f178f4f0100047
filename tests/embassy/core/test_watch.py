"""Each process knows the generation by listening to Redis, and serves its own copies of pages
without a round trip while nothing has changed; against a real redis-server."""

import time

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from embassy.core import generation as invalidation
from embassy.core import watch
from embassy.core.content import SITE
from embassy.core.generation import key_of
from embassy.environment import parse_cache_url

GENERATION_KEY = key_of(SITE)

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(redis_url):
    with override_settings(CACHES={"default": parse_cache_url(redis_url)}):
        cache = caches["default"]
        yield cache
        cache.close()


@pytest.fixture
def server(redis_url):
    """The redis-server itself, as an operator (or another process) would talk to it."""
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def other_process(redis_cache):
    """A cache object of its own on the same server: what another server's bump goes through."""
    other = caches.create_connection("default")
    yield other
    other.close()


def commands_processed(server):
    # INFO is counted once it has run: two readings around nothing differ by one.
    return server.info("stats")["total_commands_processed"]


def stored_page(visitor, rendered, url):
    visitor.get(url)
    response = visitor.get(url)
    assert response.status_code == 200 and not rendered(response)
    return response


def test_a_stored_page_is_served_without_asking_redis(
    redis_cache, server, visitor, rendered, make_briefing
):
    url = make_briefing(title="Heard everywhere").get_absolute_url()
    stored = stored_page(visitor, rendered, url)
    before = commands_processed(server)
    for _ in range(5):
        response = visitor.get(url)
        assert response.status_code == 200 and not rendered(response)
        assert "Heard everywhere" in response.content.decode()
        assert response["ETag"] == stored["ETag"]
    assert commands_processed(server) - before == 1  # the second INFO's own


def test_a_revalidation_is_answered_without_asking_redis(
    redis_cache, server, visitor, rendered, make_briefing
):
    url = make_briefing().get_absolute_url()
    etag = stored_page(visitor, rendered, url)["ETag"]
    before = commands_processed(server)
    assert visitor.get(url, headers={"if-none-match": etag}).status_code == 304
    assert commands_processed(server) - before == 1


def test_a_change_announced_by_another_process_is_heard_at_once(
    redis_cache, other_process, visitor, rendered, make_briefing
):
    url = make_briefing().get_absolute_url()
    stored_page(visitor, rendered, url)
    before = invalidation.current()
    other_process.change_and_announce(
        GENERATION_KEY, invalidation.new_generation(), watch.GENERATION_CHANNEL
    )
    assert invalidation.current() == other_process.get(GENERATION_KEY) != before
    assert rendered(visitor.get(url))  # not the copy of the old generation


def test_an_edit_here_is_announced_to_the_other_processes(
    redis_cache, other_process, make_briefing
):
    briefing = make_briefing(title="Before")
    listening = watch.GenerationWatch(other_process)
    generation, ticket = listening.known("site")
    assert generation is None  # nothing read yet
    listening.learn("site", other_process.get(GENERATION_KEY), ticket)
    assert listening.known("site")[0] is not None
    briefing.title = "After"
    briefing.save()
    assert listening.known("site")[0] is None  # must read again: something changed


def test_a_lost_subscription_makes_the_process_read_again(
    redis_cache, server, other_process, visitor, rendered, make_briefing
):
    url = make_briefing().get_absolute_url()
    stored_page(visitor, rendered, url)
    server.client_kill_filter(_type="pubsub")
    # Announced while nobody listened: lost, but the reconnection counts as a change.
    other_process.change_and_announce(
        GENERATION_KEY, invalidation.new_generation(), watch.GENERATION_CHANNEL
    )
    assert rendered(visitor.get(url))
    assert not rendered(visitor.get(url))  # listening again, and served from its copy


def test_a_change_never_announced_is_read_within_the_recheck_time(
    redis_cache, server, visitor, rendered, make_briefing, monkeypatch
):
    # A connection that died without an error across a network loses announcements silently.
    monkeypatch.setattr(watch, "RECHECK_SECONDS", 0.2)
    url = make_briefing().get_absolute_url()
    stored_page(visitor, rendered, url)
    server.incr(redis_cache.make_and_validate_key(GENERATION_KEY))
    time.sleep(0.3)
    assert rendered(visitor.get(url))


def test_with_redis_down_pages_are_rendered_and_it_listens_again_once_back(
    redis_url, visitor, rendered, make_briefing, monkeypatch
):
    monkeypatch.setattr(watch, "RETRY_SECONDS", 0.1)
    url = make_briefing(title="Always answered").get_absolute_url()
    unreachable = {**parse_cache_url(redis_url), "LOCATION": "redis://127.0.0.1:1/0"}
    with override_settings(CACHES={"default": unreachable}):
        response = visitor.get(url)
        assert rendered(response) and "Always answered" in response.content.decode()
        assert watch.of_cache()._announcements is None


def test_an_edit_here_is_known_here_before_its_announcement_arrives(redis_cache, make_briefing):
    briefing = make_briefing(title="Before")
    listening = watch.of_cache()
    invalidation.current()
    assert listening.known("site")[0] is not None
    briefing.title = "After"
    briefing.save()
    # Asked at once: the process's own announcement may still be on its way back to it.
    assert listening.known("site")[0] is None
