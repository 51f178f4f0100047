"""Showing library images and documents on pages.

`{% picture image %}` renders a <picture>: WebP and fallback renditions in srcset, width and
height (no layout shift), lazy loading unless told `eager`, and the print rendition for paper.
`{{ html|library_media }}` does the same for the images staff put into rich text, reading all of
a page's images in one query.
"""

import re
from html import unescape

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Image
from ..renditions import MODERN_FORMAT

register = template.Library()

DEFAULT_SIZES = "(min-width: 60em) 45em, 100vw"


def picture_context(image, *, sizes=DEFAULT_SIZES, lazy=True, printable=False, alt=None):
    by_format = image.rendition_set()
    modern = by_format.get(MODERN_FORMAT, [])
    fallback = next((r for f, r in by_format.items() if f != MODERN_FORMAT), modern)
    if not fallback:
        return None
    print_modern = next((r for r in modern if r.for_print), None)
    print_fallback = next((r for r in fallback if r.for_print), fallback[-1])
    # The default src: the widest screen rendition that is not the print one.
    screen_fallback = [r for r in fallback if not r.for_print or len(fallback) == 1] or fallback
    return {
        "image": image,
        "alt": image.alt if alt is None else alt,
        "sizes": sizes,
        "lazy": lazy,
        "printable": printable,
        "modern": [r for r in modern if not r.for_print or len(modern) == 1] or modern,
        "fallback": screen_fallback,
        "src_rendition": screen_fallback[-1],
        "print_modern": print_modern,
        "print_fallback": print_fallback,
    }


def render_picture(image, **options):
    context = picture_context(image, **options)
    if context is None:
        return ""
    return render_to_string("media/includes/picture.html", context)


@register.simple_tag
def picture(image, sizes=DEFAULT_SIZES, eager=False, printable=False):
    if image is None:
        return ""
    # A figure include passes its own `sizes` through, empty when it had none: an empty sizes
    # attribute is invalid HTML, so that means the default.
    sizes = sizes or DEFAULT_SIZES
    return mark_safe(render_picture(image, sizes=sizes, lazy=not eager, printable=printable))


@register.inclusion_tag("media/includes/document_link.html")
def document_link(document):
    return {"document": document}


_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_KEY = re.compile(r"images/([0-9a-f]{16})/")


_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.IGNORECASE | re.DOTALL)
_OPEN_P = re.compile(r"<p\b", re.IGNORECASE)
_CLOSE_P = re.compile(r"</p>", re.IGNORECASE)


def caption_html(image, with_caption=True):
    """What the library says under `image`: its caption and credit (either may be empty)."""
    parts = []
    if with_caption and image.caption:
        parts.append(escape(image.caption))
    if image.credit:
        parts.append(f'<span class="credit">{escape(image.credit)}</span>')
    return " ".join(parts)


@register.filter
def library_media(html, printable=False):
    """Sanitized rich text with each library image swapped for its responsive <picture>, and
    shown with its caption and credit from the library.

    The editor stores a plain <img> pointing at one rendition; the alt text typed there wins,
    and so does a caption typed in the editor's figure (the library's credit is added to it).
    An image on its own gets a <figure> for its caption; one inside a paragraph (pasted HTML)
    cannot hold one, and stays as it is. An image since deleted from the library keeps its
    plain tag (its text alternative stays).
    """
    html = html or ""
    keys = set(_KEY.findall(html))
    if not keys:
        return mark_safe(html)
    images = {image.key: image for image in Image.objects.filter(key__in=keys).with_renditions()}

    def library_image(match):
        found = _KEY.search(dict(_ATTR.findall(match.group(1))).get("src", ""))
        return images.get(found.group(1)) if found else None

    def swap(match):
        image = library_image(match)
        if image is None:
            return match.group(0)
        alt = dict(_ATTR.findall(match.group(1))).get("alt")
        rendered = render_picture(
            image, alt=image.alt if alt is None else unescape(alt), printable=printable
        )
        return rendered or match.group(0)

    def in_figure(figure):
        inside = figure.group(0)
        first = next(filter(None, map(library_image, _IMG.finditer(inside))), None)
        inside = _IMG.sub(swap, inside)
        if first is None:
            return inside
        end = inside.lower().rindex("</figure>")
        if "<figcaption" not in inside.lower():
            words = caption_html(first)
            if words:
                inside = f"{inside[:end]}<figcaption>{words}</figcaption>{inside[end:]}"
        elif first.credit and escape(first.credit) not in inside:
            close = inside.lower().rindex("</figcaption>")
            inside = f"{inside[:close]} {caption_html(first, with_caption=False)}{inside[close:]}"
        return inside

    def alone(match, before):
        rendered = swap(match)
        image = library_image(match)
        in_paragraph = len(_OPEN_P.findall(before)) > len(_CLOSE_P.findall(before))
        words = caption_html(image) if image is not None else ""
        if rendered == match.group(0) or not words or in_paragraph:
            return rendered
        return f'<figure class="library-figure">{rendered}<figcaption>{words}</figcaption></figure>'

    pieces, last = [], 0
    for figure in _FIGURE.finditer(html):
        pieces.append(_outside(html, last, figure.start(), alone))
        pieces.append(in_figure(figure))
        last = figure.end()
    pieces.append(_outside(html, last, len(html), alone))
    return mark_safe("".join(pieces))


def _outside(html, start, end, alone):
    """html[start:end], which holds no figure, with each image done by `alone`."""
    out, last = [], start
    for match in _IMG.finditer(html, start, end):
        out.append(html[last : match.start()])
        out.append(alone(match, html[: match.start()]))
        last = match.end()
    out.append(html[last:end])
    return "".join(out)
