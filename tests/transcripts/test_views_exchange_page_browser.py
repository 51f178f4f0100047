"""The exchange page's "Copy link" in headless Chromium, with and without JavaScript."""

import pytest

from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exchange(demo_site):
    return (
        Briefing.objects.get(language="en").exchanges.exclude(outlet=None).order_by("position")[1]
    )


def test_copy_link_puts_the_address_on_the_clipboard(
    browser, live_server, exchange, assert_accessible
):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + exchange.get_absolute_url())
    address = live_server.url + exchange.get_absolute_url()
    share = page.get_by_role("region", name="Share this exchange")
    assert share.get_by_label("Link to this exchange").input_value() == address
    share.get_by_role("button", name="Copy link").click()
    page.get_by_role("status").filter(has_text="Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert share.get_by_role("link", name="Weibo").get_attribute("rel") == "noopener"
    assert_accessible(page)
    # The next question, in the briefing's order.
    page.get_by_role("navigation", name="Other questions at this briefing").get_by_role(
        "link", name="Next question"
    ).click()
    page.wait_for_url("**/exchanges/*/")
    assert page.url != address
    context.close()


def test_without_javascript_the_address_is_there_to_select(browser, live_server, exchange):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + exchange.get_absolute_url())
    box = page.get_by_label("Link to this exchange")
    assert box.is_visible()
    assert box.input_value() == live_server.url + exchange.get_absolute_url()
    assert not page.get_by_role("button", name="Copy link").is_visible()
    context.close()


def test_on_a_phone_the_answer_starts_on_the_first_screen(browser, live_server, demo_site):
    """The h1 was the whole question: the answer began 1,166 px down at 390 px. Every exchange
    of the seed, in English, Chinese and Vietnamese, shows the answer's first two lines in the first
    screen (390 × 844)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for briefing in Briefing.objects.all():
        for exchange in briefing.exchanges.all():
            page.goto(live_server.url + exchange.get_absolute_url())
            first = page.locator(".exchange .answer p").first
            line = first.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
            top = first.bounding_box()["y"]
            assert top + 2 * line <= 844, (exchange.get_absolute_url(), top)
    context.close()
