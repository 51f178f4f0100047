"""The second factor as a member of staff meets it in Chromium: open the invitation, set up the
app, keep the recovery codes, sign in again with a code; each page accessible (axe) and usable
at 320 px."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from embassy.signin import invitations
from tests.embassy.signin.test_second_factor import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_in_with_password(page, live_server):
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-1")
    page.click("input[type=submit]")
    # The password leads on to one of the second factor's pages: wait for it, not for less.
    page.wait_for_url("**/admin/second-factor/**")


def test_enrolment_recovery_codes_and_signing_in_again(
    browser, live_server, django_user_model, assert_accessible
):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw-1", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="transcripts"))
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        sign_in_with_password(page, live_server)
        if width == 1280:
            # First time: the password alone leads to asking for the invitation, nowhere else.
            assert "/admin/second-factor/enrol/" in page.url
            assert "open the link in the invitation" in page.content()
            assert page.locator("figure.signin-qr").count() == 0
            assert_accessible(page)
            assert fits(page), "the invitation page scrolls sideways at 320 px"
            # The link the invitation mail holds (the mail itself: test_invitations.py).
            token = invitations.issue(editor)
            page.goto(live_server.url + reverse("signin:invitation", kwargs={"token": token}))
            page.wait_for_url("**/admin/second-factor/enrol/**")
            assert page.locator("h1").count() == 1  # the admin's own title, not a second one
            assert page.locator("figure.signin-qr svg").is_visible()
            assert_accessible(page)
            secret = page.locator("#totp-secret").inner_text()
            page.fill("input[name=token]", "000000" if totp(secret) != "000000" else "111111")
            page.click("input[type=submit]")
            page.wait_for_selector(".errorlist")
            assert "not right" in page.content()  # a wrong code: said, and the form kept
            assert_accessible(page)
            # A wrong code pauses the device for a second (django-otp's throttle): a person
            # typing the right one takes longer than that, a test must wait for it.
            page.wait_for_timeout(1500)
            page.fill("input[name=token]", totp(secret))
            page.click("input[type=submit]")
            page.wait_for_selector("#recovery-codes")
            codes = page.locator("#recovery-codes code").all_inner_texts()
            assert len(codes) >= 5 and all(len(code) >= 8 for code in codes), codes
            assert_accessible(page)
        else:
            # Next time: a code. The app's code just used is refused within its 30 s (no
            # replay), so a recovery code it is.
            assert "/admin/second-factor/" in page.url and "enrol" not in page.url
            assert fits(page), "the code page scrolls sideways at 320 px"
            assert_accessible(page)
            page.fill("input[name=token]", codes[0])
            page.click("input[type=submit]")
            page.wait_for_url(live_server.url + "/admin/")
            assert page.locator("#user-tools").is_visible()
            assert fits(page), "the admin's home scrolls sideways at 320 px"
        context.close()
