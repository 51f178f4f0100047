"""The demo's seed briefing beside its Chinese version, in headless Chromium, with axe."""

import pytest

from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed(demo_site):
    return Briefing.objects.get(language="en")


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def boxes(page, row):
    """The bounding boxes of the two blocks of the `row`th pair."""
    blocks = page.locator("section.pair").nth(row).locator(".pair-block")
    return blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()


def test_two_columns_on_a_desktop_accessible_and_each_block_in_its_language(
    page, live_server, seed, assert_accessible, artifacts_dir
):
    page.goto(live_server.url + "/")
    page.goto(live_server.url + seed.get_absolute_url())
    page.get_by_role("link", name="Side by side with Chinese").click()
    page.wait_for_url(f"**{seed.side_by_side_url('zh-hans')}")
    assert page.locator("section.pair").count() == 8
    left, right = boxes(page, 1)
    assert abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + left["width"]
    langs = (
        page.locator("section.pair")
        .nth(1)
        .locator(".pair-block")
        .evaluate_all("blocks => blocks.map(b => b.lang)")
    )
    assert langs == ["en", "zh-hans"]
    assert "中国从来不存在什么种族灭绝" in page.locator("[lang=zh-hans]").nth(3).inner_text() or (
        page.get_by_text("中国从来不存在什么种族灭绝。就这么简单。").is_visible()
    )
    # One outlet in every language (#26): the versions pair by outlet, with no note to read.
    assert page.get_by_role("note").count() == 0
    assert no_horizontal_scroll(page)
    page.screenshot(path=artifacts_dir / "side-by-side-1280.png", full_page=True)
    assert_accessible(page)


def test_stacked_on_a_phone(browser, live_server, seed, assert_accessible, artifacts_dir):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(live_server.url + seed.side_by_side_url("zh-hans"))
        left, right = boxes(page, 0)
        assert right["y"] >= left["y"] + left["height"] - 1  # one above the other
        # Each block says its language where the columns' heads are not shown.
        first = page.locator("section.pair").first
        assert first.locator(".pair-language").first.is_visible()
        assert no_horizontal_scroll(page)
        page.screenshot(path=artifacts_dir / "side-by-side-390.png", full_page=True)
        assert_accessible(page)
    finally:
        context.close()


def test_the_chinese_side_and_the_print_version(page, live_server, seed, assert_accessible):
    chinese = Briefing.objects.get(language="zh-hans")
    page.goto(live_server.url + chinese.side_by_side_url("en"))
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert (
        page.locator("section.pair").first.locator(".pair-block").first.get_attribute("lang")
        == "zh-hans"
    )
    assert_accessible(page)
    page.goto(live_server.url + seed.side_by_side_url("zh-hans") + "print/")
    assert page.locator("section.pair").count() == 8
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert_accessible(page)
