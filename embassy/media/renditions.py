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


@dataclass(frozen=True)
class Cut:
    width: int
    height: int
    format: str  # a key of IMAGE_KINDS
    data: bytes


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


def cut_renditions(fileobj):
    """Every rendition of the image: each screen width and the print width, in WebP and in the
    fallback format. Done once, when the image is saved; pages only link to the results."""
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
    return cuts
