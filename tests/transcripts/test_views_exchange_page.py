"""An exchange's own page, the one people quote and share: the whole question in its heading,
its address to copy and the networks' share links, and the questions before and after it."""

import re
from html import unescape
from urllib.parse import quote

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LONG_QUESTION = (
    "On January 27, the Secretary of State said on several occasions that cooperation on "
    "climate could go on. " * 3
).strip() + "\n\nA second paragraph: does the ministry have a comment?"


@pytest.fixture
def briefing():
    briefing = factories.make_briefing(1, exchanges=3)
    middle = briefing.exchanges.get(position=2)
    middle.question = LONG_QUESTION
    middle.save()
    return briefing


def page_of(client, exchange):
    response = client.get(exchange.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_heading_names_who_asked_and_the_whole_question_opens_the_text(client, briefing):
    """A long question as the h1 pushed the answer a screen and a half down on a phone: the h1
    says who asked, the question follows whole, once, then the answer."""
    exchange = briefing.exchanges.get(position=2)
    page = page_of(client, exchange)
    h1 = unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1.*?</h1>", page, re.S).group(0)))
    assert " ".join(h1.split()) == "Question from AFP"
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "AFP: " + " ".join(LONG_QUESTION.split()) in text
    assert page.count("A second paragraph: does the ministry have a comment?") == 1
    question_ends = text.index("does the ministry have a comment?")
    assert question_ends < text.index("Answer 2, first paragraph.")


def test_a_question_with_no_outlet_has_a_heading_of_its_own(client, briefing):
    exchange = briefing.exchanges.get(position=2)
    exchange.outlet = None
    exchange.save()
    h1 = re.search(r"<h1.*?</h1>", page_of(client, exchange), re.S).group(0)
    assert "A question at this briefing" in h1


def test_the_address_to_copy_and_the_share_links(client, briefing):
    exchange = briefing.exchanges.get(position=2)
    page = page_of(client, exchange)
    address = "http://testserver" + exchange.get_absolute_url()
    # Without JavaScript the address stands in a box to select; the button shows with it.
    assert re.search(rf'<input id="share-address" type="url" readonly value="{address}"', page)
    assert re.search(r"<button type=\"button\" hidden data-copy-link=\"share-address\"", page)
    assert '<script src="/static/js/share.js" defer></script>' in page
    share = re.search(r'<ul class="share-links".*?</ul>', page, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" rel="noopener">([^<]+)</a>', share)
    assert [name for _, name in links] == [
        "Email",
        "X",
        "Facebook",
        "LinkedIn",
        "WhatsApp",
        "Telegram",
        "Weibo",
    ]
    encoded = quote(address, safe="")
    for href, name in links:
        assert encoded in unescape(href), name
    assert unescape(links[0][0]).startswith("mailto:?subject=")
    # No third party's script, frame or image.
    assert not re.search(r'<(script|iframe|img)[^>]+src="https?://', page)


def test_previous_and_next_question_in_the_briefings_order(client, briefing):
    first, middle, last = briefing.exchanges.order_by("position")
    page = page_of(client, middle)
    pager = re.search(r'<nav class="pager".*?</nav>', page, re.S).group(0)
    assert f'href="{first.get_absolute_url()}" rel="prev"' in pager
    assert f'href="{last.get_absolute_url()}" rel="next"' in pager
    assert "Previous question" in pager and "Next question" in pager
    assert 'rel="prev"' not in re.search(
        r'<nav class="pager".*?</nav>', page_of(client, first), re.S
    ).group(0)
    assert 'rel="next"' not in re.search(
        r'<nav class="pager".*?</nav>', page_of(client, last), re.S
    ).group(0)


def test_two_questions_at_the_same_position_keep_an_order(client, briefing):
    first = briefing.exchanges.get(position=1)
    twin = briefing.exchanges.create(position=1, question="A twin?", answer="Yes.")
    assert f'href="{twin.get_absolute_url()}" rel="next"' in page_of(client, first)
    assert f'href="{first.get_absolute_url()}" rel="prev"' in page_of(client, twin)


def test_the_print_version_has_no_sharing_and_no_pager(client, briefing):
    exchange = briefing.exchanges.get(position=2)
    response = client.get(exchange.get_absolute_url() + "print/")
    page = response.content.decode()
    assert "share-links" not in page and 'class="pager"' not in page


def test_queries_stay_constant_however_long_the_briefing(client, briefing, count_queries):
    exchange = briefing.exchanges.get(position=2)
    before = count_queries(client, exchange.get_absolute_url())
    factories.add_bulk_exchanges([(briefing, 150)], factories.outlet("Reuters"))
    assert count_queries(client, exchange.get_absolute_url()) == before
