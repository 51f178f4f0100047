"""The three languages in headless Chromium: the seed briefing in English, 中文 and Tiếng Việt,
the switcher between them, search in each, every block marked with its language, axe on each.
"""

import re

import pytest

from transcripts.models import Briefing, Exchange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHINESE_ANSWER = (
    "中方坚决支持巴基斯坦反恐，赞赏巴方为此作出的巨大牺牲。气候变化是人类面临的共同挑战。"
)


@pytest.fixture
def versions(demo_site):
    """The seed briefing and its Chinese and Vietnamese versions, two exchanges each."""
    english = Briefing.objects.get(language="en")
    # The demo's own versions give way to these, whose words the search below finds.
    Briefing.objects.filter(language__in=["zh-hans", "vi"]).delete()
    made = {"en": english}
    for code, title, slug, question, answer in (
        (
            "zh-hans",
            "2021年1月28日外交部发言人赵立坚主持例行记者会",
            "li-xing-ji-zhe-hui",
            "巴基斯坦记者：中方如何看待巴方的反恐努力？",
            CHINESE_ANSWER,
        ),
        (
            "vi",
            "Họp báo thường kỳ ngày 28/01/2021",
            "hop-bao-thuong-ky",
            "Phóng viên: Đề nghị cho biết về hợp tác giữa hai nước?",
            "Chúng tôi dạy tiếng Việt cho sinh viên, đồng thời thúc đẩy hợp tác.",
        ),
    ):
        version = Briefing.objects.create(
            title=title,
            slug=slug,
            language=code,
            translation_key=english.translation_key,
            spokesperson=english.spokesperson,
            section=english.section,
            held_at=english.held_at,
            status=english.status,
        )
        for position in (1, 2):
            Exchange.objects.create(
                briefing=version, position=position, question=question, answer=answer
            )
        made[code] = version
    return made


def marked_languages(page):
    """The page's language and every element's that names one (lang="..."): [(lang, text)]."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[lang]')].map(
            e => [e.getAttribute('lang'), e.innerText.trim().slice(0, 60)])"""
    )


@pytest.mark.parametrize("code", ["en", "zh-hans", "vi"])
def test_each_version_reads_in_its_language_marked_as_such(
    page, live_server, versions, assert_accessible, artifacts_dir, code
):
    version = versions[code]
    page.goto(live_server.url + version.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == code
    assert page.get_by_role("heading", level=1).inner_text() == version.title
    # The switcher names each language in that language, marked with it.
    switcher = page.get_by_role("navigation", name=re.compile("Languages|语言|Ngôn ngữ"))
    for other, name in (("en", "English"), ("zh-hans", "中文"), ("vi", "Tiếng Việt")):
        entry = switcher.locator(f'li[lang="{other}"]')
        assert entry.inner_text() == name
    # "Also in" lists the two others, each link in its own language.
    also_in = page.locator(".also-in:not(.side-by-side-links) a")
    assert sorted(also_in.evaluate_all("links => links.map(a => a.lang)")) == sorted(
        set(versions) - {code}
    )
    # Nothing on the page is marked with a language it is not written in.
    for lang, text in marked_languages(page):
        if lang == "zh-hans" and text:
            assert re.search(r"[\u4e00-\u9fff]", text), text
        if lang == "en" and text:
            assert not re.search(r"[\u4e00-\u9fff]", text), text
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / f"languages-briefing-{code}.png", full_page=True)


def test_the_switcher_leads_from_version_to_version(page, live_server, versions):
    page.goto(live_server.url + versions["en"].get_absolute_url())
    page.get_by_role("link", name="中文", exact=True).first.click()
    page.wait_for_url(f"**{versions['zh-hans'].get_absolute_url()}")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("link", name="Tiếng Việt", exact=True).first.click()
    page.wait_for_url(f"**{versions['vi'].get_absolute_url()}")
    assert page.locator("html").get_attribute("lang") == "vi"


def test_a_briefing_missing_in_a_language_says_so_there_and_links_its_versions(
    page, live_server, versions, assert_accessible
):
    versions["vi"].delete()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + versions["zh-hans"].get_absolute_url())
    page.get_by_role("link", name="Tiếng Việt", exact=True).first.click()
    page.wait_for_url(f"**/vi{versions['zh-hans'].get_absolute_url().removeprefix('/zh-hans')}")
    assert page.locator("html").get_attribute("lang") == "vi"
    note = page.get_by_role("status")
    assert "Trang này không có bằng ngôn ngữ này" in note.inner_text()
    main = page.get_by_role("main")
    main.get_by_role("link", name=versions["en"].title).click()
    page.wait_for_url(f"**{versions['en'].get_absolute_url()}")
    page.go_back()
    assert_accessible(page)


def test_a_page_kind_missing_in_a_language_leads_to_its_home_page_with_a_note(
    page, live_server, versions, assert_accessible
):
    versions["vi"].delete()
    page.goto(live_server.url + versions["zh-hans"].exchanges.first().get_absolute_url())
    page.get_by_role("link", name="Tiếng Việt", exact=True).first.click()
    page.wait_for_url("**/vi/?untranslated=1")
    note = page.get_by_role("status")
    assert "chưa có bằng ngôn ngữ này" in note.inner_text()
    assert_accessible(page)


def test_search_in_each_language_and_in_all_of_them(
    page, live_server, versions, assert_accessible, artifacts_dir
):
    page.goto(live_server.url + "/zh-hans/search/?q=反恐")
    hits = page.locator("article.search-hit")
    assert hits.count() == 2
    assert hits.evaluate_all("hits => hits.map(h => h.lang)") == ["zh-hans", "zh-hans"]
    assert page.locator("article.search-hit mark").first.inner_text() == "反恐"
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / "languages-search-zh-hans.png", full_page=True)

    # Vietnamese typed without its marks, on the Vietnamese page.
    page.goto(live_server.url + "/vi/search/?q=tieng+viet")
    marks = page.locator("article.search-hit mark").all_inner_texts()
    assert set(marks) == {"tiếng", "Việt"}
    assert_accessible(page)

    # The English page searches English, and where English has nothing, every language, and
    # says so; the form's language choice, sent without script, searches every language and
    # keeps the words.
    page.goto(live_server.url + "/search/?q=hợp+tác")
    notice = page.locator(".search-notice[role=status]").inner_text()
    assert notice == "Nothing was found in English: these are the results in every language."
    assert page.locator("article.search-hit").count() == 2
    page.get_by_label("Language", exact=True).select_option("all")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**language=all**")
    hits = page.locator("article.search-hit")
    assert hits.count() == 2
    assert set(hits.evaluate_all("hits => hits.map(h => h.lang)")) == {"vi"}
    assert page.locator(".search-hit-language").first.inner_text() == "Tiếng Việt"
    assert page.get_by_label("Words or “a phrase”").input_value() == "hợp tác"
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / "languages-search-all.png", full_page=True)
