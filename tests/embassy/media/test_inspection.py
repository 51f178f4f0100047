"""Files are judged by their bytes: every accepted kind, and each way of being refused."""

import io

import pytest

from embassy.media.inspection import Refused, human_size, inspect_document, inspect_image
from tests import media_files

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 89_478_485}


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_accepted_images_are_described(kind):
    facts = inspect_image(io.BytesIO(media_files.image_bytes(kind, size=(640, 480))), **LIMITS)
    assert (facts.format, facts.width, facts.height) == (kind, 640, 480)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (media_files.SVG, "SVG images are not accepted: they can carry scripts"),
        (b"just some words, named photo.jpg", "not an image that can be read"),
        (media_files.image_bytes("GIF", size=(20, 20)), "GIF images are not accepted"),
        (media_files.truncated_jpeg(), "damaged or incomplete"),
        (media_files.bomb_png(), "more than the 89 million pixels accepted"),
        (b"", "The file is empty"),
    ],
    ids=["svg", "text", "gif", "truncated", "bomb", "empty"],
)
def test_bad_images_are_refused_with_a_reason(data, reason):
    with pytest.raises(Refused, match=reason):
        inspect_image(io.BytesIO(data), **LIMITS)


def test_an_image_over_the_size_limit_is_refused():
    data = media_files.image_bytes("JPEG", size=(300, 300))
    assert len(data) > 1024
    with pytest.raises(Refused, match=r"images may be at most 1 KB"):
        inspect_image(io.BytesIO(data), max_bytes=1024, max_pixels=LIMITS["max_pixels"])


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (media_files.PDF, "pdf"),
        (media_files.office_bytes("docx"), "docx"),
        (media_files.office_bytes("xlsx"), "xlsx"),
        (media_files.odt_bytes(), "odt"),
        (media_files.MP3, "mp3"),
        (media_files.MP3_UNTAGGED, "mp3"),
        (media_files.MP4, "mp4"),
    ],
)
def test_documents_are_recognised_by_content(data, kind):
    assert inspect_document(io.BytesIO(data), max_bytes=1 << 20).kind == kind


@pytest.mark.parametrize(
    "data",
    [
        media_files.office_bytes("docm"),  # macros
        media_files.plain_zip(),
        b"PK\x03\x04 not really a zip",
        b"MZ\x90\x00 an executable called form.pdf",
        media_files.image_bytes("PNG", size=(10, 10)),
        media_files.image_bytes("JPEG", size=(10, 10)),
        media_files.HEIC,
    ],
    ids=["docm", "zip", "broken-zip", "exe", "png", "jpeg", "heic"],
)
def test_other_files_are_not_documents(data):
    with pytest.raises(Refused, match=r"upload PDF, Word \(.docx\), Excel"):
        inspect_document(io.BytesIO(data), max_bytes=1 << 20)


def test_a_document_over_the_size_limit_is_refused():
    with pytest.raises(Refused, match="documents may be at most 1 KB"):
        inspect_document(io.BytesIO(media_files.PDF * 20), max_bytes=1024)


@pytest.mark.parametrize(
    ("size", "shown"),
    [(100, "1 KB"), (240 * 1024, "240 KB"), (1536 * 1024, "1.5 MB"), (20 << 20, "20 MB")],
)
def test_sizes_read_as_people_say_them(size, shown):
    assert human_size(size) == shown
