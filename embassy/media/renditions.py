"""Cleaning an accepted image and cutting its renditions (Pillow only, no Django).

Everything published is re-encoded from pixels: EXIF (GPS position, camera serial), XMP and
text chunks stay behind; only the colour profile travels, so colours stay true.
"""

import io
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps

from .inspection import IMAGE_KINDS

# Widths a page chooses from with srcset (a phone, a column, a wide screen), and the width
# printed pages use (about 8 inches at 300 dpi). None is wider than the image itself.
SCREEN_WIDTHS = (480, 960, 1600)
PRINT_WIDTH = 2400
# WebP for the browsers that take it, the fallback for the others.
MODERN_FORMAT = "WEBP"
KEPT_INFO = ("icc_profile",)
QUALITY = {"JPEG": 85, "WEBP": 80}
# The one crop the site makes: the preview a page shows when it is shared (Open Graph and
# Twitter's large card), 1200 by 630 (1.91:1), cut around the image's focal point.
CARD = "card"
CARD_SIZE = (1200, 630)
# A focal point in percent across and down: the middle unless staff chose one.
CENTRE = (50, 50)


@dataclass(frozen=True)
class Cut:
    width: int
    height: int
    format: str  # a key of IMAGE_KINDS
    data: bytes
    crop: str = ""  # "" for the whole image, CARD for the sharing preview


def has_alpha(image):
    return image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )


def fallback_format(image):
    """PNG keeps transparency; JPEG is smaller for everything else."""
    return "PNG" if has_alpha(image) else "JPEG"


def _fit_mode(image, kind):
    if kind == "JPEG":
        return image if image.mode in {"RGB", "L"} else image.convert("RGB")
    if kind == "WEBP":
        if image.mode in {"RGB", "RGBA"}:
            return image
        return image.convert("RGBA" if has_alpha(image) else "RGB")
    if image.mode in {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}:
        return image
    return image.convert("RGBA" if has_alpha(image) else "RGB")


def encode(image, kind):
    """The pixels alone (and the colour profile) in format `kind`."""
    image = _fit_mode(image, kind)
    image.info = {key: image.info[key] for key in (*KEPT_INFO, "transparency") if key in image.info}
    out = io.BytesIO()
    options = {"optimize": True}
    if kind in QUALITY:
        options["quality"] = QUALITY[kind]
    if kind == "JPEG":
        options["progressive"] = True
    if "icc_profile" in image.info:
        options["icc_profile"] = image.info["icc_profile"]
    if kind == "PNG" and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    image.save(out, IMAGE_KINDS[kind].label.upper(), **options)
    return out.getvalue()


def open_upright(fileobj):
    """The decoded image turned as the camera meant it (EXIF orientation), metadata dropped."""
    fileobj.seek(0)
    with PILImage.open(fileobj) as source:
        source.load()
        kind = source.format
        image = ImageOps.exif_transpose(source)
    fileobj.seek(0)
    return kind, image


def cleaned_original(fileobj):
    """The full-size image, re-encoded without its metadata, in its own format."""
    kind, image = open_upright(fileobj)
    return Cut(image.width, image.height, kind, encode(image, kind))


def widths_for(original_width):
    """The screen widths narrower than the image, and the image's own width if below the
    widest: an image is never enlarged."""
    widths = [w for w in SCREEN_WIDTHS if w < original_width]
    if original_width <= SCREEN_WIDTHS[-1]:
        widths.append(original_width)
    return widths


def crop_box(width, height, focus, shape=CARD_SIZE):
    """The largest box of `shape`'s proportions inside a width × height image, with the focal
    point (percent across, down) at its middle, or as near as the image's edges allow."""
    scale = min(width / shape[0], height / shape[1])
    box_width = min(width, max(1, round(shape[0] * scale)))
    box_height = min(height, max(1, round(shape[1] * scale)))
    left = round(width * focus[0] / 100 - box_width / 2)
    top = round(height * focus[1] / 100 - box_height / 2)
    left = min(max(left, 0), width - box_width)
    top = min(max(top, 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def card_of(image, focus):
    """The sharing preview of a decoded image: its CARD_SIZE box around the focal point, made
    no bigger than CARD_SIZE and never enlarged; in the fallback format, which every previewer
    reads (some cannot read WebP)."""
    box = crop_box(image.width, image.height, focus)
    card = image.crop(box)
    if card.width > CARD_SIZE[0]:
        card = card.resize(CARD_SIZE, PILImage.LANCZOS)
    kind = fallback_format(image)
    return Cut(card.width, card.height, kind, encode(card, kind), crop=CARD)


def cut_card(fileobj, focus):
    """The sharing preview alone, cut again when staff move the focal point."""
    _, image = open_upright(fileobj)
    return card_of(image, focus)


def cut_renditions(fileobj, focus=CENTRE):
    """Every rendition of the image: each screen width and the print width, in WebP and in the
    fallback format, and the sharing preview around the focal point. Done once, when the image
    is saved; pages only link to the results."""
    _, image = open_upright(fileobj)
    fallback = fallback_format(image)
    widths = widths_for(image.width)
    print_width = min(PRINT_WIDTH, image.width)
    if print_width not in widths:
        widths.append(print_width)
    cuts = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), PILImage.LANCZOS)
        for kind in (MODERN_FORMAT, fallback):
            cuts.append(Cut(width, height, kind, encode(resized, kind)))
    cuts.append(card_of(image, focus))
    return cuts
