"""People in Chromium: a colleague added on one page, the list at a phone's width, the recovery
codes printed or copied; each page with axe at 1280 and 390 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from embassy.signin import invitations
from tests.embassy.signin.test_second_factor import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password, next_url="/admin/"):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def test_an_administrator_adds_a_publisher_and_sees_the_list_at_390_px(
    browser, live_server, django_user_model, assert_accessible
):
    django_user_model.objects.create_superuser("chief", "c@example.org", "a-long-password")
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, live_server, "chief", "a-long-password", "/admin/auth/user/add/")
        page.wait_for_selector("#id_role_0")
        assert_accessible(page)
        if width == 1280:
            page.fill("#id_first_name", "Lan")
            page.fill("#id_last_name", "Nguyen")
            page.fill("#id_email", "lan@example.org")
            page.check("input[name=role][value=Publisher]")
            page.fill("#id_username", "lan")
            page.fill("#id_password1", "a-long-password-1")
            page.fill("#id_password2", "a-long-password-1")
            page.click("input[name=_save]")
            page.wait_for_selector(".messagelist")
        page.goto(live_server.url + "/admin/auth/user/")
        row = page.locator("#result_list tr", has_text="lan@example.org")
        assert row.locator("td.field-role").inner_text() == "Publisher"
        assert row.locator("td.field-role").is_visible()
        assert row.locator("td.field-has_second_factor img").get_attribute("alt") == "False"
        assert_accessible(page)
        context.close()
    lan = django_user_model.objects.get(username="lan")
    assert lan.is_staff and [g.name for g in lan.groups.all()] == ["Publisher"]


def test_recovery_codes_can_be_copied_and_print_alone(
    browser, live_server, role_user, settings, assert_accessible
):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    editor = role_user("Editor")
    editor.set_password("pw-1")
    editor.save()
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    sign_in(page, live_server, "editor", "pw-1")
    # The app is set up through the invitation mailed to them (test_invitations.py).
    token = invitations.issue(editor)
    page.goto(live_server.url + reverse("signin:invitation", kwargs={"token": token}))
    page.wait_for_url("**/admin/second-factor/enrol/**")
    page.fill("input[name=token]", totp(page.locator("#totp-secret").inner_text()))
    page.click("input[type=submit]")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    # Shown by a deferred script: waited for, not read at once (it raced on a loaded machine).
    expect(page.locator("[data-print-codes]")).to_be_visible()
    page.click("[data-copy-codes]")
    page.wait_for_selector("[data-copied]:not([hidden])")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(codes)
    assert_accessible(page)
    page.emulate_media(media="print")
    assert page.locator("#recovery-codes").is_visible()
    assert not page.locator("#header").is_visible()
    assert not page.locator("[data-print-codes]").is_visible()
    context.close()
