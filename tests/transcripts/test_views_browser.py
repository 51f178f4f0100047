"""The reading site in headless Chromium: the seed briefing, its index, print and phones."""

import pytest

from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed(demo_site):
    briefing = Briefing.objects.get(language="en")
    briefing.tags.add("Climate")
    briefing.exchanges.first().tags.add("Climate")
    return briefing


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_question_index_jumps_to_the_exchange(page, live_server, seed, artifacts_dir):
    page.goto(live_server.url + seed.get_absolute_url())
    assert page.title().startswith("Foreign Ministry Spokesperson Zhao Lijian")
    target = seed.exchanges.get(outlet__name="NHK")
    index = page.get_by_role("navigation", name="Questions at this briefing")
    index.get_by_role("link", name="NHK: I have two questions").click()
    page.wait_for_url(f"**#{target.anchor}")
    exchange = page.locator(f"#{target.anchor}")
    assert "peace, stability and prosperity in the region" in exchange.inner_text()
    assert exchange.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    page.screenshot(path=artifacts_dir / "briefing-at-exchange.png")
    # The permalink leads to the exchange's own page, which leads back to the same place.
    exchange.get_by_role("link", name="Permalink").click()
    page.wait_for_url(f"**{target.get_absolute_url()}")
    page.get_by_role("link", name="Read this exchange in its place in the briefing").click()
    page.wait_for_url(f"**{seed.get_absolute_url()}#{target.anchor}")


def test_reader_goes_from_home_through_the_menu_to_the_briefing(page, live_server, seed):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Spokesperson's Remarks"
    ).click()
    page.get_by_role("main").get_by_role("link", name=seed.title).click()
    page.wait_for_url(f"**{seed.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == seed.title


def test_print_media_hides_the_frame_and_keeps_the_text(page, live_server, seed, artifacts_dir):
    page.goto(live_server.url + seed.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-menu", ".site-footer", ".page-actions", ".breadcrumb"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert not page.get_by_role("link", name="Permalink").first.is_visible()
    for exchange in seed.exchanges.all():
        assert page.locator(f"#{exchange.anchor}").is_visible()
    assert page.get_by_text("Pompeo's slandering comments against China").is_visible()
    assert page.locator(".print-trace").first.is_visible()
    page.pdf(path=artifacts_dir / "briefing-printed.pdf")
    page.screenshot(path=artifacts_dir / "briefing-print-media.png", full_page=True)
    # Printed from a phone, where the menu folds behind its button: no button on paper either.
    page.set_viewport_size({"width": 390, "height": 800})
    assert not page.get_by_text("Menu", exact=True).is_visible()
    assert page.locator(".print-trace").first.is_visible()


def test_print_version_renders_and_its_button_prints(page, live_server, seed, artifacts_dir):
    url = live_server.url + seed.get_absolute_url() + "print/"
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == seed.title
    assert page.get_by_text(live_server.url + seed.get_absolute_url()).first.is_visible()
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    # The real dialog would block a headless browser: count the calls instead.
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    page.screenshot(path=artifacts_dir / "briefing-print-version.png", full_page=True)
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert not page.get_by_role("link", name="Back to the page").is_visible()
    assert page.get_by_text("Period.").is_visible()


def test_print_version_works_without_javascript(browser, live_server, seed):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + seed.get_absolute_url() + "print/")
    # No button that would do nothing; the text and its address are all there.
    assert not page.get_by_role("button", name="Print this page").is_visible()
    assert page.get_by_text("There's never ever such thing as genocide").is_visible()
    context.close()


def test_pages_are_accessible(page, live_server, seed, assert_accessible, artifacts_dir):
    exchange = seed.exchanges.first()
    pages = {
        "home": "/",
        "section": "/sections/spokespersons-remarks/",
        "article": "/sections/consular-services/about/",
        "briefing": seed.get_absolute_url(),
        "briefing-print": seed.get_absolute_url() + "print/",
        "exchange": exchange.get_absolute_url(),
        "exchange-print": exchange.get_absolute_url() + "print/",
        "outlet": exchange.outlet.get_absolute_url(),
        "tag": "/tags/climate/",
        "archive": "/briefings/",
        "not-found": "/no/such/page/",
    }
    for name, url in pages.items():
        page.goto(live_server.url + url)
        assert_accessible(page)
        page.screenshot(path=artifacts_dir / f"page-{name}.png", full_page=True)


def test_pages_fit_a_375px_phone(browser, live_server, seed, assert_accessible, artifacts_dir):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    exchange = seed.exchanges.first()
    for name, url in {
        "home": "/",
        "briefing": seed.get_absolute_url(),
        "exchange": exchange.get_absolute_url(),
        "briefing-print": seed.get_absolute_url() + "print/",
        "archive": "/briefings/",
        "not-found": "/no/such/page/",
    }.items():
        page.goto(live_server.url + url)
        assert no_horizontal_scroll(page), name
        page.screenshot(path=artifacts_dir / f"phone-{name}.png", full_page=True)
    page.goto(live_server.url + seed.get_absolute_url())
    assert_accessible(page)
    context.close()
