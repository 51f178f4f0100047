"""Template tags every content page uses."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import format_html

register = template.Library()

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


@register.filter
def shown_as(value, style="datetime"):
    """The words of `value` in `style`, for text where no markup may go (a page's <title>)."""
    if value in (None, ""):
        return ""
    value, style = _local(value, style)
    return date_format(value, get_format(TIME_STYLES[style][0]))


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
