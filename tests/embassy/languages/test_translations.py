"""Versions of one piece in several languages, through the client: the language switcher,
hreflang in the head and in the sitemaps, "Also in", and which translations are out of date."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from embassy.languages.models import TranslationState
from embassy.pages.publishing import Status
from sections.models import Article

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def switcher(page):
    """{language code: where its entry leads, or None for the page's own language}."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', page, re.S).group()
    entries = {}
    for code, body in re.findall(r'<li lang="([^"]+)">(.*?)</li>', nav, re.S):
        link = re.search(r'href="([^"]+)"', body)
        entries[code] = link.group(1).replace("&amp;", "&") if link else None
    return entries


def hreflang(page):
    head = page.split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


@pytest.fixture
def translated(make_briefing):
    """An English briefing and its Chinese version; no Vietnamese one."""
    english = make_briefing(title="Regular Press Conference")
    chinese = make_briefing(
        title="例行记者会",
        slug="li-xing-ji-zhe-hui",
        language="zh-hans",
        translation_key=english.translation_key,
    )
    return english, chinese


def test_the_switcher_leads_to_the_same_briefing_in_the_other_language(client, translated):
    english, chinese = translated
    assert chinese.get_absolute_url().startswith("/zh-hans/")
    entries = switcher(html(client.get(english.get_absolute_url())))
    assert entries["en"] is None  # the page's own language, not a link
    assert entries["zh-hans"] == chinese.get_absolute_url()
    entries = switcher(html(client.get(chinese.get_absolute_url())))
    assert entries["en"] == english.get_absolute_url()
    assert entries["zh-hans"] is None


def test_a_language_without_the_briefing_says_so_there_and_links_its_versions(client, translated):
    english, chinese = translated
    entries = switcher(html(client.get(english.get_absolute_url())))
    assert entries["vi"] == "/vi" + english.get_absolute_url()
    response = client.get(entries["vi"])
    assert response.status_code == 200
    page = html(response)
    # Said plainly, in the language the reader chose, with a link to each version.
    assert '<html lang="vi" ' in page
    assert (
        '<p class="language-note" role="status">Trang này không có bằng ngôn ngữ này. Bạn có '
        "thể đọc trang này bằng:</p>"
    ) in page
    assert f'<li lang="en"><a href="{english.get_absolute_url()}" hreflang="en">' in page
    assert f'<a href="{chinese.get_absolute_url()}" hreflang="zh-hans">' in page
    assert '<span class="version-label" lang="vi">Bản tiếng Anh</span>' in page
    assert '<meta name="robots" content="noindex">' in page
    # Its switcher leads on to the versions.
    assert switcher(page)["zh-hans"] == chinese.get_absolute_url()


