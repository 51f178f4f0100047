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


PHONE = {"width": 390, "height": 844}
TARGET = 44  # px: WCAG 2.5.5's target size, as the rest of the site's controls


def assert_big_enough(page, selector):
    """Every control `selector` finds is at least 44 px high (buttons wide too) and fits."""
    controls = page.locator(selector).all()
    assert controls, selector
    for control in controls:
        box = control.bounding_box()
        name = control.inner_text() or control.get_attribute("name") or selector
        assert box["height"] >= TARGET, (name, box)
        if control.evaluate("e => e.tagName") == "BUTTON":
            assert box["width"] >= TARGET, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)


def test_the_alerts_pages_at_390_px_from_choosing_an_outlet_to_managing(
    page, live_server, make_briefing, mailbox, assert_accessible, artifacts_dir
):
    make_briefing(exchanges=3).tags.add("climate")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/alerts/subscribe/")
    assert page.get_by_role("heading", level=1).inner_text() == "Email alerts"
    assert_accessible(page)
    form = "main form"
    assert_big_enough(page, f"{form} button, {form} select, {form} input[type=email]")
    assert_big_enough(page, f"{form} input[name=query], {form} label.choice")
    page.screenshot(path=artifacts_dir / "alerts-subscribe-390.png", full_page=True)

    # Submitted without naming the outlet: said beside the choice, which keeps the kind.
    page.get_by_label("New questions from an outlet").check()
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_role("button", name="Subscribe").click()
    assert page.locator("#id_outlet_error").inner_text() == "Choose the outlet to follow."
    assert page.get_by_label("New questions from an outlet").is_checked()
    assert_accessible(page)

    page.get_by_role("combobox", name="Outlet").select_option(label="CCTV")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/alerts/subscribe/sent/")
    assert_accessible(page)

    page.goto(live_server.url + link(messages(mailbox)[0], "confirm"))
    assert "New questions from an outlet: CCTV" in page.locator("main").inner_text()
    assert_big_enough(page, "main button")  # the Confirm button was 63 × 21 px
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / "alerts-confirm-390.png", full_page=True)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your alert is set up").wait_for()
    assert_accessible(page)
    assert Subscription.objects.get().outlet.slug == "cctv"

    page.get_by_role("link", name="See all your alerts").click()
    page.get_by_role("heading", name="Your alerts").wait_for()
    assert_big_enough(page, "main button, main label.choice")
    assert_accessible(page)
    page.screenshot(path=artifacts_dir / "alerts-manage-390.png", full_page=True)
    page.get_by_label(
        "New questions from an outlet: CCTV (as soon as a briefing is published)"
    ).check()
    page.get_by_role("button", name="Remove the ticked alerts").click()
    assert page.get_by_role("status").inner_text() == "1 alert removed."
    assert not Subscription.objects.exists()
