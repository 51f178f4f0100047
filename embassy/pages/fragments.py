"""Fragments rendered once per content, not once per request: a briefing's 200 exchanges.

A fragment (one exchange) is rendered from a context of its own, and what it can show is
exactly what that context holds: the objects in it, with every field and related object already
loaded on them (what the template can read without a query; anything else would be a query per
exchange, which the tests forbid), the active language and the URL prefix. So the fragment is
a function of that state, and the rendered HTML is kept per process under a key made of the
state itself: an edit changes the state and so the key, and nothing can be stale. The first
visitor after an edit renders only the fragments whose content changed.

With DEBUG on (templates edited on disk) nothing is kept.

What shows a whole briefing's transcript would cost as much to key by its state as to render:
it is kept per content generation instead (GenerationMemo), which every write to the content
changes.
"""

import datetime
import decimal
import uuid

from django.conf import settings
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.functional import LazyObject, empty
from django.utils.translation import get_language

from .lru import LeastRecentlyUsed

# Enough for the exchanges of the briefings readers open at once; about 4 kB each with its key.
MOST_KEPT = 4000

PLAIN_TYPES = frozenset(
    {
        type(None),
        str,
        int,
        float,
        bool,
        bytes,
        decimal.Decimal,
        datetime.date,
        datetime.datetime,
        datetime.time,
        datetime.timedelta,
        uuid.UUID,
    }
)


PLAIN_BASES = tuple(PLAIN_TYPES - {type(None)})


class NotKeyable(Exception):
    """A context holding something whose state cannot be read: rendered, not kept."""


def state(value, seen):
    """A hashable picture of everything a template could read from `value` without a query."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    if issubclass(kind, LazyObject):  # a context processor's lazy value: what it stands for
        if value._wrapped is empty:
            value._setup()
        return state(value._wrapped, seen)
    if isinstance(value, Model):
        marker = id(value)
        if marker in seen:
            return seen[marker]
        seen[marker] = ("ref", value._meta.label, value.pk)  # a cycle stops here
        fields = tuple(
            (name, item if type(item) in PLAIN_TYPES else state(item, seen))
            for name, item in value.__dict__.items()
            if name != "_state"
        )
        related = tuple(
            (name, state(item, seen)) for name, item in value._state.fields_cache.items()
        )
        seen[marker] = (value._meta.label, fields, related)
        return seen[marker]
    if isinstance(value, FieldFile):  # an image or document: its stored name says which
        return ("file", value.name)
    if isinstance(value, QuerySet):
        if value._result_cache is None:
            raise NotKeyable(value)
        return tuple(state(item, seen) for item in value._result_cache)
    if isinstance(value, list | tuple):
        return tuple(state(item, seen) for item in value)
    if isinstance(value, dict):
        return tuple((str(k), state(v, seen)) for k, v in value.items())
    if isinstance(value, PLAIN_BASES):  # a safe string, a choice's enum member
        return (kind.__qualname__, value)
    raise NotKeyable(value)


class GenerationMemo:
    """What is kept for one content generation (embassy/pagecache/invalidation.py): every write
    to the content changes it, so nothing kept under it is stale. Kept for the newest
    generation asked to keep something (an older one is of no more use), within `most` (the
    sum of the sizes `put` is told)."""

    def __init__(self, most):
        self.generation = None
        self.kept = LeastRecentlyUsed(most)

    def get(self, generation, key):
        return self.kept.get(key) if generation == self.generation else None

    def put(self, generation, key, value, size):
        if generation != self.generation:
            self.kept.clear()
            self.generation = generation
        self.kept.put(key, value, size)


memo = LeastRecentlyUsed(MOST_KEPT)  # rendered fragments by their state


def render_fragments(template_name, contexts, seen=None):
    """Each context through `template_name`, joined; unchanged content rendered only once.

    `seen` may be shared by the calls of one page: each object's state is then read once.
    """
    template = get_template(template_name)
    seen = {} if seen is None else seen
    where = (template_name, get_language(), get_script_prefix())
    parts = []
    for context in contexts:
        key = None
        if not settings.DEBUG:
            try:
                key = (where, state(context, seen))
            except NotKeyable:
                key = None
        html = memo.get(key) if key is not None else None
        if html is None:
            html = template.render(context)
            if key is not None:
                memo.put(key, html)
        parts.append(html)
    return "".join(parts)
