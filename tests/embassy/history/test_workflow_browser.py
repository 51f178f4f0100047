"""Done means, in Chromium: an editor imports and submits; a publisher compares, schedules, the
page appears on time with nothing run; a restore shows on the page; a concurrent edit is refused
with the other person's work kept."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.pages.publishing import Status
from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{reverse('admin:index')}")
    return page


def test_import_submit_compare_schedule_restore_and_a_refused_concurrent_edit(
    browser, live_server, remarks_section, role_user, artifacts_dir
):
    role_user("Editor")
    role_user("Publisher")
    editor = signed_in(browser, live_server, "editor")
    publisher = signed_in(browser, live_server, "publisher")

    # The editor imports the seed transcript and submits it for review.
    editor.goto(live_server.url + reverse("admin:transcripts_briefing_import"))
    editor.fill("#id_text", SEED_TRANSCRIPT.read_text(encoding="utf-8"))
    editor.get_by_role("button", name="Preview").click()
    editor.get_by_role("button", name="Import as a draft").click()
    briefing = Briefing.objects.get()
    editor.wait_for_url(f"**{reverse('admin:transcripts_briefing_change', args=[briefing.pk])}")
    editor.select_option("#id_status", "review")
    editor.get_by_role("button", name="Save", exact=True).click()
    changelist = reverse("admin:transcripts_briefing_changelist")
    editor.wait_for_url(f"**{changelist}")
    assert "In review" in editor.locator("#result_list").inner_text()

    # The publisher finds it waiting and compares it with the previous revision.
    publisher.goto(live_server.url + reverse("admin:review_waiting"))
    entry = publisher.locator(".review-entry", has_text=briefing.title)
    assert "Submitted by editor" in entry.inner_text()
    entry.get_by_role("link", name="Its history and comparisons").click()
    publisher.get_by_role("link", name="Compare with the one before").first.click()
    changed = publisher.locator(".comparison-fields")
    assert changed.locator("del", has_text="Draft").is_visible()
    assert changed.locator("ins", has_text="In review").is_visible()
    publisher.screenshot(path=artifacts_dir / "history-compare.png", full_page=True)

    # It is scheduled two minutes ahead: not public before, public at that time, nothing run.
    publisher.goto(live_server.url + reverse("admin:review_waiting"))
    entry = publisher.locator(".review-entry", has_text=briefing.title)
    entry.get_by_label("Decision").select_option("schedule")
    ahead = timezone.localtime() + datetime.timedelta(minutes=2)
    entry.get_by_label("Date of publication").fill(ahead.strftime("%Y-%m-%d"))
    entry.get_by_label("Time of publication").fill(ahead.strftime("%H:%M"))
    entry.get_by_role("button", name="Decide").click()
    assert "Scheduled for" in publisher.locator(".messagelist").inner_text()
    reader = browser.new_page()
    public_url = live_server.url + briefing.get_absolute_url()
    assert reader.goto(public_url).status == 404
    # The two minutes pass: the publication time is moved to a few seconds from now.
    Briefing.objects.filter(pk=briefing.pk).update(
        publish_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    assert reader.goto(public_url).status == 404
    time.sleep(2.5)
    assert reader.goto(public_url).status == 200
    assert reader.get_by_role("heading", level=1).inner_text() == briefing.title

    # The publisher changes the title, then restores the revision before; the page shows it.
    change_url = live_server.url + reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    publisher.goto(change_url)
    publisher.fill("#id_title", "A title given by mistake")
    # A live briefing: the publisher's save publishes at once (embassy/review/draft_admin.py).
    publisher.get_by_role("button", name="Save and publish now").click()
    publisher.wait_for_url(f"**{changelist}")
    reader.goto(public_url)
    assert reader.get_by_role("heading", level=1).inner_text() == "A title given by mistake"
    publisher.goto(
        live_server.url + reverse("admin:transcripts_briefing_history", args=[briefing.pk])
    )
    publisher.get_by_role("link", name="Restore this revision").first.click()
    publisher.get_by_role("button", name="Yes, restore this revision").click()
    assert "Restored" in publisher.locator(".messagelist").inner_text()
    reader.goto(public_url)
    assert reader.get_by_role("heading", level=1).inner_text() == briefing.title
    assert Briefing.objects.get().status == Status.PUBLISHED

    # Two pages open the same briefing; the first saves; the second is refused, its work kept.
    first, second = publisher, publisher.context.new_page()
    first.goto(change_url)
    second.goto(change_url)
    first.fill("#id_title", briefing.title + " (corrected)")
    first.get_by_role("button", name="Save and publish now").click()
    first.wait_for_url(f"**{changelist}")  # saved before the second page saves
    second.fill("#id_opening_remarks", "Remarks typed in the second page.")
    second.get_by_role("button", name="Save and publish now").click()
    assert "changed this briefing at" in second.locator(".errorlist").first.inner_text()
    assert second.input_value("#id_opening_remarks") == "Remarks typed in the second page."
    second.screenshot(path=artifacts_dir / "history-stale-save.png", full_page=True)
    second.get_by_role("link", name="See what they changed").click()
    # Waits for the comparison to load: is_visible() alone would ask the page being left.
    second.locator("ins", has_text="(corrected)").wait_for()
    assert Briefing.objects.get().title == briefing.title + " (corrected)"
    for page in (editor, publisher, reader):
        page.context.close()
