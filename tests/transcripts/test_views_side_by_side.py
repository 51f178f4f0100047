"""The side-by-side page: a briefing beside its version in another language, through the client."""

import re

import pytest
from django.test import Client, override_settings

from embassy.pages.publishing import Status
from tests import factories
from transcripts.models import Exchange

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture
def pair(make_briefing):
    """An English briefing and its Chinese version, three exchanges each from the same outlets."""
    english = make_briefing(title="Regular Press Conference")
    chinese = make_briefing(
        title="例行记者会",
        slug="例行记者会",
        language="zh-hans",
        translation_key=english.translation_key,
        opening_remarks="今天没有要发布的消息。",
    )
    for exchange in chinese.exchanges.all():
        exchange.question = f"第{exchange.position}个问题？"
        exchange.answer = f"第{exchange.position}个回答。"
        exchange.save()
    return english, chinese


def blocks(page):
    """(lang, heading) of every exchange block, in the page's order."""
    return re.findall(
        r'<div class="pair-block" lang="([^"]+)">\s*<h3 class="exchange-heading">'
        r'<span class="pair-language">[^<]+</span> <span class="exchange-number">(\d+)\.</span> '
        r"([^<]+)</h3>",
        page,
    )


def test_both_versions_exchange_by_exchange_each_block_in_its_language(client, pair):
    english, chinese = pair
    response = client.get(english.side_by_side_url("zh-hans"))
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="en" ' in page
    assert '<span lang="en">Regular Press Conference</span>' in page
    assert '<p class="side-by-side-other-title" lang="zh-hans">例行记者会</p>' in page
    assert blocks(page) == [
        ("en", "1", "Bloomberg"),
        ("zh-hans", "1", "Bloomberg"),
        ("en", "2", "AFP"),
        ("zh-hans", "2", "AFP"),
        ("en", "3", "CCTV"),
        ("zh-hans", "3", "CCTV"),
    ]
    assert page.count('<section class="pair"') == 4  # the opening remarks and three exchanges
    assert "Question 1 of briefing 1?" in page and "第1个问题？" in page
    # The language is named on each block, for a phone's single column and screen readers.
    assert page.count('<span class="pair-language">中文</span>') == 3
    # The same outlets in the same order: no note.
    assert "alignment-notes" not in page
    # English had no opening remarks: said, not left blank.
    assert "No opening remarks in this version." in page and "今天没有要发布的消息。" in page
    # Each version alone, and the exchanges' own pages.
    assert f'href="{english.get_absolute_url()}"' in page
    assert f'href="{chinese.get_absolute_url()}"' in page
    first = chinese.exchanges.get(position=1)
    assert f'href="{first.get_absolute_url()}"' in page


def test_the_other_side_under_its_own_prefix_and_the_switcher_between_them(client, pair):
    english, chinese = pair
    address = chinese.side_by_side_url("en")
    assert address.startswith("/zh-hans/briefings/2021/01/28/")
    page = html(client.get(address))
    assert '<html lang="zh-hans" ' in page
    assert blocks(page)[0] == ("zh-hans", "1", "Bloomberg")
    # The switcher leads to the pair seen from English; Tiếng Việt has neither.
    assert f'href="{english.side_by_side_url("zh-hans")}" hreflang="en"' in page
    assert 'hreflang="vi"' in page  # to the Vietnamese home page, with its note
    assert (
        f'rel="alternate" hreflang="en" href="http://testserver{english.side_by_side_url("zh-hans")}"'
        in page
    )


def test_an_address_under_the_wrong_prefix_redirects_to_the_pair_there(client, pair):
    english, chinese = pair
    # The Chinese slug under the English prefix.
    wrong = english.side_by_side_url("zh-hans").replace(english.slug, chinese.slug)
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == chinese.side_by_side_url("en")


def test_unequal_versions_say_so_and_show_what_has_no_counterpart(client, pair):
    english, chinese = pair
    # The Chinese version lacks the AFP exchange and adds one from Reuters at the end.
    chinese.exchanges.get(position=2).delete()
    Exchange.objects.create(
        briefing=chinese,
        position=9,
        outlet=factories.outlet("Reuters"),
        question="路透社的问题？",
        answer="路透社的回答。",
    )
    page = html(client.get(english.side_by_side_url("zh-hans")))
    assert "How the two versions are paired" in page
    # Equal counts: not said.
    assert "3 in the English version, 3 in the Chinese version" not in page
    assert "do not have the same outlets in the same order" in page
    assert blocks(page) == [
        ("en", "1", "Bloomberg"),
        ("zh-hans", "1", "Bloomberg"),
        ("en", "2", "AFP"),
        ("en", "3", "CCTV"),
        ("zh-hans", "2", "CCTV"),
        ("zh-hans", "3", "Reuters"),
    ]
    assert page.count('class="pair pair-unpaired"') == 2
    assert "Not in the Chinese version." in page and "Not in the English version." in page
    assert "路透社的问题？" in page  # never dropped


