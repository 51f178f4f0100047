"""What an uploaded file really is, read from its bytes and never from its name.

Pure Python and Pillow, no Django: `inspect_image()` and `inspect_document()` either describe
the file or raise `Refused` with a sentence fit to show to the member of staff who uploaded it.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import UnidentifiedImageError


class Refused(ValueError):
    """The upload is not accepted; str() is the reason, written for staff."""


@dataclass(frozen=True)
class ImageKind:
    label: str
    content_type: str
    extension: str


# Pillow's format name -> what we store it as. JPEG, PNG and WebP only: every browser shows
# them, and none can carry script (SVG can, so it is refused rather than sanitized).
IMAGE_KINDS = {
    "JPEG": ImageKind("JPEG", "image/jpeg", "jpg"),
    "PNG": ImageKind("PNG", "image/png", "png"),
    "WEBP": ImageKind("WebP", "image/webp", "webp"),
}


@dataclass(frozen=True)
class DocumentKind:
    label: str
    content_type: str
    extension: str
    # For the Office Open XML formats: the main part's content type in [Content_Types].xml
    # (a macro-enabled .docm/.xlsm names another one and is refused). For ODF: the mimetype.
    signature: str = ""
    # Opened in the browser rather than saved: a PDF, or a recording the browser plays itself.
    inline: bool = False
    # A briefing's recording: sound or pictures, not text.
    recording: bool = False


DOCUMENT_KINDS = {
    "pdf": DocumentKind("PDF", "application/pdf", "pdf", inline=True),
    "docx": DocumentKind(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": DocumentKind(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "odt": DocumentKind(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        "odt",
        "application/vnd.oasis.opendocument.text",
    ),
    # A briefing's recording. MP3 and MP4 (H.264/AAC) are the two every browser plays without
    # a plug-in; the file is recognised by its header, like the others.
    "mp3": DocumentKind("MP3 audio", "audio/mpeg", "mp3", inline=True, recording=True),
    "mp4": DocumentKind("MP4 video", "video/mp4", "mp4", inline=True, recording=True),
}
RECORDING_KINDS = [key for key, kind in DOCUMENT_KINDS.items() if kind.recording]
ACCEPTED_DOCUMENTS = (
    "PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt), or a recording in MP3 or MP4"
)
ACCEPTED_IMAGES = "JPEG, PNG or WebP"


def human_size(size):
    """240 KB, 1.5 MB: how a reader judges whether to download."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _size_of(fileobj):
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _check_size(fileobj, max_bytes, what):
    size = _size_of(fileobj)
    if size == 0:
        raise Refused("The file is empty.")
    if size > max_bytes:
        raise Refused(
            f"The file is {human_size(size)}; {what} may be at most {human_size(max_bytes)}."
        )
    return size


def _looks_like_svg(head):
    text = head.lstrip().lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text


@dataclass(frozen=True)
class ImageFacts:
    format: str  # a key of IMAGE_KINDS
    width: int
    height: int
    size: int


def inspect_image(fileobj, *, max_bytes, max_pixels):
    """Open and fully decode the image; refuse anything but a sound JPEG, PNG or WebP."""
    size = _check_size(fileobj, max_bytes, "images")
    if _looks_like_svg(fileobj.read(1024)):
        raise Refused(
            "SVG images are not accepted: they can carry scripts. "
            f"Export it as {ACCEPTED_IMAGES} and upload that."
        )
    fileobj.seek(0)
    with warnings.catch_warnings():
        # Above Pillow's pixel limit it only warns; a decompression bomb is refused here.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(fileobj) as image:
                kind, (width, height) = image.format, image.size
                if kind not in IMAGE_KINDS:
                    raise Refused(f"{kind} images are not accepted: upload {ACCEPTED_IMAGES}.")
                if width * height > max_pixels:
                    raise Refused(_too_many_pixels(width, height, max_pixels))
                image.verify()
            # verify() checks the structure; decoding every pixel finds a truncated file.
            fileobj.seek(0)
            with PILImage.open(fileobj) as image:
                image.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise Refused(_too_many_pixels(None, None, max_pixels)) from None
        except UnidentifiedImageError:
            raise Refused(
                f"This file is not an image that can be read: upload {ACCEPTED_IMAGES}."
            ) from None
        except (OSError, SyntaxError, ValueError) as error:
            if isinstance(error, Refused):
                raise
            raise Refused(
                "The image is damaged or incomplete; save it again and upload that."
            ) from None
        finally:
            fileobj.seek(0)
    return ImageFacts(kind, width, height, size)


def _too_many_pixels(width, height, max_pixels):
    """Pillow's own limit stops it before it says the size; then the size is not named."""
    size = f"is {width} × {height} pixels" if width else "has"
    return (
        f"The image {size}, more than the {max_pixels // 1_000_000} million pixels accepted "
        "(a picture that large is unusual, or built to exhaust the server). Make it smaller "
        "and upload it again."
    )


@dataclass(frozen=True)
class DocumentFacts:
    kind: str  # a key of DOCUMENT_KINDS
    size: int


# Reading [Content_Types].xml or mimetype needs a few kilobytes; never inflate more than this.
_ZIP_PART_LIMIT = 256 * 1024


# The "major brand" of an MP4 file's opening "ftyp" box. HEIC and AVIF images, QuickTime and
# 3GP share the box but are not MP4 video that a browser plays: their brands are not here.
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V "}


def _recording_kind(head):
    """MP4 by the "ftyp" box that opens every ISO media file, and its brand; MP3 by its ID3
    tag or, untagged, by an MPEG audio frame's sync bits."""
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def inspect_document(fileobj, *, max_bytes):
    """PDF by its header; DOCX, XLSX and ODT by the parts inside their zip container; MP3 and
    MP4 by their headers."""
    size = _check_size(fileobj, max_bytes, "documents")
    head = fileobj.read(12)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return DocumentFacts("pdf", size)
    if kind := _recording_kind(head):
        return DocumentFacts(kind, size)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_document_kind(fileobj)
        fileobj.seek(0)
        if kind:
            return DocumentFacts(kind, size)
    raise Refused(f"This file is not a document that can be accepted: upload {ACCEPTED_DOCUMENTS}.")


def _read_part(archive, name):
    with archive.open(name) as part:
        return part.read(_ZIP_PART_LIMIT)


def _zip_document_kind(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = _read_part(archive, "mimetype").decode("ascii", "replace").strip()
                return next(
                    (
                        k
                        for k, d in DOCUMENT_KINDS.items()
                        if d.signature == mimetype and k == "odt"
                    ),
                    None,
                )
            if "[Content_Types].xml" in names:
                types = _read_part(archive, "[Content_Types].xml").decode("utf-8", "replace")
                return next(
                    (
                        key
                        for key, kind in DOCUMENT_KINDS.items()
                        if kind.signature and f'"{kind.signature}"' in types
                    ),
                    None,
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, KeyError):
        return None
    return None
