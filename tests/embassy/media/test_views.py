"""A document's address serves its file with its type and a safe name, to readers once a page
they may see shows it, to staff always; its old numbered address redirects there."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from embassy.media.usage import used_by
from embassy.pages.publishing import Status
from tests import factories, media_files


def published(document):
    """`document` shown by a published article, as a library link in its body."""
    factories.make_article(
        1, body=f'<p><a href="{document.get_absolute_url()}">{document.title}</a></p>'
    )
    return document


def test_a_pdf_opens_in_the_browser_with_its_type(client, db):
    document = published(factories.make_document())
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="visa-application-form.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == media_files.PDF


@pytest.mark.parametrize(
    ("data", "content_type", "name"),
    [
        (media_files.MP3, "audio/mpeg", "briefing-audio.mp3"),
        (media_files.MP4, "video/mp4", "briefing-audio.mp4"),
    ],
)
def test_a_recording_plays_in_the_browser_with_its_type(client, db, data, content_type, name):
    document = factories.make_document(
        title="Briefing audio", upload=media_files.upload("recording.bin", data)
    )
    factories.make_briefing(1, recording=document)
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == data


def test_a_name_outside_ascii_is_encoded_safely(client, db):
    document = factories.make_document(
        title='签证申请表 "final"\r\nX-Evil: 1',
        upload=media_files.upload("f.xlsx", media_files.office_bytes("xlsx")),
    )
    disposition = client.get(published(document).get_absolute_url())["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "\n" not in disposition and '"final"' not in disposition


def test_an_unknown_document_is_404_and_writes_are_refused(client, db):
    assert client.get("/documents/999/").status_code == 404
    assert client.get("/documents/0123456789abcdef/").status_code == 404
    document = published(factories.make_document())
    assert client.post(document.get_absolute_url()).status_code == 405


@pytest.mark.parametrize(
    "path", ["documents/x/form.pdf", "../settings.py", "images/../../db.sqlite3"]
)
def test_the_development_media_route_serves_images_only(client, db, path):
    assert client.get(f"/media/{path}").status_code in {400, 404}


# --- media that follow their page (#28) -----------------------------------------------------


@pytest.fixture
def library_viewer(db, django_user_model):
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_document"))
    staff = Client()
    staff.force_login(user)
    return staff


def test_a_draft_s_document_is_refused_to_a_reader_and_served_to_staff(client, library_viewer):
    document = factories.make_document()
    factories.make_article(
        1, status=Status.DRAFT, body=f'<p><a href="{document.get_absolute_url()}">Form</a></p>'
    )
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.numbered_url).status_code == 404  # nothing to count either
    served = library_viewer.get(document.get_absolute_url())
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == media_files.PDF
    assert "no-store" in served["Cache-Control"] and "private" in served["Cache-Control"]
    # Once its page is published, everyone may read it.
    factories.make_article(2, body=f'<a href="{document.get_absolute_url()}">Form</a>')
    assert client.get(document.get_absolute_url()).status_code == 200


def test_a_scheduled_briefing_s_recording_waits_for_its_time(client, library_viewer):
    document = factories.make_document(
        title="Briefing audio", upload=media_files.upload("recording.bin", media_files.MP3)
    )
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    factories.make_briefing(1, recording=document, publish_at=tomorrow)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert library_viewer.get(document.get_absolute_url()).status_code == 200


def test_an_unused_document_is_staff_only_and_staff_without_the_library_are_readers(
    client, library_viewer, staff_without_permissions_client
):
    document = factories.make_document()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert staff_without_permissions_client.get(document.get_absolute_url()).status_code == 404
    assert library_viewer.get(document.get_absolute_url()).status_code == 200


def test_addresses_are_keys_and_the_numbered_ones_redirect_to_them(client, library_viewer):
    document = published(factories.make_document())
    other = factories.make_document(title="Another form")
    assert document.get_absolute_url() == f"/documents/{document.key}/"
    assert len(document.key) == 16 and document.key != other.key
    moved = client.get(f"/documents/{document.pk}/")
    assert (moved.status_code, moved["Location"]) == (301, document.get_absolute_url())
    # A document only staff may see redirects them, but not for good.
    assert library_viewer.get(other.numbered_url).status_code == 302


def test_rich_text_saved_with_the_numbered_address_still_counts_as_using_it(client, db):
    document = factories.make_document()
    factories.make_article(1, body=f'<a href="/documents/{document.pk}/">Form</a>')
    assert len(used_by(document)) == 1
    assert client.get(document.get_absolute_url()).status_code == 200
