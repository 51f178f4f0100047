"""Draft changes to live articles: an editor's edit of a published article waits apart while the
public reads the live page; previewed, compared, submitted, approved and published at once."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from embassy.history.entries import in_words
from embassy.pages.publishing import Status
from embassy.review.models import PendingChange, ReviewNote
from tests.html_forms import read_form

pytestmark = pytest.mark.django_db


def url(article, name):
    return reverse(f"admin:sections_article_{name}", args=[article.pk])


def form_of(client, article):
    page = client.get(url(article, "change")).content.decode()
    return read_form(page, lambda f: f.get("id") == "article_form").fields


def edit(client, article, button="_save", **changes):
    data = {**form_of(client, article), **changes, button: "Save"}
    return client.post(url(article, "change"), data)


def public_text(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def live(make_article):
    return make_article(
        status=Status.PUBLISHED, title="Visa rules", body="<p>Visas take five days.</p>"
    )


def test_an_editor_edits_a_live_article_and_the_public_keeps_reading_the_live_one(
    editor_client, client, live
):
    page = editor_client.get(url(live, "change")).content.decode()
    assert 'value="Save draft change"' in page and 'name="_submit_draft_change"' in page
    # The publishing fields are a publisher's: shown, not editable.
    assert 'name="status"' not in page and 'name="publish_at_0"' not in page
    response = edit(editor_client, live, body="<p>Visas take <strong>three</strong> days.</p>")
    assert response.status_code == 302
    assert response["Location"] == url(live, "draft_change")
    live.refresh_from_db()
    assert live.body == "<p>Visas take five days.</p>"
    assert "five days" in public_text(client, live) and "three" not in public_text(client, live)
    change = PendingChange.objects.get()
    assert change.fields == {"body": "<p>Visas take <strong>three</strong> days.</p>"}
    assert change.submitted_at is None
    # The live page's history did not move: nothing was saved of it.
    assert Version.objects.get_for_object(live).count() == 0

    # The draft change's page compares it with the live page; its preview shows it.
    draft_page = editor_client.get(url(live, "draft_change")).content.decode()
    assert "<del>five</del>" in draft_page and "<ins>three</ins>" in draft_page
    preview = editor_client.get(url(live, "draft_preview"))
    assert preview.status_code == 200
    assert "<strong>three</strong> days" in preview.content.decode()
    assert "no-cache" in preview["Cache-Control"]
    # The change form opens on the draft change: the author goes on where they stopped.
    assert "three" in form_of(editor_client, live)["body"]


def test_submitted_then_approved_it_is_published_in_one_revision(
    editor_client, publisher_client, client, live, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        edit(editor_client, live, button="_submit_draft_change", title="Visa rules for 2027")
    change = PendingChange.objects.get()
    assert change.submitted_at is not None
    assert [m.to for m in mail.outbox] == [["publisher@example.org"]]
    waiting = publisher_client.get(reverse("admin:review_waiting")).content.decode()
    assert "Visa rules (a draft change to the live page)" in waiting
    assert url(live, "draft_change") in waiting
    # Waiting for review counts it, on the publisher's home page.
    home = publisher_client.get(reverse("admin:index")).content.decode()
    assert 'Waiting for review <span class="review-count">1</span>' in home
    assert client.get(live.get_absolute_url()).content.decode().count("Visa rules for 2027") == 0

    content_type = ContentType.objects.get_for_model(live)
    decide = reverse("admin:review_decide", args=[content_type.pk, live.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher_client.post(decide, {"decision": "publish"}).status_code == 302
    live.refresh_from_db()
    assert live.title == "Visa rules for 2027" and live.status == Status.PUBLISHED
    assert "Visa rules for 2027" in public_text(client, live)
    assert not PendingChange.objects.exists()
    assert ReviewNote.objects.about(live).first().kind == ReviewNote.Kind.APPROVED
    [version] = Version.objects.get_for_object(live)
    assert version.field_dict["title"] == "Visa rules for 2027"
    assert in_words(version.revision.comment) == "Published the draft change by editor."
    assert mail.outbox[-1].to == ["editor@example.org"]
    assert mail.outbox[-1].subject == "Approved: Visa rules for 2027"


def test_a_publisher_approves_from_the_draft_change_page(
    editor_client, publisher_client, client, live
):
    edit(editor_client, live, title="Corrected title")
    page = publisher_client.get(url(live, "draft_change")).content.decode()
    assert "Approve and publish" in page
    response = publisher_client.post(url(live, "draft_change"), {"action": "publish"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Corrected title"
    assert "Corrected title" in public_text(client, live)


def test_an_editor_may_not_approve_or_delete_a_live_article(editor_client, live):
    edit(editor_client, live, title="Not approved")
    assert editor_client.post(url(live, "draft_change"), {"action": "publish"}).status_code == 403
    live.refresh_from_db()
    assert live.title == "Visa rules"
    assert editor_client.post(url(live, "delete"), {"post": "yes"}).status_code == 403


def test_restoring_a_live_article_makes_a_draft_change_for_an_editor(
    editor_client, publisher_client, client, live
):
    edit(publisher_client, live, title="Visa rules, first")  # two revisions to choose from
    edit(publisher_client, live, title="Visa rules, second")
    first = Version.objects.get_for_object(live).last()
    restore = reverse("admin:sections_article_restore", args=[live.pk, first.pk])
    confirm = editor_client.get(restore).content.decode()
    assert "Restore it as a draft change" in confirm and "Yes, restore" not in confirm
    # Even a plain POST (no button named) from an editor restores as a draft change only.
    response = editor_client.post(restore)
    assert response.status_code == 302 and response["Location"] == url(live, "draft_change")
    live.refresh_from_db()
    assert live.title == "Visa rules, second"
    assert PendingChange.objects.get().fields == {"title": "Visa rules, first"}
    assert "Visa rules, second" in public_text(client, live)


def test_a_publisher_restores_live_or_as_a_draft_change(publisher_client, live):
    edit(publisher_client, live, title="Visa rules, first")
    edit(publisher_client, live, title="Visa rules, second")
    first = Version.objects.get_for_object(live).last()
    restore = reverse("admin:sections_article_restore", args=[live.pk, first.pk])
    assert "Restore it as a draft change" in publisher_client.get(restore).content.decode()
    publisher_client.post(restore, {"_restore_as_draft_change": "x"})
    live.refresh_from_db()
    assert live.title == "Visa rules, second" and PendingChange.objects.exists()
    PendingChange.objects.all().delete()
    publisher_client.post(restore)
    live.refresh_from_db()
    assert live.title == "Visa rules, first"


def test_a_publisher_chooses_a_draft_change_or_saves_it_live(publisher_client, client, live):
    page = publisher_client.get(url(live, "change")).content.decode()
    assert 'value="Save as draft change"' in page and 'value="Save and publish now"' in page
    edit(publisher_client, live, button="_save_draft_change", title="Kept apart")
    live.refresh_from_db()
    assert live.title == "Visa rules"
    assert PendingChange.objects.get().fields == {"title": "Kept apart"}
    # Saving live publishes what the form shows (the draft change with it).
    edit(publisher_client, live, title="Kept apart, then published")
    live.refresh_from_db()
    assert live.title == "Kept apart, then published"
    assert not PendingChange.objects.exists()


def test_two_editors_on_one_draft_change_the_second_is_refused_with_their_typing_kept(
    editor_client, role_user, live
):
    from django.test import Client

    second = Client()
    second.force_login(role_user("Editor", "second-editor"))
    first_form = form_of(editor_client, live)
    second_form = form_of(second, live)
    editor_client.post(url(live, "change"), {**first_form, "title": "First", "_save": "Save"})
    response = second.post(url(live, "change"), {**second_form, "title": "Second", "_save": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed this article at" in page
    assert 'value="Second"' in page
    assert PendingChange.objects.get().fields == {"title": "First"}


def test_tags_are_part_of_the_draft_change(editor_client, publisher_client, live):
    live.tags.set(["visas"])
    edit(editor_client, live, tags="visas, travel")
    assert sorted(live.tags.names()) == ["visas"]
    assert PendingChange.objects.get().related == {"tags": ["travel", "visas"]}
    assert "travel" in form_of(editor_client, live)["tags"]
    publisher_client.post(url(live, "draft_change"), {"action": "publish"})
    assert sorted(live.tags.names()) == ["travel", "visas"]


def test_saving_what_the_live_page_already_says_keeps_no_draft_change(editor_client, live):
    edit(editor_client, live, title="Changed")
    edit(editor_client, live, title="Visa rules")
    assert not PendingChange.objects.exists()


def test_discarding_leaves_the_live_page(editor_client, live):
    edit(editor_client, live, title="Never mind")
    assert editor_client.post(url(live, "draft_change"), {"action": "discard"}).status_code == 302
    assert not PendingChange.objects.exists()
    live.refresh_from_db()
    assert live.title == "Visa rules"


def test_sent_back_the_author_sees_the_comment_until_they_save(
    editor_client, publisher_client, live
):
    edit(editor_client, live, button="_submit_draft_change", title="Too short")
    content_type = ContentType.objects.get_for_model(live)
    decide = reverse("admin:review_decide", args=[content_type.pk, live.pk])
    publisher_client.post(decide, {"decision": "send_back", "comment": "Say which visas."})
    assert PendingChange.objects.get().submitted_at is None
    page = editor_client.get(url(live, "change")).content.decode()
    assert "Sent back by publisher" in page and "Say which visas." in page
    edit(editor_client, live, title="Tourist visas take three days")
    assert "Say which visas." not in editor_client.get(url(live, "change")).content.decode()


def test_no_draft_change_no_draft_pages(editor_client, live):
    assert editor_client.get(url(live, "draft_change")).status_code == 404
    assert editor_client.get(url(live, "draft_preview")).status_code == 404


def test_a_draft_change_no_longer_valid_is_refused_with_the_reason_and_nothing_written(
    editor_client, publisher_client, live, make_article
):
    edit(editor_client, live, slug="visas")
    # Another article takes that address in the meantime.
    make_article(section=live.section, slug="visas", language=live.language)
    response = publisher_client.post(url(live, "draft_change"), {"action": "publish"}, follow=True)
    assert response.status_code == 200
    assert "cannot be published as it is" in response.content.decode()
    live.refresh_from_db()
    assert live.slug != "visas"
    assert PendingChange.objects.exists()


def test_deleting_a_page_drops_its_draft_change(editor_client, publisher_client, live):
    edit(editor_client, live, button="_submit_draft_change", title="Soon gone")
    assert publisher_client.post(url(live, "delete"), {"post": "yes"}).status_code == 302
    assert not PendingChange.objects.exists()
    home = publisher_client.get(reverse("admin:index")).content.decode()
    assert 'Waiting for review <span class="review-count">0</span>' in home
