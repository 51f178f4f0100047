"""Done means, in Chromium, with the second factor on: an editor changes a live article through
review (the public keeps the live text until a publisher approves, then reads the new), a
publisher finds it under Waiting for review and publishes it; Publish now dates a draft by the
moment it is published; each new admin page passes axe at 1280 and 390 px."""

import base64
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from embassy.pages.publishing import Status
from sections.models import Article
from tests import factories
from tests.embassy.signin.test_second_factor import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True


def with_app(user):
    """The user's authenticator app, set up: its key as the app holds it (base32)."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return base64.b32encode(bytes.fromhex(device.key)).decode()


def signed_in(browser, live_server, username, secret):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/second-factor/**")
    page.fill("input[name=token]", totp(secret))
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")
    return page


def accessible_at_both_widths(page, assert_accessible):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{page.url} scrolls sideways at {width} px"
        )
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_live_article_changed_through_review_and_a_draft_published_now(
    browser, live_server, role_user, assert_accessible, artifacts_dir
):
    editor_secret = with_app(role_user("Editor"))
    publisher_secret = with_app(role_user("Publisher"))
    live = factories.make_article(
        1, status=Status.PUBLISHED, title="Visa rules", body="<p>Visas take five days.</p>"
    )
    # A draft created four minutes ago, waiting for review.
    long_title = "Statement on the consular section's opening hours " * 4
    draft = factories.make_article(2, status=Status.REVIEW, title=long_title.strip())
    created = timezone.now() - datetime.timedelta(minutes=4)
    Article.objects.filter(pk=draft.pk).update(publish_at=created, created_at=created)

    editor = signed_in(browser, live_server, "editor", editor_secret)
    publisher = signed_in(browser, live_server, "publisher", publisher_secret)
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    public_url = live_server.url + live.get_absolute_url()

    # The editor edits the live article: the form says it is kept apart.
    editor.goto(live_server.url + reverse("admin:sections_article_change", args=[live.pk]))
    assert "your change is kept as a draft change" in editor.locator(".submit-row").inner_text()
    # (The change form itself is not a new page: its editor and image picker are not axe-clean,
    # which is the rich-text editor's and Django's autocomplete's to fix.)
    editor.fill("#id_title", "Visa rules for 2027")
    editor.get_by_role("button", name="Save and submit for review").click()
    editor.wait_for_url("**/draft-change/")
    assert "submitted for review" in editor.locator(".messagelist").inner_text()
    compared = editor.locator(".comparison-fields")
    assert compared.locator("ins", has_text="for 2027").is_visible()
    editor.screenshot(path=artifacts_dir / "draft-change.png", full_page=True)
    accessible_at_both_widths(editor, assert_accessible)

    # The preview shows the change; the public still reads the live article.
    editor.goto(live_server.url + reverse("admin:sections_article_draft_preview", args=[live.pk]))
    assert editor.get_by_role("heading", level=1).inner_text() == "Visa rules for 2027"
    assert editor.locator(".draft-banner").is_visible()
    reader.goto(public_url)
    assert reader.get_by_role("heading", level=1).inner_text() == "Visa rules"

    # The publisher's home page says two wait; the waiting page lists both.
    publisher.goto(live_server.url + reverse("admin:index"))
    home = publisher.locator("#content-main .review-waiting")
    assert home.get_by_role("link", name="Waiting for review 2").is_visible()
    accessible_at_both_widths(publisher, assert_accessible)
    home.get_by_role("link", name="Waiting for review 2").click()
    publisher.wait_for_url(f"**{reverse('admin:review_waiting')}")
    accessible_at_both_widths(publisher, assert_accessible)
    publisher.screenshot(path=artifacts_dir / "waiting-for-review.png", full_page=True)

    change_entry = publisher.locator(".review-entry", has_text="a draft change to the live page")
    change_entry.get_by_role("link", name="What it changes, and its preview").click()
    publisher.wait_for_url("**/draft-change/")
    publisher.get_by_role("button", name="Approve and publish").click()
    assert "The draft change is published" in publisher.locator(".messagelist").inner_text()
    reader.goto(public_url)
    assert reader.get_by_role("heading", level=1).inner_text() == "Visa rules for 2027"

    # Publish now: the draft is dated by the moment it is published, not when it was created.
    publisher.goto(live_server.url + reverse("admin:review_waiting"))
    entry = publisher.locator(".review-entry", has_text="opening hours")
    assert publisher.locator("[id]").evaluate_all(
        "els => new Set(els.map(e => e.id)).size === els.length"
    )
    entry.get_by_label("Decision").select_option("publish")
    before = timezone.now().replace(microsecond=0)
    entry.get_by_role("button", name="Decide").click()
    assert "Published" in publisher.locator(".messagelist").inner_text()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.publish_at >= before
    assert reader.goto(live_server.url + draft.get_absolute_url()).status == 200

    # Its long title wraps above the History button instead of running under it.
    publisher.goto(live_server.url + reverse("admin:sections_article_change", args=[draft.pk]))
    for width in (1280, 390):
        publisher.set_viewport_size({"width": width, "height": 900})
        title = publisher.locator("#content > h2").bounding_box()
        tools = publisher.locator("#content .object-tools").bounding_box()
        assert title["y"] + title["height"] <= tools["y"] + 1, (width, title, tools)
    for page in (editor, publisher, reader):
        page.context.close()
