"""When the next scheduled publication (or withdrawal) happens, across every dated content kind.

Visibility is a query on time, so a page rendered at 08:59 is wrong at 09:00 if a briefing is
scheduled for 09:00: no write happens then to change the generation. The earliest such time
among all models published by status and time bounds every stored page's life.
"""

import datetime
import functools

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from embassy.core import content
from embassy.core.memo import derived

from .publishing import PublishableQuerySet, Status


@functools.cache
def scheduled_models():
    """Every model with its own publication time (an exchange follows its briefing's), as a
    tuple: the models are the process's, fixed once the apps are loaded."""
    return tuple(
        model
        for model in apps.get_models()
        if isinstance(queryset := model._default_manager.get_queryset(), PublishableQuerySet)
        and not queryset.published_through
    )


@functools.cache
def _schedule_columns():
    """(table, status column, time field) of every scheduled kind's time fields: what the one
    query of next_change() reads, worked out once per process."""
    quote = connection.ops.quote_name
    return tuple(
        (quote(model._meta.db_table), quote(model._meta.get_field("status").column), field)
        for model in scheduled_models()
        for field in map(
            model._meta.get_field, model._default_manager.get_queryset().schedule_fields()
        )
    )


def next_change(now=None):
    """The earliest future scheduled change of visibility, as a timestamp, or None.

    One query for every kind and field (PublishableQuerySet.next_scheduled_change's aggregate,
    a UNION ALL of one MIN per table and field), its SQL written once per process: three ORM
    aggregates, compiled on each first reader after an edit, cost 4–5 ms of CPU."""
    now = now or timezone.now()
    columns = _schedule_columns()
    if not columns:
        return None
    quote = connection.ops.quote_name
    parts, params = [], []
    for table, status, field in columns:
        column = quote(field.column)
        parts.append(
            f"SELECT MIN({column}) AS at FROM {table} WHERE {status} = %s AND {column} > %s"
        )
        params += [Status.PUBLISHED.value, field.get_db_prep_value(now, connection)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(at) FROM ({' UNION ALL '.join(parts)}) AS times", params)
        (at,) = cursor.fetchone()
    if at is None:
        return None
    if isinstance(at, str):  # SQLite gives a subquery's times as text
        at = parse_datetime(at)
    if timezone.is_naive(at):  # stored in UTC
        at = timezone.make_aware(at, datetime.UTC)
    return at.timestamp()


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
