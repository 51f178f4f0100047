"""What the public reads from the database to render a page, kept per process: the rows an
address names, a briefing's versions and neighbours, a page's corrections.

Kept in the content memo (embassy/core/memo.py) for the content generation and until the next
scheduled change of visibility, which are the only two things that change what such a read
returns: every write to the content changes the generation, and a published row appears or
goes, with nothing written, only at its scheduled times (schedule.py). So what is kept is what
the query would read now, and a page rendered from it is as exact as one rendered from the
database. The first reader after an edit reads from the database; each reader still gets the
page rendered for them.

Only reads that are the same for every reader belong here: a previewer's drafts depend on who
they are and are read each time (the views decide, see views.py).
"""

import copy

from django.db.models import Model
from django.urls import get_script_prefix

from embassy.core import generation
from embassy.core.memo import derived

from . import schedule


def fresh(value):
    """Each request its own model objects and dicts (a view may set attributes on an object
    for its template, or add to a dict); the rest is read, never changed."""
    if isinstance(value, Model):
        return copy.copy(value)
    if isinstance(value, tuple):
        return tuple(fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    return value


def read(request, key, read):
    """What `read()` returns for the public, kept for the content generation `request` is
    rendered under (its mission's scope: what a mission reads is its own). `key` says
    everything else the read depends on. Without a request (a template rendered outside one)
    nothing is kept."""
    if request is None:
        return read()
    scope = generation.scope_of(request)
    rendered_under = generation.of_request(request, scope)
    if rendered_under is None:
        return read()
    value = derived.keep(
        scope,
        rendered_under,
        # Addresses read are under the site's prefix (one per deployment, as a rule).
        ("public read", get_script_prefix(), *key),
        read,
        until=schedule.next_change_of(rendered_under, scope),
    )
    return fresh(value)
