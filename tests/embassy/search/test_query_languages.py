"""Chinese and Vietnamese found by search, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection

from embassy.search import query as search
from transcripts.models import Exchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def chinese_exchanges(make_briefing):
    briefing = make_briefing(exchanges=0, language="zh-hans", title="外交部发言人例行记者会")
    found = [
        Exchange.objects.create(
            briefing=briefing,
            position=1,
            question="巴基斯坦记者：中方如何看待巴方的反恐努力？",
            answer="中方坚决支持巴基斯坦反恐，赞赏巴方为此作出的巨大牺牲。",
        ),
        Exchange.objects.create(
            briefing=briefing,
            position=2,
            question="总台央视记者：美方希望在气候变化问题上同中方合作。中方有何回应？",
            answer="气候变化是人类面临的共同挑战。中方愿同各方一道抗击新冠肺炎疫情。",
        ),
    ]
    Exchange.objects.create(
        briefing=briefing, position=3, question="还有什么问题？", answer="今天的记者会到此结束。"
    )
    return found


@pytest.mark.parametrize(
    "words, positions",
    [("反恐", [1]), ("巴基斯坦", [1]), ("气候变化", [2]), ("新冠肺炎", [2]), ("中方", [1, 2])],
)
def test_chinese_words_inside_unspaced_sentences_are_found(chinese_exchanges, words, positions):
    results = search.search(search.Criteria(text=words))
    assert sorted(hit.object.position for hit in results.page) == positions


def test_a_chinese_exchange_is_indexed_from_its_segmented_copy(chinese_exchanges):
    exchange = Exchange.objects.get(pk=chinese_exchanges[0].pk)
    assert "巴基斯坦 反恐" in exchange.search_text


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL-only: unaccent folds diacritics there; SQLite matches them as typed",
)
@pytest.mark.parametrize("typed", ["tiếng", "tieng", "Tiếng Việt", "tieng viet"])
def test_vietnamese_is_found_with_or_without_diacritics(make_briefing, typed):
    briefing = make_briefing(exchanges=0, language="vi", title="Họp báo thường kỳ")
    Exchange.objects.create(
        briefing=briefing,
        position=1,
        question="Phóng viên hỏi về tiếng Việt.",
        answer="Chúng tôi dạy tiếng Việt cho sinh viên.",
    )
    results = search.search(search.Criteria(text=typed))
    assert [hit.object.position for hit in results.page] == [1]
