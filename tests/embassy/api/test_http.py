"""What every answer of the API shares: CORS, HEAD, ETags and 304, 429 with Retry-After."""

import threading

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from embassy.api.endpoints import api
from embassy.environment import parse_cache_url
from tests.loopback import free_port

pytestmark = pytest.mark.django_db


ELSEWHERE = {"Origin": "https://elsewhere.example"}


def test_any_origin_may_read(client, make_briefing):
    make_briefing(exchanges=1)
    response = client.get("/api/v1/briefings", headers=ELSEWHERE)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response["Access-Control-Allow-Origin"] == "*"
    # A page elsewhere may read what it needs to revalidate and to wait.
    assert response["Access-Control-Expose-Headers"] == "ETag, Retry-After"
    assert not response.has_header("Access-Control-Allow-Credentials")


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/v1/briefings",
        headers={**ELSEWHERE, "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 200
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "accept, if-none-match"
    assert response["Access-Control-Max-Age"] == "86400"


def test_an_options_request_that_is_no_preflight_says_what_is_allowed(client):
    response = client.options("/api/v1/briefings")
    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_the_sites_pages_carry_no_cors(client, make_briefing):
    briefing = make_briefing()
    response = client.get(briefing.get_absolute_url(), headers=ELSEWHERE)
    assert response.status_code == 200
    assert briefing.title in response.content.decode()
    assert not response.has_header("Access-Control-Allow-Origin")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writing_is_refused_without_cors(client, method):
    response = getattr(client, method)("/api/v1/briefings")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert not response.has_header("Access-Control-Allow-Origin")


def test_etag_and_not_modified(client, make_briefing):
    briefing = make_briefing(exchanges=2)
    first = client.get(f"/api/v1/briefings/{briefing.pk}")
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(f"/api/v1/briefings/{briefing.pk}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    briefing.title = "Renamed"
    briefing.save()
    changed = client.get(f"/api/v1/briefings/{briefing.pk}", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["title"] == "Renamed"
    assert changed["ETag"] != etag


def test_head_has_the_headers_without_the_body(client, make_briefing):
    make_briefing(exchanges=1)
    get = client.get("/api/v1/briefings")
    head = client.head("/api/v1/briefings")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_too_many_requests_get_429_with_retry_after(client, settings):
    # An hour's window: a minute's could end between the requests of a slow run and start again.
    settings.API_RATE_LIMIT = {"requests": 3, "period": 3600}
    for _ in range(3):
        assert client.get("/api/v1/topics").status_code == 200
    refused = client.get("/api/v1/topics", headers=ELSEWHERE)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "at most 3 every 3600 seconds" in refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Another client still gets its answers.
    assert client.get("/api/v1/topics", REMOTE_ADDR="198.51.100.9").status_code == 200


LIMITS_APART = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}


def test_the_counts_live_in_the_limits_cache(client, settings):
    # The page copies may be evicted or emptied (issue 24): the rate limit must not go with them.
    settings.CACHES = LIMITS_APART
    settings.LIMITS_CACHE = "limits"
    settings.API_RATE_LIMIT = {"requests": 2, "period": 3600}
    for _ in range(2):
        assert client.get("/api/v1/topics").status_code == 200
    caches["default"].clear()
    assert client.get("/api/v1/topics").status_code == 429
    caches["limits"].clear()
    assert client.get("/api/v1/topics").status_code == 200


def test_a_cache_that_cannot_be_reached_lets_reading_through(client, settings):
    settings.CACHES = {
        **LIMITS_APART,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }
    settings.LIMITS_CACHE = "limits"
    settings.API_RATE_LIMIT = {"requests": 1, "period": 3600}
    for _ in range(3):
        response = client.get("/api/v1/topics")
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_one_client_at_once_from_many_threads_gets_no_more_than_the_limit(settings, redis_url):
    # ninja's SimpleRateThrottle let all 400 of these through a limit of 100: it reads a
    # client's history and writes it back in two steps.
    settings.CACHES = {**LIMITS_APART, "limits": parse_cache_url(redis_url)}
    settings.LIMITS_CACHE = "limits"
    settings.API_RATE_LIMIT = {"requests": 100, "period": 3600}
    throttle = api.throttle[0]
    request = RequestFactory().get("/api/v1/topics", REMOTE_ADDR="198.51.100.7")
    allowed, start = [], threading.Barrier(8)

    def one_connection():
        start.wait()
        allowed.append(sum(throttle.allow_request(request) for _ in range(50)))

    threads = [threading.Thread(target=one_connection) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(allowed) == 100
    assert 1 <= throttle.wait() <= 3600
