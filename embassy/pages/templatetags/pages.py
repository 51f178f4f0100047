"""Template tags every content page uses."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()

# How a date is shown, by what it is; the machine-readable value follows the same choice.
TIME_STYLES = {
    "datetime": "Y-m-d H:i",
    "date": "Y-m-d",
    "long_date": "j F Y",
}


@register.simple_tag
def time_tag(value, style="datetime"):
    """`<time datetime="…">` for `value` in the site's time zone.

    The machine value has whole seconds: the HTML standard allows at most milliseconds, and
    Python's isoformat() would give microseconds.
    """
    if value is None:
        return ""
    if isinstance(value, timezone.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if style == "datetime":
        machine = value.replace(microsecond=0).isoformat()
    else:
        machine = value.strftime("%Y-%m-%d")
    return format_html(
        '<time datetime="{}">{}</time>', machine, date_format(value, TIME_STYLES[style])
    )
