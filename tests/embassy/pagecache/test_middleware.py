"""The page cache as visitors and staff meet it: hits and misses, validators, codings, labels."""

import gzip
import time

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date, parse_http_date

from embassy.core.content import SITE
from embassy.core.generation import key_of
from embassy.pagecache import store
from embassy.pages.publishing import Status
from tests.loopback import free_port

GENERATION_KEY = key_of(SITE)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]


def test_the_second_visitor_gets_the_stored_page_without_a_query(
    visitor, make_briefing, rendered, django_assert_num_queries
):
    url = make_briefing(title="Viral Press Conference").get_absolute_url()
    first = visitor.get(url)
    assert first.status_code == 200 and rendered(first)
    with django_assert_num_queries(0):  # nor the session, nor the database: it may be down
        second = visitor.get(url)
    assert second.status_code == 200 and not rendered(second)
    assert second.content == first.content
    assert "Viral Press Conference" in second.content.decode()
    assert second["ETag"] == first["ETag"]


def test_a_miss_takes_the_pages_queries_and_the_schedule_at_most(
    visitor, make_briefing, settings, django_assert_max_num_queries
):
    url = make_briefing().get_absolute_url()
    settings.PAGE_CACHE = False
    visitor.get(url)  # the process-wide caches (content types) filled, as in a running worker
    with CaptureQueriesContext(connection) as uncached:
        visitor.get(url)
    settings.PAGE_CACHE = True
    # Two aggregates find the next scheduled publication (articles, briefings), once per edit.
    with django_assert_max_num_queries(len(uncached) + 2):
        visitor.get(url)


def test_head_is_answered_from_the_stored_page(visitor, make_briefing, rendered):
    url = make_briefing().get_absolute_url()
    visitor.get(url)
    response = visitor.head(url)
    assert response.status_code == 200 and not rendered(response)
    assert response.content == b""


def test_the_query_string_and_the_host_are_part_of_the_address(
    visitor, make_many_briefings, rendered, settings
):
    make_many_briefings(30)
    url = "/sections/spokespersons-remarks/"
    first, second = visitor.get(url), visitor.get(url, {"page": 2})
    assert rendered(first) and rendered(second) and first.content != second.content
    settings.ALLOWED_HOSTS = ["testserver", "embassy.example"]
    elsewhere = visitor.get(url, HTTP_HOST="embassy.example")
    assert rendered(elsewhere)


def test_staff_are_never_served_nor_stored(visitor, staff_client, make_briefing, rendered):
    briefing = make_briefing(title="Seen by everyone")
    url = briefing.get_absolute_url()
    visitor.get(url)  # stored
    as_staff = staff_client.get(url)
    assert rendered(as_staff)
    assert as_staff["Cache-Control"] == "private, no-store"
    assert "Content-Encoding" not in as_staff

    # Nor is what staff see stored for visitors: a draft's preview stays the staff's.
    draft = make_briefing(title="Not yet", status=Status.DRAFT)
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_a_visitor_with_a_session_cookie_passes_by_the_cache(visitor, make_briefing, rendered):
    url = make_briefing().get_absolute_url()
    visitor.get(url)
    visitor.cookies["sessionid"] = "whatever"
    response = visitor.get(url)
    assert rendered(response) and response["Cache-Control"] == "private, no-store"


def test_a_form_with_a_csrf_token_is_neither_stored_nor_compressed(
    visitor, make_briefing, rendered
):
    url = make_briefing().get_absolute_url() + "suggest/"
    first = visitor.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert first["Cache-Control"] == "private, no-store"
    assert "Content-Encoding" not in first  # BREACH: a secret is never compressed
    assert rendered(visitor.get(url))


def test_if_none_match_is_answered_304_from_the_store(visitor, make_briefing, rendered):
    url = make_briefing().get_absolute_url()
    etag = visitor.get(url)["ETag"]
    assert etag.startswith('W/"')
    response = visitor.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not rendered(response)
    assert response.content == b"" and response["ETag"] == etag
    assert "s-maxage" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]  # what the page varies on, repeated
    other = visitor.get(url, HTTP_IF_NONE_MATCH='W/"another-version"')
    assert other.status_code == 200 and not rendered(other) and other.content
    assert other["ETag"] == etag and "Content-Security-Policy" in other


def test_if_modified_since_is_answered_304_from_the_store(visitor, make_briefing, rendered):
    url = make_briefing().get_absolute_url()
    last_modified = visitor.get(url)["Last-Modified"]
    response = visitor.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304 and not rendered(response)
    earlier = http_date(time.time() - 3600)
    assert visitor.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_304_carries_the_validators_and_no_other_header_of_the_page(visitor, make_briefing):
    url = make_briefing().get_absolute_url()
    stored = visitor.get(url)
    response = visitor.get(url, HTTP_IF_NONE_MATCH=stored["ETag"])
    assert response.status_code == 304
    assert response["Last-Modified"] == stored["Last-Modified"]
    assert response["Vary"] == stored["Vary"] and response["X-Request-ID"]
    # RFC 9110 15.4.5: the client keeps the headers of the copy it has.
    assert "Content-Security-Policy" not in response and "Content-Type" not in response


