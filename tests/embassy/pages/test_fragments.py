"""Fragments rendered once per content: never stale, whatever changes in what they show."""

import pytest
from django.utils import translation
from taggit.models import Tag

from embassy.pages import fragments
from transcripts.models import Exchange, attach_topics

pytestmark = pytest.mark.django_db

EXCHANGE = "transcripts/includes/exchange.html"


@pytest.fixture
def exchanges(make_briefing):
    briefing = make_briefing(exchanges=2)
    rows = list(briefing.exchanges.select_related("outlet", "responder", "briefing__spokesperson"))
    return attach_topics(rows)


def render(exchanges):
    return fragments.render_fragments(
        EXCHANGE, ({"exchange": e, "number": n} for n, e in enumerate(exchanges, 1))
    )


def test_the_same_content_is_rendered_once(exchanges):
    fragments.memo.clear()
    first = render(exchanges)
    assert len(fragments.memo) == 2
    fresh = attach_topics(
        Exchange.objects.select_related("outlet", "responder", "briefing__spokesperson")
    )
    assert render(fresh) == first  # read again from the database: the same state, kept
    assert len(fragments.memo) == 2


def test_a_change_of_any_field_shown_is_rendered_anew(exchanges):
    before = render(exchanges)
    exchanges[0].answer = "A corrected answer."
    assert "A corrected answer." in render(exchanges)
    exchanges[0].outlet.name = "Renamed Outlet"  # a related object
    assert "Renamed Outlet" in render(exchanges)
    exchanges[1].briefing.spokesperson.name = "Another Spokesperson"  # two relations away
    assert "Another Spokesperson" in render(exchanges)
    assert render(exchanges) != before


def test_a_change_of_topics_is_rendered_anew(exchanges):
    render(exchanges)
    exchanges[0].topics = [Tag.objects.create(name="Trade", slug="trade")]
    assert "Trade" in render(exchanges)


def test_each_language_has_its_own_fragments(exchanges):
    english = render(exchanges)
    with translation.override("zh-hans"):
        chinese = render(exchanges)
    assert chinese != english and "/zh-hans/" in chinese


def test_what_cannot_be_read_is_rendered_and_not_kept(exchanges):
    fragments.memo.clear()

    class Opaque:
        anchor = "exchange-0"

    html = fragments.render_fragments(EXCHANGE, [{"exchange": Opaque(), "number": 1}])
    assert 'id="exchange-0"' in html
    assert not len(fragments.memo)


def test_with_debug_on_nothing_is_kept(exchanges, settings):
    settings.DEBUG = True
    fragments.memo.clear()
    render(exchanges)
    assert not len(fragments.memo)


def test_the_generation_memo_keeps_one_generation_within_its_size():
    from embassy.pages.fragments import GenerationMemo

    kept = GenerationMemo(most=10)
    kept.put(1, "a", "A", 4)
    kept.put(1, "b", "B", 4)
    assert kept.get(1, "a") == "A"  # now the most recently used
    kept.put(1, "c", "C", 4)  # past 10: the least recently used goes
    assert kept.get(1, "b") is None and kept.get(1, "a") == "A" and kept.get(1, "c") == "C"
    assert kept.get(2, "a") is None  # another generation sees none of it
    kept.put(2, "a", "A2", 4)  # a new one: the old generation is dropped
    assert kept.get(2, "a") == "A2" and kept.get(1, "c") is None
    kept.put(2, "big", "BIG", 50)  # bigger than the whole budget: not kept
    assert kept.get(2, "big") is None and kept.get(2, "a") == "A2"
