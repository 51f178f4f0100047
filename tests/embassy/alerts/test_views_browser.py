"""Subscribing from a topic page in headless Chromium, to the confirmation in the mailbox."""

import pytest

from embassy.alerts.models import Subscription
from tests.embassy.alerts.conftest import link, messages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_subscribes_from_a_topic_page(
    page, live_server, make_briefing, mailbox, assert_accessible, artifacts_dir
):
    make_briefing(exchanges=2).tags.add("climate")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/tags/climate/")
    assert_accessible(page)
    form = page.locator(".alert-signup")
    assert "New briefings on “climate”" in form.inner_text()
    # The form fits 320 px (the header's search button overflows by itself; not this form).
    for part in [form, *form.locator("input:not([type=hidden]), button, label").all()]:
        box = part.bounding_box()
        assert box is None or box["x"] < 0 or box["x"] + box["width"] <= 320
    form.get_by_label("Your email address").fill("reader@example.org")
    form.get_by_label("A daily digest").check()
    page.screenshot(path=artifacts_dir / "alerts-topic-320.png", full_page=True)
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/alerts/subscribe/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your mailbox"
    assert_accessible(page)

    page.goto(live_server.url + link(messages(mailbox)[0], "confirm"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your alert is set up").wait_for()
    subscription = Subscription.objects.get()
    assert (subscription.topic.slug, subscription.frequency) == ("climate", "daily")
