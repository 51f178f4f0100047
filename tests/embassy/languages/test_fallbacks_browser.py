"""Readers see the content that exists (#26), in headless Chromium on a phone (390 px): where
nothing is written in the reader's language, the lists show the other versions, marked, and
axe finds nothing on those pages."""

import pytest

from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def english_and_chinese_only(demo_site):
    """The demo as it was before its Vietnamese version: the seed in English and Chinese."""
    Briefing.objects.filter(language="vi").delete()
    return Briefing.objects.get(language="en")


def marks(page):
    """[(item's lang, its mark)] of the marked items of the page's main content."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('main .version-label')].map(
            mark => [mark.parentElement.closest('[lang]').getAttribute('lang'),
                     mark.innerText.trim(), mark.getAttribute('lang')])"""
    )
    return [tuple(mark) for mark in found]


def test_the_vietnamese_home_page_lists_the_seed_marked_as_english(
    page, live_server, english_and_chinese_only, assert_accessible, artifacts_dir
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/vi/")
    lead = page.locator(".lead-briefing")
    assert lead.get_attribute("lang") == "en"
    assert english_and_chinese_only.title in lead.inner_text()
    assert "Chưa có buổi họp báo nào được đăng" not in page.content()
    # The seed once (in English, the first fall-back), not its Chinese version as well.
    assert page.locator(".lead-briefing, .home-briefings .item-list li").count() == 1
    # The example pages are in English: listed, each marked.
    found = marks(page)
    assert found and set(found) == {("en", "Bản tiếng Anh", "vi")}
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / "fallback-home-vi.png", full_page=True)


def test_the_vietnamese_home_page_lists_the_demos_vietnamese_version(
    page, live_server, demo_site, assert_accessible
):
    vietnamese = Briefing.objects.get(language="vi")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/vi/")
    lead = page.locator(".lead-briefing")
    assert lead.get_attribute("lang") is None  # the page's own language
    assert lead.get_by_role("link").inner_text() == vietnamese.title
    assert "(bản dịch minh họa)" in vietnamese.title
    assert_accessible(page)


@pytest.mark.parametrize(
    "address, heading",
    [
        ("/vi/sections/spokespersons-remarks/", "Phát biểu của Người phát ngôn"),
        ("/vi/sections/consular-services/", "Dịch vụ lãnh sự"),
        ("/vi/briefings/", None),
        ("/vi/briefings/2021/01/", None),
        ("/vi/tags/climate-change/", "Vấn đề: Biến đổi khí hậu"),
        ("/vi/outlets/afp/", None),
        ("/vi/spokespeople/zhao-lijian/", "Triệu Lập Kiên"),
    ],
)
def test_vietnamese_lists_are_not_empty_and_mark_what_is_in_english(
    page, live_server, english_and_chinese_only, assert_accessible, artifacts_dir, address, heading
):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + address)
    assert response.status == 200
    if heading:
        assert page.get_by_role("heading", level=1).inner_text() == heading
    found = marks(page)
    assert found, address
    assert set(found) == {("en", "Bản tiếng Anh", "vi")}
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    name = address.strip("/").replace("/", "-")
    page.screenshot(path=artifacts_dir / f"fallback-{name}.png", full_page=True)


def test_the_chinese_outlet_page_lists_each_question_once_in_chinese(
    page, live_server, demo_site, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/zh-hans/outlets/afp/")
    # One outlet in every language, named in the page's.
    assert page.get_by_role("heading", level=1).inner_text() == "法新社的提问"
    questions = page.locator("main .question-list > li")
    assert questions.count() == 2  # AFP asked twice; the three versions do not triple it
    assert marks(page) == []
    assert "世卫" in questions.first.inner_text()
    assert_accessible(page)
