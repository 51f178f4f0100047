"""Chinese and Vietnamese found and highlighted by search, on SQLite and on PostgreSQL, and
results in the page's language unless every language is asked for.

Every test here runs on both databases (DATABASE_URL=postgres://... for PostgreSQL).
"""

import datetime
import importlib
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from embassy.search import backends
from embassy.search import query as search
from sections.models import Article
from transcripts.models import Exchange

pytestmark = pytest.mark.django_db


def search_url(language):
    with translation.override(language):
        return reverse("search")


def snippets_of(response):
    assert response.status_code == 200
    return re.findall(r'<p class="search-hit-snippet">(.*?)</p>', response.content.decode())


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
            answer="气候变化是人类面临的共同挑战。中方愿同各方一道抗击新冠肺炎疫情。<b>完</b>",
        ),
    ]
    Exchange.objects.create(
        briefing=briefing, position=3, question="还有什么问题？", answer="今天的记者会到此结束。"
    )
    return found


@pytest.fixture
def vietnamese_exchange(make_briefing):
    briefing = make_briefing(exchanges=0, language="vi", title="Họp báo thường kỳ")
    return Exchange.objects.create(
        briefing=briefing,
        position=1,
        question="Phóng viên hỏi về tiếng Việt và Đà Nẵng?",
        answer="Chúng tôi dạy tiếng Việt cho sinh viên ở Việt Nam, đồng thời hợp tác với Lào.",
    )


@pytest.mark.parametrize(
    "words, positions",
    [("反恐", [1]), ("巴基斯坦", [1]), ("气候变化", [2]), ("新冠肺炎", [2]), ("中方", [1, 2])],
)
def test_chinese_words_inside_unspaced_sentences_are_found(chinese_exchanges, words, positions):
    results = search.search(search.Criteria(text=words))
    assert sorted(hit.object.position for hit in results.page) == positions


@pytest.mark.parametrize(
    "words, snippet",
    [
        ("反恐", "巴基斯坦记者：中方如何看待巴方的<mark>反恐</mark>努力？"),
        ("巴基斯坦", "<mark>巴基斯坦</mark>记者：中方如何看待巴方的反恐努力？"),
        (
            "气候变化",
            "总台央视记者：美方希望在<mark>气候变化</mark>问题上同中方合作。中方有何回应？",
        ),
        # Cut into 新冠 肺炎 to be searched, marked as the one word the reader typed. The
        # answer's own markup is text, escaped; only the <mark> is HTML.
        (
            "新冠肺炎",
            "气候变化是人类面临的共同挑战。中方愿同各方一道抗击<mark>新冠肺炎</mark>疫情。"
            "&lt;b&gt;完&lt;/b&gt;",
        ),
        ('"新冠肺炎"', None),  # a phrase: the same snippet
    ],
)
def test_a_chinese_search_page_highlights_the_words_in_the_text_as_written(
    client, chinese_exchanges, words, snippet
):
    found = snippets_of(client.get(search_url("zh-hans"), {"q": words}))
    if snippet is None:
        snippet = snippets_of(client.get(search_url("zh-hans"), {"q": words.strip('"')}))[0]
    assert found == [snippet]


def test_a_chinese_exchange_is_indexed_from_its_segmented_copy(chinese_exchanges):
    exchange = Exchange.objects.get(pk=chinese_exchanges[0].pk)
    assert "巴基斯坦 反恐" in exchange.search_text


def test_an_english_exchange_keeps_no_copy(make_briefing):
    exchange = make_briefing(exchanges=1).exchanges.get()
    assert exchange.search_text == ""


@pytest.mark.parametrize(
    "typed", ["tiếng", "tieng", "TIENG", "Tiếng Việt", "tieng viet", "Việt Nam", "viet nam"]
)
def test_vietnamese_is_found_with_or_without_diacritics(vietnamese_exchange, typed):
    results = search.search(search.Criteria(text=typed))
    assert [hit.object.pk for hit in results.page] == [vietnamese_exchange.pk]


@pytest.mark.parametrize("typed", ["đồng thời", "dong thoi", "Đà Nẵng", "da nang"])
def test_d_with_a_stroke_is_found_as_d(vietnamese_exchange, typed):
    results = search.search(search.Criteria(text=typed))
    assert [hit.object.pk for hit in results.page] == [vietnamese_exchange.pk]


