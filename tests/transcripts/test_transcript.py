"""A briefing's transcript, kept per content generation (transcripts/transcript.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from transcripts.models import Exchange, Outlet

pytestmark = pytest.mark.django_db


def exchange_queries(captured):
    return [q for q in captured if 'FROM "transcripts_exchange"' in q["sql"]]


@pytest.fixture(autouse=True)
def _no_page_cache():
    with override_settings(PAGE_CACHE=False):  # every page rendered: the keeping is what is seen
        yield


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return page, exchange_queries(queries.captured_queries)


def test_the_transcript_is_read_once_per_content_generation(client, make_briefing):
    briefing = make_briefing(exchanges=3)
    briefing.tags.add("climate")
    Exchange.objects.get(briefing=briefing, position=2).tags.add("covid-19")
    url = briefing.get_absolute_url()
    first, read = get(client, url)
    second, read_again = get(client, url)
    assert len(read) == 1 and read_again == []
    assert second == first
    assert first.count('class="exchange"') == 3 and first.count('<li><a href="#exchange-') == 3
    assert ">climate</a>" in first and ">covid-19</a>" in first


@pytest.mark.parametrize(
    "edit, shown",
    [
        (lambda b: b.exchanges.filter(position=1).update(question="A new question?"), "A new"),
        (lambda b: Outlet.objects.filter(name="CCTV").update(name="CGTN"), "CGTN"),
        (lambda b: b.exchanges.get(position=3).tags.add("trade"), ">trade</a>"),
        (lambda b: b.tags.add("oceans"), ">oceans</a>"),
    ],
)
def test_any_edit_shows_at_the_next_request(client, make_briefing, edit, shown):
    briefing = make_briefing(exchanges=3)
    url = briefing.get_absolute_url()
    get(client, url)
    edit(briefing)
    page, read = get(client, url)
    assert shown in page and len(read) == 1


def test_the_page_and_its_print_version_are_kept_apart(client, make_briefing):
    briefing = make_briefing(exchanges=2)
    briefing.tags.add("climate")
    url = briefing.get_absolute_url()
    for _ in range(2):
        page, _read = get(client, url)
        printed, _read = get(client, url + "print/")
        assert 'class="question-index"' in page and "Permalink" in page and ">climate<" in page
        assert 'class="question-index"' not in printed and "Permalink" not in printed
        assert ">climate<" not in printed and printed.count('class="exchange"') == 2


def test_a_briefing_without_exchanges_is_described_by_its_opening_remarks(client, make_briefing):
    briefing = make_briefing(exchanges=0, opening_remarks="The minister will travel to Hanoi.")
    for _ in range(2):
        page, _read = get(client, briefing.get_absolute_url())
        assert '<meta name="description" content="The minister will travel to Hanoi.">' in page
        assert 'class="transcript"' not in page
