"""Readers see the content that exists (#26): the order of fall-back languages, for_reader()
on the querysets, the marks on lists and feeds, and pages whose queries do not grow."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from embassy.languages.names import fallback_order
from embassy.pages.publishing import Status
from transcripts.models import Briefing, Exchange

LANGUAGES = [("en", "English"), ("zh-hans", "中文"), ("vi", "Tiếng Việt")]


def test_by_default_the_default_language_comes_first_then_the_others():
    assert fallback_order("", LANGUAGES, "en") == {
        "en": ["zh-hans", "vi"],
        "zh-hans": ["en", "vi"],
        "vi": ["en", "zh-hans"],
    }


def test_the_order_is_a_setting_and_what_it_leaves_out_comes_last():
    order = fallback_order(" vi: zh-hans ; en:vi", LANGUAGES, "en")
    assert order["vi"] == ["zh-hans", "en"]
    assert order["en"] == ["vi", "zh-hans"]
    assert order["zh-hans"] == ["en", "vi"]


@pytest.mark.parametrize("spec", ["vi:th", "th:en", "vi", "vi en"])
def test_a_language_not_offered_or_a_malformed_order_is_refused_at_start(spec):
    with pytest.raises(ImproperlyConfigured, match="LANGUAGE_FALLBACKS"):
        fallback_order(spec, LANGUAGES, "en")


@pytest.fixture
def piece(make_briefing):
    """One briefing in English and in Chinese (no Vietnamese), and an English-only one."""
    english = make_briefing(title="English original")
    chinese = make_briefing(
        title="中文版本", language="zh-hans", translation_key=english.translation_key
    )
    alone = make_briefing(title="English only")
    return english, chinese, alone


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


@pytest.mark.django_db
def test_each_reader_gets_each_piece_once_in_their_language_else_the_first_fallback(
    piece, settings
):
    public = Briefing.objects.published()
    assert titles(public.for_reader("en")) == ["English only", "English original"]
    assert titles(public.for_reader("zh-hans")) == ["English only", "中文版本"]
    assert titles(public.for_reader("vi")) == ["English only", "English original"]
    settings.LANGUAGE_FALLBACKS = {**settings.LANGUAGE_FALLBACKS, "vi": ["zh-hans", "en"]}
    assert titles(public.for_reader("vi")) == ["English only", "中文版本"]
    with translation.override("zh-hans"):
        assert titles(public.for_reader()) == ["English only", "中文版本"]


@pytest.mark.django_db
def test_a_draft_in_the_readers_language_does_not_hide_the_published_version(piece):
    english, _chinese, _alone = piece
    make_draft = Briefing.objects.filter(pk=english.pk).get().draft_translation
    make_draft("vi")
    assert "English original" in titles(Briefing.objects.published().for_reader("vi"))


@pytest.mark.django_db
def test_an_outlets_question_is_listed_once_however_many_versions(piece):
    english, chinese, _alone = piece
    Exchange.objects.filter(briefing=chinese).update(outlet=None)
    for exchange, twin in zip(english.exchanges.all(), chinese.exchanges.all(), strict=True):
        twin.outlet_id = exchange.outlet_id
        twin.save()
    cctv = english.exchanges.get(position=1).outlet
    shown = cctv.exchanges.published().for_reader("vi")
    assert {e.briefing.title for e in shown} == {"English original", "English only"}
    shown = cctv.exchanges.published().for_reader("zh-hans")
    assert {e.briefing.title for e in shown} == {"中文版本", "English only"}


@pytest.mark.django_db
def test_the_vietnamese_section_lists_the_english_briefing_marked(client, piece):
    page = client.get("/vi/sections/spokespersons-remarks/").content.decode()
    assert '<li lang="en">' in page
    assert '<span class="version-label" lang="vi">Bản tiếng Anh</span>' in page
    assert "中文版本" not in page  # English comes before Chinese for a Vietnamese reader


@pytest.mark.django_db
def test_the_chinese_pages_mark_english_as_such_and_their_own_not(client, piece):
    page = client.get("/zh-hans/briefings/").content.decode()
    assert '<span class="version-label" lang="zh-hans">英文版</span>' in page
    assert page.count('class="version-label"') == 1  # "English only"; 中文版本 is theirs


@pytest.mark.django_db
def test_an_english_page_marks_an_article_written_only_in_vietnamese(client, make_article):
    make_article(title="Chỉ có tiếng Việt", language="vi")
    page = client.get("/sections/consular-services/").content.decode()
    assert '<li lang="vi">' in page
    assert '<span class="version-label" lang="en">Vietnamese version</span>' in page


@pytest.mark.django_db
def test_a_feed_marks_a_briefing_in_another_language_in_its_title(client, piece):
    feed = client.get("/vi" + reverse("transcripts:feed-rss").removeprefix("/vi")).content
    feed = feed.decode()
    assert "<title>English only (Bản tiếng Anh)</title>" in feed
    assert "中文版本" not in feed


@pytest.mark.django_db
def test_nothing_published_still_says_so(client, db):
    page = client.get("/vi/").content.decode()
    assert "Chưa có buổi họp báo nào được đăng" in page


@pytest.mark.parametrize(
    "address",
    [
        "/vi/",
        "/vi/sections/spokespersons-remarks/",
        "/vi/briefings/",
        "/vi/briefings/2021/01/",
        "/vi/outlets/reuters/",
        "/vi/spokespeople/zhao-lijian/",
        "/vi/tags/climate/",
    ],
)
@pytest.mark.django_db
def test_fallback_lists_take_the_same_queries_for_few_or_many_briefings(
    client, make_many_briefings, count_queries, address
):
    make_many_briefings(2, exchanges=1, tagged=True)
    few = count_queries(client, address)
    make_many_briefings(40, exchanges=2, tagged=True)
    Briefing.objects.filter(title__endswith="3").update(language="zh-hans")
    assert count_queries(client, address) == few


@pytest.mark.django_db
def test_an_article_in_english_only_says_so_under_the_vietnamese_prefix(client, make_article):
    article = make_article(title="Visa rules")
    response = client.get("/vi" + article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trang này không có bằng ngôn ngữ này" in page
    assert f'href="{article.get_absolute_url()}" hreflang="en">Visa rules</a>' in page
    # Its print version still leads to the English print version.
    printed = client.get("/vi" + article.get_absolute_url() + "print/")
    assert printed.status_code == 301
    assert printed["Location"] == article.get_absolute_url() + "print/"


@pytest.mark.django_db
def test_a_draft_in_another_language_is_not_announced_to_the_public(client, make_article):
    draft = make_article(title="Bản nháp", language="vi", status=Status.DRAFT)
    assert draft.get_absolute_url().startswith("/vi/")
    assert client.get(draft.get_absolute_url().removeprefix("/vi")).status_code == 404
