"""The search page in the site's words and formats: dates typed as the page writes them, topics
called topics, a result's date once, and the Briefings tab saying what it matches."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from transcripts.models import Outlet

URL = reverse("search")


@pytest.fixture
def genocide_briefing(make_briefing):
    briefing = make_briefing(
        exchanges=2,
        title="Regular Press Conference on January 28, 2021",
        held_at=timezone.make_aware(datetime.datetime(2021, 1, 28, 15, 0)),
    )
    exchange = briefing.exchanges.get(position=1)
    exchange.outlet = Outlet.objects.get_or_create(name="NPR", defaults={"slug": "npr"})[0]
    exchange.question = "Does the ministry have a comment on genocide claims?"
    exchange.save()
    briefing.tags.add("Xinjiang")
    return briefing


def page(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "typed", "example"),
    [
        ("en", "28 January 2021", "For example 28 January 2021"),
        ("en", "2021-01-28", "For example 28 January 2021"),
        ("vi", "28/01/2021", "28/01/2021"),
        ("zh-hans", "2021年1月28日", "2021-01-28"),
    ],
)
def test_dates_are_typed_as_the_page_writes_them(
    client, genocide_briefing, language, typed, example
):
    with translation.override(language):
        url = reverse("search")
    html = page(client, url, q="genocide", date_from=typed, date_to=typed, language="all")
    assert 'type="text" name="date_from"' in html  # not the browser's own format
    assert example in html
    assert 'aria-describedby="id_date_from_helptext"' in html
    assert genocide_briefing.exchanges.get(position=1).get_absolute_url() in html
    outside = page(
        client,
        url,
        q="genocide",
        date_from=typed.replace("28", "27", 1),
        date_to=typed.replace("28", "27", 1),
        language="all",
    )
    assert genocide_briefing.exchanges.get(position=1).get_absolute_url() not in outside


def test_a_date_typed_in_english_is_shown_back_the_same_way(client, genocide_briefing):
    html = page(client, q="genocide", date_from="2021-01-28")
    assert 'name="date_from" value="2021-01-28"' in html  # as typed
    assert "could not be used" not in html


def test_tags_are_called_subjects_as_the_tag_pages_call_them(client, genocide_briefing):
    html = page(client, q="genocide")
    assert '<label for="id_tag">Subject</label>' in html
    assert '<option value="" selected>Any subject</option>' in html
    assert ">Tag<" not in html and "Any tag" not in html


def test_an_exchange_result_shows_its_date_once(client, genocide_briefing):
    html = page(client, q="genocide")
    hit = html[html.index('<ol class="search-results"') :]
    hit = hit[: hit.index("</ol>")]
    assert hit.count("28 January 2021") == 1
    assert "January 28, 2021" not in hit


def test_the_briefings_tab_says_what_it_matches(client, genocide_briefing):
    html = page(client, q="genocide", kind="briefings")
    assert "Briefings whose title or opening remarks contain the words." in html
    assert 'href="?q=genocide&amp;kind=exchanges">Exchanges</a>' in html
    assert "Briefings whose title" not in page(client, q="genocide")
