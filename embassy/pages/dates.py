"""Days in the site's time zone: a briefing is "on 28 January" in Beijing, whatever the server."""

import datetime

from django.utils import timezone


def day_bounds(day):
    """The first instant of `day` in the site's time zone and the first of the next day."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