def test_vietnamese_typed_with_combining_marks_is_found_as_precomposed(vietnamese_exchange):
    decomposed = "tie\u0302\u0301ng"  # tiếng as some keyboards type it
    results = search.search(search.Criteria(text=decomposed))
    assert [hit.object.pk for hit in results.page] == [vietnamese_exchange.pk]


@pytest.mark.parametrize(
    "typed, marked",
    [
        ("tieng", ["tiếng"]),
        ("tiếng", ["tiếng"]),
        ("viet nam", ["Nam", "Việt"]),
        ('"viet nam"', ["Việt Nam"]),
        ("dong", ["đồng"]),
    ],
)
def test_vietnamese_snippets_mark_the_words_as_written(vietnamese_exchange, client, typed, marked):
    (snippet,) = snippets_of(client.get(search_url("vi"), {"q": typed}))
    assert sorted(set(re.findall(r"<mark>(.*?)</mark>", snippet))) == sorted(marked)


def test_an_article_in_vietnamese_is_found_without_diacritics(make_article):
    article = make_article(
        title="Quan hệ Việt - Trung", body="<p>Hợp tác kinh tế &amp; thương mại</p>", language="vi"
    )
    results = search.search(search.Criteria(text="thuong mai", kind=search.ARTICLES))
    assert [hit.object.pk for hit in results.page] == [article.pk]
    assert "<mark>thương mại</mark>" in results.page[0].snippet or (
        "<mark>thương</mark> <mark>mại</mark>" in results.page[0].snippet
    )


def test_english_keeps_its_words(client, make_briefing):
    briefing = make_briefing(exchanges=1)
    exchange = briefing.exchanges.get()
    exchange.answer = "The café on the corner serves questions and answers."
    exchange.save()
    (snippet,) = snippets_of(client.get(search_url("en"), {"q": "cafe"}))
    assert "<mark>café</mark>" in snippet


# Results in the page's language, or every language


@pytest.fixture
def three_languages(make_briefing, chinese_exchanges, vietnamese_exchange):
    english = make_briefing(exchanges=0, title="Regular Press Conference")
    Exchange.objects.create(
        briefing=english, position=1, question="What about Lào?", answer="We cooperate with Lào."
    )
    chinese = chinese_exchanges[0].briefing
    Exchange.objects.create(briefing=chinese, position=4, question="老挝？", answer="Lào。")
    return english


def found_languages(response):
    return re.findall(r'<article class="search-hit" lang="([^"]+)"', response.content.decode())


@pytest.mark.parametrize("language", ["en", "zh-hans", "vi"])
def test_results_are_in_the_pages_language_by_default(client, three_languages, language):
    response = client.get(search_url(language), {"q": "Lào"})
    assert found_languages(response) == [language]
    # No result says its language: they all are in the page's.
    assert "search-hit-language" not in response.content.decode()


