"""A document's address serves its file with its type and a safe name."""

import pytest

from tests import factories, media_files


def test_a_pdf_opens_in_the_browser_with_its_type(client, db):
    document = factories.make_document()
    response = client.get(f"/documents/{document.pk}/")
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
    response = client.get(f"/documents/{document.pk}/")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == data


def test_a_name_outside_ascii_is_encoded_safely(client, db):
    document = factories.make_document(
        title='签证申请表 "final"\r\nX-Evil: 1',
        upload=media_files.upload("f.xlsx", media_files.office_bytes("xlsx")),
    )
    disposition = client.get(f"/documents/{document.pk}/")["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "\n" not in disposition and '"final"' not in disposition


def test_an_unknown_document_is_404_and_writes_are_refused(client, db):
    assert client.get("/documents/999/").status_code == 404
    document = factories.make_document()
    assert client.post(f"/documents/{document.pk}/").status_code == 405


@pytest.mark.parametrize(
    "path", ["documents/x/form.pdf", "../settings.py", "images/../../db.sqlite3"]
)
def test_the_development_media_route_serves_images_only(client, db, path):
    assert client.get(f"/media/{path}").status_code in {400, 404}
