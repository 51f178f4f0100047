"""An outlet's questions found by its name in any language, on SQLite and on PostgreSQL
(DATABASE_URL=postgres://... runs these on PostgreSQL, whose trigger indexes the names)."""

import pytest

from embassy.search import query as search
from transcripts.models import Exchange, Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def afp_question(make_briefing):
    afp = Outlet.objects.create(
        slug="afp",
        name_en="AFP",
        name_zh_hans="法新社",
        name_vi="Hãng thông tấn Pháp",
    )
    briefing = make_briefing(exchanges=0)
    return Exchange.objects.create(
        briefing=briefing,
        position=1,
        outlet=afp,
        question="Can you comment on the talks?",
        answer="We have released information on this.",
    )


def found(words):
    return [hit.object.pk for hit in search.search(search.Criteria(text=words)).page]


@pytest.mark.parametrize(
    "words",
    ["AFP", "法新社", "Hãng thông tấn Pháp", "hang thong tan phap", "thông tấn"],
)
def test_an_outlets_questions_are_found_by_its_name_in_every_language(afp_question, words):
    assert found(words) == [afp_question.pk]


def test_a_name_given_later_finds_the_questions_already_asked(afp_question, make_briefing):
    """A name added in the admin reindexes the outlet's exchanges (PostgreSQL's trigger)."""
    xinhua = Outlet.objects.create(slug="xinhua", name_en="Xinhua News Agency")
    exchange = Exchange.objects.create(
        briefing=make_briefing(exchanges=0),
        position=1,
        outlet=xinhua,
        question="What is the plan?",
        answer="We will release it.",
    )
    assert found("新华社") == []
    xinhua.name_zh_hans = "新华社"
    xinhua.save()
    assert found("新华社") == [exchange.pk]
    xinhua.name_vi = "Tân Hoa Xã"
    xinhua.save(update_fields=["name_vi"])
    assert found("Tân Hoa Xã") == [exchange.pk]
    assert found("tan hoa xa") == [exchange.pk]


def test_a_long_chinese_name_is_found_as_it_is_cut_into_words(make_briefing):
    cmg = Outlet.objects.create(
        slug="cmg", name_en="China Media Group", name_zh_hans="中央广播电视总台"
    )
    exchange = Exchange.objects.create(
        briefing=make_briefing(exchanges=0),
        position=1,
        outlet=cmg,
        question="What is the plan?",
        answer="We will release it.",
    )
    assert found("中央广播电视总台") == [exchange.pk]


def test_the_importer_writes_the_searched_names(make_briefing):
    from transcripts.importing import outlet_named

    outlet = outlet_named("法新社记者")
    assert "法新社" in outlet.search_names
    assert Outlet.objects.get(pk=outlet.pk).search_names == outlet.search_names
