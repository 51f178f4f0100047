"""Files to upload, made in memory: real JPEG/PNG/WebP images, PDFs and office documents,
and the bad ones staff might try (SVG, a renamed text file, a decompression bomb)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage

GPS_LATITUDE = (21.0, 1.0, 30.0)


def image_bytes(kind="JPEG", size=(1000, 600), gps=False, alpha=False):
    mode = "RGBA" if alpha else "RGB"
    image = PILImage.new(mode, size, (200, 40, 30, 128) if alpha else (200, 40, 30))
    # A gradient stripe, so that resized renditions are not all one colour.
    for x in range(0, size[0], max(1, size[0] // 50)):
        image.putpixel((x, size[1] // 2), (10, 10, 200, 255) if alpha else (10, 10, 200))
    options = {}
    if gps:
        exif = PILImage.Exif()
        exif[ExifTags.Base.Make] = "Embassy camera"
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
        options["exif"] = exif
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


RED, BLUE = (220, 20, 20), (20, 20, 220)


def halves(size, across=True):
    """A PNG red in its first half (the left, or the top) and blue in the other."""
    image = PILImage.new("RGB", size, BLUE)
    width, height = size
    image.paste(RED, (0, 0, width // 2, height) if across else (0, 0, width, height // 2))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def red_share(data):
    """How much of an encoded image is red (JPEG's blur at the border aside)."""
    with PILImage.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=rgb.width * rgb.height)
    red = sum(count for count, (r, _, b) in colours if r > 128 and b < 128)
    return red / (rgb.width * rgb.height)


def has_gps(data):
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(ExifTags.IFD.GPSInfo)) or ExifTags.Base.Make in exif


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_upload(name="ambassador.jpg", **options):
    return upload(name, image_bytes("JPEG", **options), "image/jpeg")


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def bomb_png(pixels=(10_000, 9_000)):
    """A tiny file that decodes to more pixels than Pillow accepts (90 million)."""
    out = io.BytesIO()
    PILImage.new("1", pixels).save(out, "PNG", optimize=True)
    return out.getvalue()


def truncated_jpeg():
    return image_bytes("JPEG", size=(600, 400))[:1500]


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

_MAIN_PARTS = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}


def office_bytes(kind="docx"):
    part, content_type = _MAIN_PARTS[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<document/>")
    return out.getvalue()


def odt_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


# A recording's opening bytes, as a briefing's audio or video file starts: an ID3-tagged MP3
# followed by an MPEG frame header, and an MP4 whose "ftyp" box names the mp42 brand.
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400
MP3_UNTAGGED = b"\xff\xfb\x90\x64" + b"\x00" * 400
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" * 50
# HEIC shares MP4's box but is an image no browser plays as a recording.
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
