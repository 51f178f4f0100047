"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the public
pages, the admin's change page (with its inlines, prepopulated slug, calendar widgets) and the
import page (both steps)."""

import pytest
from django.test import Client
from django.urls import reverse

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def watched(page):
    """The page, and the CSP complaints of its console and of securitypolicyviolation events."""
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return page, complaints


def violations(page, complaints):
    return complaints + page.evaluate("window.cspViolations")


def sign_in(page, live_server, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    client = Client()
    client.force_login(boss)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_public_pages_have_no_violation(watched, live_server, demo_site):
    page, complaints = watched
    briefing = Briefing.objects.get(language="en")
    for url in [
        "/",
        briefing.get_absolute_url(),
        briefing.get_absolute_url() + "print/",
        briefing.get_absolute_url() + "suggest/",
        "/search/?q=vaccine",
    ]:
        response = page.goto(live_server.url + url)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert violations(page, complaints) == []


def test_admin_change_page_has_no_violation(watched, live_server, demo_site, django_user_model):
    page, complaints = watched
    sign_in(page, live_server, django_user_model)
    briefing = Briefing.objects.get(language="en")
    page.goto(live_server.url + reverse("admin:transcripts_briefing_change", args=[briefing.pk]))
    assert page.locator("#briefing_form").is_visible()
    # The admin's own scripts ran: the calendar and clock shortcuts, "Add another Exchange".
    page.locator(".datetimeshortcuts").first.wait_for()
    page.locator(".add-row a").first.click()
    page.goto(live_server.url + reverse("admin:sections_article_add"))
    page.locator("#id_title").press_sequentially("A new article")
    assert page.input_value("#id_slug") == "a-new-article"  # prepopulated by admin's script
    assert violations(page, complaints) == []


def test_import_page_has_no_violation(watched, live_server, demo_site, django_user_model):
    page, complaints = watched
    sign_in(page, live_server, django_user_model)
    page.goto(live_server.url + reverse("admin:transcripts_briefing_import"))
    page.fill("textarea[name=text]", SEED_TRANSCRIPT.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_selector("text=Import as a draft")
    assert violations(page, complaints) == []
