"""Links followed from a social network or a newsletter carry parameters for someone else's
statistics, one per click: they reach neither the view nor the page cache's address."""

import pytest
from django.test import Client

from embassy.pagecache.tracking import without_tracking


def test_tracking_parameters_are_dropped_and_the_rest_kept_as_they_came():
    assert without_tracking("fbclid=IwAR3x") == ""
    assert without_tracking("utm_source=newsletter&utm_medium=email&page=2") == "page=2"
    assert without_tracking("q=visa%20rules&gclid=abc&lang=vi") == "q=visa%20rules&lang=vi"
    assert without_tracking("UTM_Campaign=x&q=a") == "q=a"
    assert without_tracking("utm%5Fsource=x&q=a") == "q=a"  # however it is spelt
    assert without_tracking("page=2&&") == "page=2"
    assert without_tracking("utmost=1&fbclidx=2") == "utmost=1&fbclidx=2"


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