def test_a_version_in_the_readers_language_at_another_address_is_where_they_are_led(
    client, translated
):
    english, chinese = translated
    response = client.get("/zh-hans" + english.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == chinese.get_absolute_url()


def test_a_page_kind_that_does_not_say_so_leads_to_the_home_page_which_does(client, translated):
    english, _ = translated
    exchange = english.exchanges.first()
    entries = switcher(html(client.get(exchange.get_absolute_url())))
    assert entries["vi"] == "/vi/?untranslated=1"
    home = html(client.get(entries["vi"]))
    assert '<html lang="vi" ' in home
    assert (
        '<p class="language-note" role="status">Trang bạn đang đọc chưa có bằng ngôn ngữ này, '
        "nên đây là trang chủ.</p>"
    ) in home
    assert 'class="language-note"' not in html(client.get("/vi/"))


def test_a_page_in_every_language_switches_to_itself_under_the_other_prefix(
    client, translated, remarks_section
):
    # What the page reads of the query string comes along (a list's page); what it does not
    # read was never part of the page (embassy/pagecache/parameters.py).
    url = remarks_section.get_absolute_url()
    assert switcher(html(client.get(f"{url}?page=1&x=2"))) == {
        "en": None,
        "zh-hans": f"/zh-hans{url}?page=1",
        "vi": f"/vi{url}?page=1",
    }
    assert switcher(html(client.get("/briefings/2021/?page=1"))) == {
        "en": None,
        "zh-hans": "/zh-hans/briefings/2021/",
        "vi": "/vi/briefings/2021/",
    }


def test_hreflang_alternates_in_the_head_name_the_versions_that_exist(client, translated):
    english, chinese = translated
    for version in translated:
        alternates = hreflang(html(client.get(version.get_absolute_url())))
        assert alternates == {
            "en": f"http://testserver{english.get_absolute_url()}",
            "zh-hans": f"http://testserver{chinese.get_absolute_url()}",
        }


def test_a_page_in_every_language_has_every_language_as_alternate(client, db):
    alternates = hreflang(html(client.get("/briefings/")))
    assert alternates == {
        "en": "http://testserver/briefings/",
        "zh-hans": "http://testserver/zh-hans/briefings/",
        "vi": "http://testserver/vi/briefings/",
    }


def test_also_in_links_the_other_versions_each_in_its_own_language(client, translated):
    english, chinese = translated
    page = html(client.get(english.get_absolute_url()))
    also_in = re.search(r'<p class="also-in">(.*?)</p>', page, re.S).group(1)
    assert also_in.startswith("Also in:")
    assert f'<a href="{chinese.get_absolute_url()}" hreflang="zh-hans" lang="zh-hans">中文</a>' in (
        also_in
    )
    assert "Tiếng Việt" not in also_in  # no Vietnamese version
    chinese_page = html(client.get(chinese.get_absolute_url()))
    also_in = re.search(r'<p class="also-in">(.*?)</p>', chinese_page, re.S).group(1)
    assert also_in.startswith("其他语言：")
    assert f'href="{english.get_absolute_url()}" hreflang="en" lang="en">English</a>' in also_in


def test_a_piece_in_one_language_has_no_also_in_line(client, make_briefing):
    page = html(client.get(make_briefing().get_absolute_url()))
    assert 'class="also-in"' not in page


def test_a_draft_translation_is_not_offered_to_the_public(client, translated):
    english, chinese = translated
    chinese.status = Status.DRAFT
    chinese.save()
    page = html(client.get(english.get_absolute_url()))
    assert 'class="also-in"' not in page
    assert switcher(page)["zh-hans"] == "/zh-hans" + english.get_absolute_url()
    assert "zh-hans" not in hreflang(page)
    # There, the draft is not linked: the English is.
    elsewhere = html(client.get("/zh-hans" + english.get_absolute_url()))
    assert chinese.get_absolute_url() not in elsewhere
    assert f'href="{english.get_absolute_url()}" hreflang="en"' in elsewhere


def test_the_sitemap_gives_each_version_its_translations_as_alternates(client, translated):
    english, chinese = translated
    sitemap = ET.fromstring(client.get("/sitemap-briefings.xml").content)
    alternates = {}
    for url in sitemap.iter(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        alternates[location] = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
    both = {
        "en": f"http://testserver{english.get_absolute_url()}",
        "zh-hans": f"http://testserver{chinese.get_absolute_url()}",
    }
    assert alternates == {both["en"]: both, both["zh-hans"]: both}


def test_an_untranslated_briefing_has_no_alternates_in_the_sitemap(client, make_briefing):
    make_briefing()
    assert b"xhtml:link" not in client.get("/sitemap-briefings.xml").content


# Which translations are out of date


def edited_at(obj, when):
    """Set updated_at as if the last edit was then (auto_now would set it to now on save)."""
    type(obj).objects.filter(pk=obj.pk).update(updated_at=when)
    obj.refresh_from_db()
    return obj


def states(obj):
    return {code: state for code, _name, state, _version in obj.translation_states()}


def test_translation_states_say_original_up_to_date_out_of_date_and_missing(make_article):
    now = timezone.now()
    original = edited_at(make_article(title="Visa rules"), now - datetime.timedelta(days=3))
    chinese = make_article(
        title="签证规定", language="zh-hans", translation_key=original.translation_key
    )
    edited_at(chinese, now - datetime.timedelta(days=2))  # translated after the original
    assert states(original) == {
        "en": TranslationState.ORIGINAL,
        "zh-hans": TranslationState.CURRENT,
        "vi": TranslationState.MISSING,
    }
    # The original changes after the translation was last edited: the translation is stale.
    original.title = "Visa rules (updated)"
    original.save()
    assert states(original)["zh-hans"] == TranslationState.OUT_OF_DATE
    # Every version tells the same story: the original is the one written first.
    assert states(Article.objects.get(pk=chinese.pk)) == states(original)
    # Editing the translation brings it up to date again.
    chinese.refresh_from_db()
    chinese.title = "签证规定（更新）"
    chinese.save()
    assert states(original)["zh-hans"] == TranslationState.CURRENT


def test_translation_states_of_a_briefing(translated):
    english, chinese = translated
    edited_at(chinese, english.updated_at - datetime.timedelta(hours=1))
    found = {code: (state, version) for code, _n, state, version in english.translation_states()}
    assert found["en"] == (TranslationState.ORIGINAL, english)
    assert found["zh-hans"] == (TranslationState.OUT_OF_DATE, chinese)
    assert found["vi"] == (TranslationState.MISSING, None)
