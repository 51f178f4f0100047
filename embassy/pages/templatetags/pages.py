"""Template tags every content page uses."""

import re

from django import template
from django.core.signals import setting_changed
from django.db.models import Model
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.functional import LazyObject, empty
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from embassy.core import generation
from embassy.core.addresses import address as core_address
from embassy.core.lru import LeastRecentlyUsed
from embassy.core.memo import derived
from embassy.pages import sharing

register = template.Library()

MOST_DATES_KEPT = 5000

# How a date is shown, by what it is: the active language's format (embassy/formats/) and the
# machine-readable value of <time datetime>, valid per the HTML standard. The one place: pages,
# feeds, search and mail show dates through these.
TIME_STYLES = {
    # 28 January 2021, 19:34 Beijing time / 2021-01-28T19:34:00+08:00: whole seconds, as the
    # standard allows at most milliseconds and isoformat() would give microseconds.
    "datetime": ("DATETIME_FORMAT", lambda value: value.replace(microsecond=0).isoformat()),
    "date": ("DATE_FORMAT", lambda value: f"{value:%Y-%m-%d}"),  # 28 January 2021
    "time": ("TIME_FORMAT", lambda value: f"{value:%H:%M}"),  # 19:34 Beijing time
    "month": ("YEAR_MONTH_FORMAT", lambda value: f"{value:%Y-%m}"),  # January 2021
    "year": ("Y", lambda value: f"{value:%Y}"),  # 2021
}


def _local(value, style):
    """`value` in the site's time zone, and the style it can take (a day has no time)."""
    if not isinstance(value, timezone.datetime):
        return value, "date" if style in ("datetime", "time") else style
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value, style


# Dates written out, by value, format and language: Django reads the format letter by letter
# each time (20 to 40 µs a date), and a list of briefings writes dozens of the same few.
_written = LeastRecentlyUsed(MOST_DATES_KEPT)


def written(value, format_string):
    """date_format(value, format_string), kept for the process. The value's zone is part of the
    key: two moments in different zones are equal, and their words are not."""
    key = (value, getattr(value, "tzinfo", None), format_string, get_language())
    words = _written.get(key)
    if words is None:
        words = date_format(value, format_string)
        _written.put(key, words)
    return words


@receiver(setting_changed)
def forget_written_dates(**kwargs):
    _written.clear()  # the formats, the zone or the languages may be others now


@register.filter
def shown_as(value, style="datetime"):
    """The words of `value` in `style`, for text where no markup may go (a page's <title>)."""
    if value in (None, ""):
        return ""
    value, style = _local(value, style)
    return written(value, get_format(TIME_STYLES[style][0]))


@register.simple_tag
def time_tag(value, style="datetime"):
    """`<time datetime="…">` for `value`, in the site's time zone and the language's format."""
    if value in (None, ""):
        return ""
    value, style = _local(value, style)
    return format_html(
        '<time datetime="{}">{}</time>',
        TIME_STYLES[style][1](value),
        shown_as(value, style),
    )


# Every language's formats end with the zone's name, escaped letter by letter
# (embassy.pages.dates.with_zone_name): a span names it once, after its end.
ZONE_NAME_SUFFIX = re.compile(r" (?:\\.)+$")


@register.simple_tag
def time_span(start, end=None):
    """A start and end as the site writes them: "28 January 2021, 15:00–16:10 Beijing time"
    on one day, both in full across days, the start alone without an end. Each is its own
    `<time datetime>`."""
    if not end:
        return time_tag(start)
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() != end.date():
        return format_html("{} – {}", time_tag(start), time_tag(end))
    start_format = ZONE_NAME_SUFFIX.sub("", get_format("DATETIME_FORMAT"))
    return format_html(
        '<time datetime="{}">{}</time>–{}',
        TIME_STYLES["datetime"][1](start),
        written(start, start_format),
        time_tag(end, "time"),
    )


@register.simple_tag
def today(style="date"):
    """Today in the site's time zone, as time_tag writes it: the day a page is printed."""
    return time_tag(timezone.localdate(), style)


# A running header longer than this would crowd the site's name off the line.
RUNNING_TITLE_CHARACTERS = 90


@register.simple_tag(takes_context=True)
def running_header(context):
    """The attributes of <html> that a printed page's margins show (static/css/site.css, @page):
    the site's name, the page's title, and the words around its number and the page count.

    A page margin holds no element of the page, only generated content; of the page's own
    text it can show an attribute of the root element, `attr()`. Checked in Chromium 156:
    `attr()` in a margin box reads <html>'s attributes, while `string-set`/`string()`, the
    standard way to carry a heading into the margin, is not supported. An attribute keeps the
    strict policy (style-src 'self'): no inline style to allow, no stylesheet per page.
    """
    obj = context.get("object")
    # A page about no one row (a topic's, named in the reader's language) gives its own.
    title = context.get("running_title") or getattr(obj, "title", "") or getattr(obj, "name", "")
    # The pagination's words, cut where the numbers go: CSS counters fill them in.
    before, rest = _("Page %(number)s of %(total)s").split("%(number)s", 1)
    between, after = rest.split("%(total)s", 1)
    return format_html(
        ' data-print-site="{}" data-print-title="{}" data-page-before="{}" data-page-between="{}"'
        ' data-page-after="{}"',
        context.get("site_name", ""),
        Truncator(title).chars(RUNNING_TITLE_CHARACTERS),
        before,
        between,
        after,
    )


@register.simple_tag
def share_links(url, title):
    """[(network, address)] sharing `url` (absolute), for templates/includes/share_links.html."""
    return sharing.share_links(url, title)


def kept_key(value):
    """What of `value` a kept block's key holds: a row by its pk (the generation covers its
    content), plain values as they are, containers item by item."""
    if isinstance(value, LazyObject):  # a context processor's: what it stands for
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, list | tuple):
        return tuple(kept_key(item) for item in value)
    raise NotKeyable(value)


class NotKeyable(Exception):
    """A value a kept block cannot be keyed by: the block is rendered."""


class KeptNode(template.Node):
    def __init__(self, name, shown, nodelist):
        self.name, self.shown, self.nodelist = name, shown, nodelist

    def render(self, context):
        request = context.get("request")
        rendered_under = generation.of_request(request) if request is not None else None
        if rendered_under is None:
            return self.nodelist.render(context)
        try:
            what = tuple(kept_key(value.resolve(context)) for value in self.shown)
        except NotKeyable:
            return self.nodelist.render(context)
        key = ("kept", self.name, get_language(), get_script_prefix(), timezone.localdate(), what)
        return derived.keep(
            generation.scope_of(request),
            rendered_under,
            key,
            lambda: self.nodelist.render(context),
            size=len,
        )


@register.tag
def kept(parser, token):
    """`{% kept "name" object… %}…{% endkept %}`: markup rendered once per content
    generation, objects named, language, URL prefix and day, then reused by every page: the
    frame's footer, its links in the head (kept in the content memo, embassy/core/memo.py).

    Only for markup that shows nothing but those objects (content, or plain values), the
    language, the prefix and today's date: nothing of the request or of the page's own context.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% kept %} takes a name: {% kept "footer" %}')
    shown = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1].strip("\"'"), shown, nodelist)


@register.simple_tag
def address(viewname, **kwargs):
    """`{% url viewname slug=… %}` reversed once per process (embassy/core/addresses.py): a
    fragment repeated per item (a topic of each exchange) paid reverse()'s 20–60 µs a link."""
    return core_address(viewname, kwargs)
