""" "Suggest to a friend" in headless Chromium: from a briefing to a friend's mailbox."""

import email
import email.policy

import pytest

from tests.loopback import smtp_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mailbox(settings):
    # A real SMTP server: the live server's thread sends to it as production would.
    with smtp_server() as (controller, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 2
        yield mailbox


def test_a_visitor_suggests_a_briefing_to_a_friend(
    page, live_server, make_briefing, mailbox, assert_accessible, artifacts_dir
):
    briefing = make_briefing(title="Regular Press Conference on January 28, 2021")
    page.goto(live_server.url + briefing.get_absolute_url())
    page.get_by_role("link", name="Suggest to a friend").first.click()

    page.wait_for_url(f"**{briefing.get_absolute_url()}suggest/")
    assert page.get_by_role("heading", level=1).inner_text() == "Suggest to a friend"
    assert briefing.title in page.locator("main").inner_text()
    mailto = page.get_by_role("link", name="Write the email yourself")
    assert mailto.get_attribute("href").startswith("mailto:?subject=Regular%20Press")
    # The honeypot is out of sight and out of the tab order.
    assert not page.locator("#id_website").is_visible() or (
        page.locator("#id_website").bounding_box()["x"] < 0
    )
    assert_accessible(page)

    page.get_by_label("Your name").fill("Alice Example")
    page.get_by_label("Your email address").fill("alice@example.org")
    page.get_by_label("Your friends' email addresses").fill("bob@example.net, nobody")
    page.get_by_label("A short note (optional)").fill("The second question.")
    page.get_by_role("button", name="Send the suggestion").click()

    error = page.locator("#id_friends_error")
    assert "Not a valid email address: nobody." in error.inner_text()
    assert page.get_by_label("A short note (optional)").input_value() == "The second question."
    assert page.get_by_label("Your name").input_value() == "Alice Example"
    assert mailbox.messages == []
    page.screenshot(path=artifacts_dir / "suggest-form-errors.png", full_page=True)
    assert_accessible(page)

    page.get_by_label("Your friends' email addresses").fill("bob@example.net\ncarol@example.com")
    page.get_by_role("button", name="Send the suggestion").click()

    assert page.get_by_role("status").inner_text() == "Your suggestion was sent to 2 friends."
    assert_accessible(page)
    page.reload()
    assert len(mailbox.messages) == 2

    page.get_by_role("link", name=f"Back to “{briefing.title}”").click()
    page.wait_for_url(f"**{briefing.get_absolute_url()}")

    link = live_server.url + briefing.get_absolute_url()
    for envelope in mailbox.messages:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert link in message.get_body(("plain",)).get_content()
        assert message["Reply-To"] == "alice@example.org"
