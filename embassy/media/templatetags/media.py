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


@register.filter
def library_media(html, printable=False):
    """Sanitized rich text with each library image swapped for its responsive <picture>.

    The editor stores a plain <img> pointing at one rendition; the alt text typed there wins.
    An image since deleted from the library keeps its plain tag (its text alternative stays).
    """
    html = html or ""
    keys = set(_KEY.findall(html))
    if not keys:
        return mark_safe(html)
    images = {image.key: image for image in Image.objects.filter(key__in=keys).with_renditions()}

    def swap(match):
        attrs = dict(_ATTR.findall(match.group(1)))
        found = _KEY.search(attrs.get("src", ""))
        image = images.get(found.group(1)) if found else None
        if image is None:
            return match.group(0)
        alt = attrs.get("alt")
        rendered = render_picture(
            image, alt=image.alt if alt is None else unescape(alt), printable=printable
        )
        return rendered or match.group(0)

    return mark_safe(_IMG.sub(swap, html))
