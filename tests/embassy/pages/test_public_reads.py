"""What the public reads to render a page is kept per content generation and until the next
scheduled change (embassy/pages/public_reads.py), and is never stale: with the page cache off,
every page below is rendered for its reader, from rows read once."""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from embassy.history.models import Correction
from embassy.pages.publishing import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendering_each_time")]


@pytest.fixture
def rendering_each_time(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def visitor():
    return Client()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def wait_until(moment):
    time.sleep(max(0, moment.timestamp() - time.time()) + 0.1)


def test_a_briefing_page_read_again_takes_no_query_and_shows_the_same(visitor, make_briefing):
    earlier = make_briefing(title="The day before", held_at=timezone.now() - datetime.timedelta(2))
    briefing = make_briefing(title="Today's briefing", held_at=timezone.now())
    Correction.objects.create(content_object=briefing, note="The AFP answer was corrected.")
    url = briefing.get_absolute_url()
    first, counted = queries_of(visitor, url)
    again, none = queries_of(visitor, url)
    assert counted > 0 and none == 0
    assert first.templates and again.templates  # rendered both times, not a stored page
    for response in (first, again):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Today&#x27;s briefing" in html
        assert "The AFP answer was corrected." in html
        assert earlier.get_absolute_url() in html  # the pager's previous briefing


def test_an_edit_shows_on_the_next_reading(visitor, make_briefing):
    briefing = make_briefing(title="Before the edit")
    url = briefing.get_absolute_url()
    visitor.get(url)
    briefing.title = "After the edit"
    briefing.save()
    Correction.objects.create(content_object=briefing, note="The title was corrected.")
    html = visitor.get(url).content.decode()
    assert "After the edit" in html and "Before the edit" not in html
    assert "The title was corrected." in html


def test_unpublishing_takes_the_page_away_at_once(visitor, make_briefing):
    briefing = make_briefing()
    url = briefing.get_absolute_url()
    assert visitor.get(url).status_code == 200
    briefing.status = Status.DRAFT
    briefing.save()
    assert visitor.get(url).status_code == 404


def test_a_new_neighbour_shows_in_the_pager_at_once(visitor, make_briefing):
    briefing = make_briefing(held_at=timezone.now() - datetime.timedelta(days=3))
    url = briefing.get_absolute_url()
    assert 'rel="next"' not in visitor.get(url).content.decode()
    newer = make_briefing(title="The next one", held_at=timezone.now() - datetime.timedelta(1))
    assert newer.get_absolute_url() in visitor.get(url).content.decode()


def test_a_scheduled_briefing_appears_at_its_time_with_nothing_written(visitor, make_briefing):
    at = timezone.now() + datetime.timedelta(seconds=2)
    briefing = make_briefing(title="Out at the stroke", held_at=at)
    url = briefing.get_absolute_url()
    assert visitor.get(url).status_code == 404
    assert visitor.get(url).status_code == 404  # the missing row is kept too, until then
    wait_until(at)
    response = visitor.get(url)
    assert response.status_code == 200 and "Out at the stroke" in response.content.decode()


def test_a_scheduled_neighbour_appears_in_the_pager_at_its_time(visitor, make_briefing):
    briefing = make_briefing(held_at=timezone.now() - datetime.timedelta(days=1))
    url = briefing.get_absolute_url()
    at = timezone.now() + datetime.timedelta(seconds=2)
    newer = make_briefing(title="Scheduled next", held_at=at)
    assert newer.get_absolute_url() not in visitor.get(url).content.decode()
    wait_until(at)
    assert newer.get_absolute_url() in visitor.get(url).content.decode()


def test_a_withdrawal_time_takes_the_page_away_then(visitor, make_briefing):
    at = timezone.now() + datetime.timedelta(seconds=2)
    briefing = make_briefing(withdraw_at=at)
    url = briefing.get_absolute_url()
    assert visitor.get(url).status_code == 200
    wait_until(at)
    assert visitor.get(url).status_code == 404


def test_what_staff_preview_is_theirs_alone(visitor, staff_client, make_briefing):
    draft = make_briefing(title="Still a draft", status=Status.DRAFT)
    url = draft.get_absolute_url()
    assert visitor.get(url).status_code == 404
    preview = staff_client.get(url)
    assert preview.status_code == 200 and "Still a draft" in preview.content.decode()
    assert visitor.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_a_reader_in_another_language_is_shown_the_briefings_own(visitor, make_briefing):
    briefing = make_briefing()
    url = briefing.get_absolute_url()
    visitor.get(url)  # the rows at the address, kept for every language
    response = visitor.get("/zh-hans" + url)
    # Not written in Chinese: said so, in Chinese, with the link to the English (#26).
    assert response.status_code == 200
    assert f'<a href="{url}" hreflang="en">' in response.content.decode()
    printed = visitor.get("/zh-hans" + url + "print/")
    assert printed.status_code == 301 and printed["Location"] == url + "print/"


def test_an_exchange_page_read_again_takes_no_query_and_follows_edits(visitor, make_briefing):
    briefing = make_briefing(exchanges=3)
    second = briefing.exchanges.get(position=2)
    second.tags.add("climate")
    url = second.get_absolute_url()
    first, counted = queries_of(visitor, url)
    again, none = queries_of(visitor, url)
    assert counted > 0 and none == 0
    for response in (first, again):
        html = response.content.decode()
        assert "Question 2 of briefing" in html and ">climate<" in html
        assert briefing.exchanges.get(position=3).get_absolute_url() in html  # the next one
    second.tags.set(["covid-19"])
    briefing.exchanges.get(position=3).delete()
    html = visitor.get(url).content.decode()
    assert "covid-19" in html and ">climate<" not in html
    assert 'rel="next"' not in html


def test_an_article_read_again_takes_no_query(visitor, make_article):
    article = make_article(title="Visa rules")
    url = article.get_absolute_url()
    _first, counted = queries_of(visitor, url)
    again, none = queries_of(visitor, url)
    assert counted > 0 and none == 0
    assert "Visa rules" in again.content.decode()