def test_every_language_is_one_choice_of_the_form_and_keeps_the_other_filters(
    client, three_languages
):
    page = client.get(search_url("en"), {"q": "Lào", "sort": "newest"}).content.decode()
    assert '<select name="language"' in page
    assert '<option value="all">All languages</option>' in page
    # The link to every language keeps the words and the order.
    link = re.search(r'<a href="([^"]*language=all[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "sort=newest" in link and "q=L%C3%A0o" in link
    response = client.get(search_url("en") + link)
    assert sorted(found_languages(response)) == ["en", "vi", "zh-hans"]
    html = response.content.decode()
    # Each result says its language, in that language, inside its own lang attribute.
    for code, name in (("zh-hans", "中文"), ("vi", "Tiếng Việt")):
        hit = re.search(f'<article class="search-hit" lang="{code}">(.*?)</article>', html, re.S)
        assert f'<span class="search-hit-language">{name}</span>, ' in hit.group(1)
    assert '<option value="all" selected>All languages</option>' in html


def test_one_other_language_can_be_chosen(client, three_languages):
    response = client.get(search_url("en"), {"q": "Lào", "language": "vi"})
    assert found_languages(response) == ["vi"]


def test_an_unknown_language_is_an_error_beside_its_field_and_the_pages_language_is_searched(
    client, three_languages
):
    response = client.get(search_url("en"), {"q": "Lào", "language": "xx"})
    assert response.status_code == 200
    assert found_languages(response) == ["en"]
    assert "Select a valid choice" in response.content.decode()


def test_counts_are_of_the_language_searched(three_languages):
    for language, count in (("en", 1), ("zh-hans", 1), ("vi", 1), (None, 3)):
        results = search.search(search.Criteria(text="Lào", language=language))
        assert results.total == count, language


def test_the_migration_fills_the_copies_of_rows_saved_before_it(vietnamese_exchange, make_article):
    """Rows saved when only Chinese had a copy: the migration gives Vietnamese its copy (on
    PostgreSQL the trigger then reindexes them from it), so tieng finds them."""
    from django.apps import apps

    migration = importlib.import_module("transcripts.migrations.0011_searchable_copies")
    article = make_article(title="Tiếng Việt", language="vi")
    Exchange.objects.update(search_text="")
    Article.objects.update(search_text="")
    migration.refill(apps, None)
    importlib.import_module("sections.migrations.0008_searchable_copies").refill(apps, None)
    assert search.search(search.Criteria(text="tieng")).total == 1
    assert search.search(search.Criteria(text="tieng", kind=search.ARTICLES)).total == 1
    article.refresh_from_db()
    assert article.search_text.startswith("tieng viet")
    assert Exchange.objects.get().search_text.startswith("phong vien hoi ve tieng viet")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-only: the newest rows probed first"
)
@pytest.mark.parametrize("probed", [0, 2, 1000])
@pytest.mark.parametrize("sort", [search.RELEVANCE, search.NEWEST])
def test_several_words_find_the_same_newest_hits_however_many_rows_are_probed_first(
    make_briefing, monkeypatch, probed, sort
):
    """Several words are looked for among the newest rows first (PostgreSQL misjudges how
    rare words that go together are); the hits must be those the index alone finds."""
    for day in range(1, 4):
        briefing = make_briefing(
            exchanges=0, language="vi", held_at=timezone.now() - datetime.timedelta(days=day)
        )
        for position in range(1, 5):
            Exchange.objects.create(
                briefing=briefing,
                position=position,
                question={1: "Hợp tác?", 2: "Về hợp tác giữa hai nước, hợp tác?"}.get(
                    position, "Câu hỏi khác?"
                ),
                answer="Chúng tôi thúc đẩy hợp tác." if position != 3 else "Không.",
            )
    criteria = search.Criteria(text="hop tac", sort=sort)
    monkeypatch.setattr(backends, "PROBED", 0)
    by_index = search.search(criteria, most_counted=5, per_page=3)
    monkeypatch.setattr(backends, "PROBED", probed)
    probed_first = search.search(criteria, most_counted=5, per_page=3)
    assert probed_first.counts == by_index.counts == {"exchanges": 6, "briefings": 0, "articles": 0}
    assert [hit.object.pk for hit in probed_first.page] == [hit.object.pk for hit in by_index.page]
    assert probed_first.paginator.object_list == by_index.paginator.object_list


def test_an_imported_chinese_transcript_is_found_by_its_words_highlighted(client, remarks_section):
    """The importer bulk-creates exchanges (no save()): their searchable copies must be filled,
    or PostgreSQL sees each Chinese sentence as one word and finds nothing."""
    call_command(
        "import_briefing",
        str(Path(settings.BASE_DIR) / "embassy/demo/spokespersons_remarks_2021-01-28.zh-hans.txt"),
        "--publish",
        stdout=io.StringIO(),
    )
    for words in ("气候变化", "布林肯"):
        snippets = snippets_of(client.get(search_url("zh-hans"), {"q": words}))
        assert snippets, words
        assert all(f"<mark>{words}</mark>" in snippet for snippet in snippets), snippets


def test_the_demo_reads_in_chinese_and_its_words_are_found(client, demo_site):
    for words in ("气候变化", "布林肯"):
        snippets = snippets_of(client.get(search_url("zh-hans"), {"q": words}))
        assert snippets, words
        assert all(f"<mark>{words}</mark>" in snippet for snippet in snippets), snippets
