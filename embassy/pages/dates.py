"""Days in the site's time zone, and the range of dates anyone may enter.

A briefing is "on 28 January" in Beijing, whatever the server; every time the site shows names
that zone ("19:34 Beijing time"). A date typed far outside the
years the site covers is a typo, and an extreme one (year 1, year 9999) breaks the conversion
to UTC or the day arithmetic behind every list: so every date entered (admin forms, the import
page, `import_briefing`, the search filters) is checked against one range, set in settings.
"""

import datetime

from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _


def day_bounds(day):
    """The first instant of `day` in the site's time zone and the first of the next day."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def accepted_range():
    """The first and last day a date may fall on: DATE_RANGE_FIRST_YEAR to the end of the year
    DATE_RANGE_YEARS_AHEAD from now (scheduled content may be dated ahead, not centuries)."""
    first = datetime.date(settings.DATE_RANGE_FIRST_YEAR, 1, 1)
    last = datetime.date(timezone.localdate().year + settings.DATE_RANGE_YEARS_AHEAD, 12, 31)
    return first, last


def out_of_range_message():
    first, last = accepted_range()
    return _("Enter a date between %(first)s and %(last)s.") % {
        "first": f"{first:%Y-%m-%d}",
        "last": f"{last:%Y-%m-%d}",
    }


def in_range(value):
    """Whether a date, or a datetime as entered (its own wall-clock day), is in the range.

    The day is read as typed, never converted: converting year 1 or 9999 is what overflows.
    """
    day = value.date() if isinstance(value, datetime.datetime) else value
    first, last = accepted_range()
    return first <= day <= last


def validate_in_range(value):
    """A form field validator: the date is in accepted_range(), or a clear field error."""
    if value is not None and not in_range(value):
        raise ValidationError(out_of_range_message(), code="date_out_of_range")


class DatesInRangeAdmin:
    """ModelAdmin (and inline) mixin: every date or date-time field of its forms is checked
    against the range, including fields added to the model later."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # DateTimeField is a DateField; auto_now fields have no form field (None).
        if field is not None and isinstance(db_field, models.DateField):
            field.validators = [*field.validators, validate_in_range]
        return field


def with_zone_name(time_format, zone_names):
    """`time_format` (Django's date format syntax) followed by the site's zone, named in words.

    `zone_names` is one language's names for the zones an embassy may date in; a zone without
    a name there is shown by its identifier ("Europe/Paris"). Every character of the name is
    escaped, so that the letters of "Beijing" are not read as format codes.
    """
    name = zone_names.get(settings.TIME_ZONE, settings.TIME_ZONE)
    return time_format + " " + "".join("\\" + char for char in name)


def zone_label(now=None):
    """The site's clock in words and as an offset: "Beijing time, UTC+8"."""
    now = timezone.localtime(now or timezone.now())
    offset = now.utcoffset() or datetime.timedelta(0)
    hours, seconds = divmod(int(offset.total_seconds()), 3600)
    minutes = abs(seconds) // 60
    utc = f"UTC{'+' if offset >= datetime.timedelta(0) else '-'}{abs(hours)}"
    if minutes:
        utc += f":{minutes:02}"
    # The date formats name the zone after the time ("H:i Beijing time", escaped letters), in
    # the admin's language ("H:i 北京时间").
    time_format = get_format("TIME_FORMAT")
    name = time_format.split(" ", 1)[1].replace("\\", "") if " " in time_format else ""
    return f"{name or settings.TIME_ZONE}, {utc}"


class ZonedSplitDateTime(AdminSplitDateTime):
    """Date and time boxes followed by the clock they are read in, instead of Django's note
    about the browser being hours ahead of "server time" (static/css/admin.css hides it)."""

    # In embassy/siteinfo/templates/, not templates/: widgets render with the form renderer,
    # which reads the apps' templates.
    template_name = "admin/widgets/split_datetime_zoned.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["zone_label"] = zone_label()
        return context
