"""Links followed from a social network or a newsletter carry parameters for someone else's
statistics, one per click: no page reads them, so they reach neither the view nor the page
cache's address (embassy/pagecache/parameters.py)."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_feed_followed_from_a_newsletter_is_its_one_stored_copy(visitor, rendered):
    visitor.get("/feeds/briefings/rss/")
    assert not rendered(visitor.get("/feeds/briefings/rss/?utm_source=newsletter"))


@pytest.mark.django_db
@pytest.mark.usefixtures("each_cache")
def test_every_click_of_a_shared_link_is_answered_from_one_stored_page(
    visitor, make_briefing, rendered
):
    url = make_briefing(title="The answer everyone shares").get_absolute_url()
    first = visitor.get(url + "?fbclid=IwAR0first&utm_source=facebook")
    assert first.status_code == 200 and rendered(first)
    assert "fbclid" not in first.content.decode()
    another_reader = Client().get(url + "?fbclid=IwAR0second")
    assert another_reader.status_code == 200 and not rendered(another_reader)
    assert another_reader.content == first.content
    plain = Client().get(url)
    assert not rendered(plain) and plain.content == first.content


@pytest.mark.django_db
def test_a_pages_own_parameters_still_count(
    client, make_briefing, make_many_briefings, remarks_section
):
    exchange = make_briefing(exchanges=1).exchanges.get()
    found = client.get("/search/?q=question&utm_source=newsletter").content.decode()
    assert 'name="q" value="question"' in found and exchange.get_absolute_url() in found
    make_many_briefings(30)
    url = remarks_section.get_absolute_url()
    first, second = client.get(url), client.get(f"{url}?page=2&utm_medium=email")
    assert second.status_code == 200 and second.content != first.content