def test_different_counts_are_counted(client, pair):
    english, chinese = pair
    chinese.exchanges.get(position=3).delete()
    page = html(client.get(english.side_by_side_url("zh-hans")))
    assert "3 in the English version, 2 in the Chinese version" in page
    assert page.count('class="pair pair-unpaired"') == 1


def test_outlets_named_in_each_language_pair_by_position_with_a_note(client, pair):
    english, chinese = pair
    for exchange, name in zip(
        chinese.exchanges.all(), ["彭博社", "法新社", "总台央视"], strict=True
    ):
        exchange.outlet = factories.outlet(name)
        exchange.save()
    page = html(client.get(english.side_by_side_url("zh-hans")))
    assert "names the outlets in its own language" in page
    assert [b[2] for b in blocks(page)] == [
        "Bloomberg",
        "彭博社",
        "AFP",
        "法新社",
        "CCTV",
        "总台央视",
    ]
    assert "pair-unpaired" not in page


def test_a_draft_version_is_404_to_the_public_and_a_preview_to_staff(staff_client, pair):
    english, chinese = pair
    client = Client()
    chinese.status = Status.DRAFT
    chinese.save()
    address = english.side_by_side_url("zh-hans")
    assert client.get(address).status_code == 404
    assert client.get(chinese.side_by_side_url("en")).status_code == 404
    response = staff_client.get(address)
    assert response.status_code == 200
    assert "draft-banner" in html(response)
    assert "no-store" in response["Cache-Control"]


def test_no_such_pair_is_404(client, make_briefing, pair):
    english, _chinese = pair
    assert client.get(english.side_by_side_url("vi")).status_code == 404
    assert client.get(english.side_by_side_url("en")).status_code == 404
    assert client.get(english.side_by_side_url("xx")).status_code == 404
    alone = make_briefing(title="Alone", slug="alone")
    assert client.get(alone.side_by_side_url("zh-hans")).status_code == 404


def test_the_briefing_page_and_its_also_in_line_link_the_side_by_side_page(client, pair):
    english, chinese = pair
    page = html(client.get(english.get_absolute_url()))
    assert f'<a href="{english.side_by_side_url("zh-hans")}">Side by side with Chinese</a>' in page
    page = html(client.get(chinese.get_absolute_url()))
    assert f'href="{chinese.side_by_side_url("en")}"' in page
    # A draft translation is not offered to the public.
    chinese.status = Status.DRAFT
    chinese.save()
    assert "side-by-side" not in html(client.get(english.get_absolute_url()))


def test_the_print_version(client, pair):
    english, _chinese = pair
    response = client.get(english.side_by_side_url("zh-hans") + "print/")
    assert response.status_code == 200
    page = html(response)
    assert 'class="print-version"' in page
    assert len(blocks(page)) == 6
    assert "permalink" not in page and 'class="site-menu' not in page
    assert 'href="' + english.side_by_side_url("zh-hans") + '"' in page  # back to the page


def test_constant_queries_however_long(count_queries, client, make_briefing):
    def pair_with(n, count):
        english = make_briefing(title=f"Press conference {n}", exchanges=count)
        chinese = make_briefing(
            title=f"记者会{n}",
            language="zh-hans",
            translation_key=english.translation_key,
            exchanges=count,
        )
        return english, chinese

    short, _ = pair_with(1, 2)
    long, _ = pair_with(2, 60)
    assert count_queries(client, short.side_by_side_url("zh-hans")) == count_queries(
        client, long.side_by_side_url("zh-hans")
    )


def test_the_page_is_kept_in_the_page_cache(client, pair, django_assert_num_queries):
    english, _chinese = pair
    address = english.side_by_side_url("zh-hans")
    with override_settings(PAGE_CACHE=True):
        first = client.get(address)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            again = client.get(address)
    assert again.status_code == 200 and again.content == first.content


def test_the_sitemap_lists_each_published_pair_both_ways(client, pair, make_briefing):
    english, chinese = pair
    make_briefing(title="Alone", slug="alone")
    body = client.get("/sitemap-side-by-side.xml").content.decode()
    addresses = re.findall(r"<loc>http://testserver([^<]+)</loc>", body)
    assert sorted(addresses) == sorted(
        [english.side_by_side_url("zh-hans"), chinese.side_by_side_url("en")]
    )
    assert "/sitemap-side-by-side.xml" in client.get("/sitemap.xml").content.decode()
    chinese.status = Status.DRAFT
    chinese.save()
    assert "<loc>" not in client.get("/sitemap-side-by-side.xml").content.decode()


def test_suggest_to_a_friend_of_the_pair(client, pair):
    english, _chinese = pair
    response = client.get(english.side_by_side_url("zh-hans") + "suggest/")
    assert response.status_code == 200


def test_a_chinese_reader_has_the_languages_named_in_chinese(client, pair):
    """In a sentence the language is named in the page's language: "与英文版对照", never
    "与English版对照"; the column heads keep each version's own name."""
    english, chinese = pair
    page = html(client.get(chinese.side_by_side_url("en")))
    assert "与英文版对照" in page and "English版" not in page
    assert '<span class="pair-language">English</span>' in page
    page = html(client.get(chinese.get_absolute_url()))
    assert "与英文版对照</a>" in page
