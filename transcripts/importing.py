"""A parsed transcript becomes rows: one briefing and its exchanges, in one transaction.

Outlets and spokespeople are matched to existing rows ignoring case and created when missing,
so that "XINHUA NEWS AGENCY" and "Xinhua News Agency" are one outlet.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from embassy.publishing import Status

from .models import Briefing, Exchange, Outlet, Spokesperson

SLUG_MAX_LENGTH = 200


def unique_slug(model, text, **scope):
    """A slug from `text` that no row of `model` within `scope` has yet: name, name-2, name-3..."""
    base = slugify(text, allow_unicode=False)[: SLUG_MAX_LENGTH - 6].strip("-") or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug, **scope).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def outlet_named(name):
    """The outlet called `name` (any case), created if new; None for an unnamed questioner."""
    name = " ".join(name.split())
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet is None:
        outlet = Outlet.objects.create(name=name, slug=unique_slug(Outlet, name))
    return outlet


def spokesperson_named(name, role=""):
    name = " ".join(name.split())
    if not name:
        return None
    spokesperson = Spokesperson.objects.filter(name__iexact=name).first()
    if spokesperson is None:
        spokesperson = Spokesperson.objects.create(
            name=name, slug=unique_slug(Spokesperson, name), role=role
        )
    return spokesperson


def day_bounds(held_at):
    start = timezone.localtime(held_at).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


def find_duplicate(title, held_at):
    """An existing briefing with this title on the same day, if any."""
    start, end = day_bounds(held_at)
    return Briefing.objects.filter(
        title__iexact=title.strip(), held_at__gte=start, held_at__lt=end
    ).first()


def aware(held_at):
    if held_at is None:
        return timezone.now()
    if timezone.is_naive(held_at):
        return timezone.make_aware(held_at)
    return held_at


@transaction.atomic
def save_briefing(parsed, *, section, spokesperson=None, status=Status.DRAFT, source_url=""):
    """Create the briefing and all its exchanges from a ParsedBriefing; all or nothing.

    `spokesperson` overrides the one the parser found (the admin lets staff choose).
    A naive `held_at` is taken as the site's local time.
    """
    if spokesperson is None:
        spokesperson = spokesperson_named(
            parsed.spokesperson or "Spokesperson", getattr(parsed, "spokesperson_role", "")
        )
    held_at = aware(parsed.held_at)
    start, end = day_bounds(held_at)
    briefing = Briefing.objects.create(
        title=parsed.title.strip(),
        slug=unique_slug(Briefing, parsed.title, held_at__gte=start, held_at__lt=end),
        spokesperson=spokesperson,
        held_at=held_at,
        section=section,
        status=status,
        source_url=source_url,
        opening_remarks=parsed.preamble,
    )
    outlets = {}
    responders = {}
    exchanges = []
    for position, parsed_exchange in enumerate(parsed.exchanges, start=1):
        key = parsed_exchange.questioner.strip().lower()
        if key not in outlets:
            outlets[key] = outlet_named(parsed_exchange.questioner)
        responder_name = parsed_exchange.responder.strip()
        responder = None
        if responder_name and responder_name.lower() != spokesperson.name.lower():
            if responder_name.lower() not in responders:
                responders[responder_name.lower()] = spokesperson_named(responder_name)
            responder = responders[responder_name.lower()]
        exchanges.append(
            Exchange(
                briefing=briefing,
                position=position,
                outlet=outlets[key],
                question=parsed_exchange.question,
                answer=parsed_exchange.answer,
                responder=responder,
            )
        )
    Exchange.objects.bulk_create(exchanges)
    return briefing