def test_if_match_another_version_of_a_stored_page_is_412(visitor, make_briefing, rendered):
    url = make_briefing().get_absolute_url()
    visitor.get(url)
    assert visitor.get(url, HTTP_IF_MATCH='"another-version"').status_code == 412
    current = visitor.get(url, HTTP_IF_MATCH="*")
    assert current.status_code == 200 and not rendered(current)


def test_after_an_edit_the_old_validators_get_the_new_page(visitor, make_briefing):
    briefing = make_briefing(title="Before")
    url = briefing.get_absolute_url()
    before = visitor.get(url)
    briefing.title = "After"
    briefing.save()
    response = visitor.get(
        url,
        HTTP_IF_NONE_MATCH=before["ETag"],
        HTTP_IF_MODIFIED_SINCE=before["Last-Modified"],
    )
    assert response.status_code == 200 and "After" in response.content.decode()
    assert response["ETag"] != before["ETag"]
    # The new version's date is later, even within the same second.
    assert parse_http_date(response["Last-Modified"]) > parse_http_date(before["Last-Modified"])


@pytest.mark.parametrize(
    ("accept", "coding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("", None, bytes),
    ],
)
def test_pages_are_compressed_as_the_client_accepts(visitor, make_briefing, accept, coding, decode):
    url = make_briefing(title="Compressed").get_absolute_url()
    plain = visitor.get(url).content  # stored, rendered once
    response = visitor.get(url, HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == coding
    assert decode(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content)
    assert "Accept-Encoding" in response["Vary"]


def test_feeds_and_sitemaps_are_stored_and_compressed(visitor, make_briefing, rendered):
    make_briefing(title="In the feed")
    for url in ["/feeds/briefings/rss/", "/sitemap.xml", "/sitemap-briefings.xml"]:
        visitor.get(url)
        response = visitor.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and not rendered(response), url
        assert response["Content-Encoding"] == "gzip", url
        assert "public" in response["Cache-Control"], url


def test_the_search_page_is_public_but_not_stored(visitor, make_briefing, rendered):
    make_briefing()
    visitor.get("/search/", {"q": "Question"})
    response = visitor.get("/search/", {"q": "Question"}, HTTP_ACCEPT_ENCODING="gzip")
    assert rendered(response)
    assert response["Cache-Control"].startswith("public, ")
    assert response["Content-Encoding"] == "gzip"


def test_headers_per_kind_of_page(visitor, staff_client, make_briefing, make_article):
    briefing = make_briefing()
    article = make_article()
    public = "public, max-age=0, s-maxage=1, stale-while-revalidate=30, stale-if-error=86400"
    for url in [
        "/",
        briefing.get_absolute_url(),
        briefing.get_absolute_url() + "print/",
        briefing.exchanges.first().get_absolute_url(),
        article.get_absolute_url(),
        "/briefings/2021/01/",
        "/outlets/cctv/",
        "/spokespeople/zhao-lijian/",
        "/feeds/briefings/atom/",
        "/robots.txt",
    ]:
        for attempt in ("miss", "hit"):
            response = visitor.get(url)
            assert response.status_code == 200, url
            assert response["Cache-Control"] == public, (url, attempt)
            assert response.has_header("ETag") and response.has_header("Last-Modified"), url
            if url != "/robots.txt":  # too short to compress
                assert "Accept-Encoding" in response["Vary"], url
    assert visitor.get("/no-such-page/")["Cache-Control"] == "no-cache"
    suggest = visitor.get(briefing.get_absolute_url() + "suggest/")
    assert suggest["Cache-Control"] == "private, no-store"
    assert staff_client.get(briefing.get_absolute_url())["Cache-Control"] == "private, no-store"
    admin = staff_client.get(reverse("admin:index"))
    assert "no-store" in admin["Cache-Control"] and "public" not in admin["Cache-Control"]


def test_the_stored_copy_keeps_the_headers_of_the_rendered_page(visitor, make_briefing):
    url = make_briefing().get_absolute_url()
    first = visitor.get(url)
    second = visitor.get(url)
    for header in (
        "Content-Type",
        "X-Frame-Options",
        "Vary",
        "X-Content-Type-Options",
        # Set by the middleware below the page cache, which a stored page no longer passes.
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Resource-Policy",
        "Referrer-Policy",
    ):
        assert second[header] == first[header], header
    assert "default-src 'self'" in second["Content-Security-Policy"]
    # Each answer is its own request in the logs, stored or not.
    assert second["X-Request-ID"] and second["X-Request-ID"] != first["X-Request-ID"]


def test_a_cache_that_cannot_be_reached_costs_the_cache_not_the_page(
    visitor, make_briefing, settings
):
    url = make_briefing(title="Still here").get_absolute_url()
    settings.CACHES = {
        "default": {
            "BACKEND": "embassy.redis_cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = visitor.get(url)
    assert response.status_code == 200 and "Still here" in response.content.decode()


def test_the_cache_holds_one_entry_per_address(visitor, make_briefing):
    briefing = make_briefing(title="One")
    url = briefing.get_absolute_url()
    visitor.get(url)
    generation = cache.get(GENERATION_KEY)
    briefing.title = "Two"
    briefing.save()
    visitor.get(url)
    key = store.page_key("http", "testserver", url)
    page = cache.get(key)
    # A page of a mission is stored under its mission's generation and the one every mission
    # shares (which the edit of a ministry briefing changed).
    assert page.generation[1] == cache.get(GENERATION_KEY) != generation
