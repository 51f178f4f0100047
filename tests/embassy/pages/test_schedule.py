"""The time bound: a stored page never outlives the next scheduled publication."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from embassy.pagecache import store
from embassy.pages import schedule
from embassy.pages.publishing import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]


def test_the_next_change_is_the_earliest_future_publication(make_briefing, make_article):
    now = timezone.now()
    make_briefing(held_at=now - datetime.timedelta(hours=1))  # public already
    make_briefing(held_at=now + datetime.timedelta(hours=1), status=Status.DRAFT)  # never alone
    soon = now + datetime.timedelta(hours=3)
    make_article(publish_at=soon)
    make_briefing(held_at=now + datetime.timedelta(hours=5))
    assert schedule.next_change(now) == soon.timestamp()


def test_nothing_scheduled_means_no_bound(make_briefing):
    make_briefing(held_at=timezone.now() - datetime.timedelta(days=1))
    assert schedule.next_change() is None


def test_a_briefing_scheduled_for_a_time_appears_then_with_nothing_run(
    visitor, make_briefing, settings, rendered
):
    settings.PAGE_CACHE_CDN_SECONDS = 600
    make_briefing(title="Already out")
    at = timezone.now() + datetime.timedelta(seconds=2)
    make_briefing(title="Out at the stroke", held_at=at)
    visitor.get("/")
    before = visitor.get("/")
    assert not rendered(before) and "Out at the stroke" not in before.content.decode()
    # Nobody may keep it past that time: the CDN's s-maxage is cut to what is left.
    s_maxage = int(before["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 2
    time.sleep(max(0, at.timestamp() - time.time()) + 0.1)
    after = visitor.get("/")
    assert rendered(after) and "Out at the stroke" in after.content.decode()


def test_no_page_is_kept_past_midnight(visitor, make_briefing):
    # The printing date and the footer's year are today's.
    url = make_briefing().get_absolute_url()
    visitor.get(url)
    page = cache.get(store.page_key("http", "testserver", url))
    midnight = schedule.next_midnight()
    assert page.expires <= midnight
    assert timezone.localtime(datetime.datetime.fromtimestamp(midnight, datetime.UTC)).time() == (
        datetime.time(0)
    )


def test_a_withdrawal_time_and_a_publication_time_bound_the_pages(make_briefing, make_article):
    now = timezone.now()
    withdraw = now + datetime.timedelta(hours=2)
    make_article(publish_at=now - datetime.timedelta(hours=1), withdraw_at=withdraw)
    assert schedule.next_change(now) == withdraw.timestamp()
    publish = now + datetime.timedelta(hours=1)
    make_briefing(held_at=now - datetime.timedelta(days=1), publish_at=publish)
    assert schedule.next_change(now) == publish.timestamp()


def test_the_first_reader_after_an_edit_asks_for_the_next_change_once(visitor, make_briefing):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = make_briefing().get_absolute_url()
    visitor.get(url)
    make_briefing()  # an edit: a new generation
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(url).status_code == 200
    # One query for every scheduled model (articles, briefings, site-wide notices), shared by
    # the stored page's bound and what the rendering kept (embassy/pages/public_reads.py).
    asked = [query["sql"] for query in queries.captured_queries if "MIN(" in query["sql"]]
    assert len(asked) == 1


def test_the_next_change_is_one_query_whatever_the_kinds(
    make_briefing, make_article, django_assert_num_queries
):
    now = timezone.now()
    make_article(publish_at=now + datetime.timedelta(hours=4))
    make_briefing(held_at=now + datetime.timedelta(hours=2), status=Status.DRAFT)  # not public
    with django_assert_num_queries(1):
        assert schedule.next_change(now) == (now + datetime.timedelta(hours=4)).timestamp()
