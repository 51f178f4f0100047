"""When the next scheduled publication (or withdrawal) happens, across every dated content kind.

Visibility is a query on time, so a page rendered at 08:59 is wrong at 09:00 if a briefing is
scheduled for 09:00: no write happens then to change the generation. The earliest such time
among all models published by status and time bounds every stored page's life.
"""

import datetime

from django.apps import apps
from django.utils import timezone

from embassy.core import content
from embassy.core.memo import derived

from .publishing import PublishableQuerySet


def scheduled_models():
    """Every model with its own publication time (an exchange follows its briefing's)."""
    for model in apps.get_models():
        queryset = model._default_manager.get_queryset()
        if isinstance(queryset, PublishableQuerySet) and not queryset.published_through:
            yield model


def next_change(now=None):
    """The earliest future scheduled change of visibility, as a timestamp, or None."""
    now = now or timezone.now()
    times = [
        time
        for model in scheduled_models()
        if (time := model._default_manager.get_queryset().next_scheduled_change(now))
    ]
    return min(times).timestamp() if times else None


def next_change_of(generation, scope=content.SITE):
    """next_change(), read once per process and content generation: only a write (which
    changes the generation) or the passing of that time changes it. What is kept per
    generation (stored pages, public reads) asks here, so the first reader after an edit asks
    the database once."""
    (at,) = derived.keep(
        scope,
        generation,
        ("next scheduled change",),
        lambda: (next_change(),),
        until=lambda found: found[0],  # read again once it has passed
    )
    return at


def next_midnight(now=None):
    """The next midnight of the site's time zone: pages show today's date (the printing date,
    the footer's year), so none is kept past the day it was rendered on."""
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time.min)
    return timezone.make_aware(midnight, local.tzinfo).timestamp()
