"""Fixtures of the page cache tests: a visitor and a member of staff side by side."""

import pytest
from django.test import Client

from embassy.environment import parse_cache_url


@pytest.fixture
def visitor():
    """An anonymous visitor (a client of its own, next to `staff_client`)."""
    return Client()


@pytest.fixture
def rendered():
    """Whether a response was rendered by the view (the test client records its templates)
    rather than answered from the page cache."""
    return lambda response: bool(response.templates)


@pytest.fixture(params=["local memory", "redis"])
def each_cache(request, settings):
    """The test once with the local-memory cache (development, and the other tests) and once
    with a real redis-server, where each process keeps its own copies of pages and listens for
    changes (embassy/pagecache/watch.py). Through the `settings` fixture, which a test may
    also use to point CACHES elsewhere: its changes are undone in order."""
    if request.param == "redis":
        settings.CACHES = {"default": parse_cache_url(request.getfixturevalue("redis_url"))}
    return request.param
