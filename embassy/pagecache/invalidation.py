"""Exact invalidation: one generation counter, changed by every write to a content table.

Why one counter for the whole site rather than keys per object: a page shows many objects (the
menu on every page, a briefing's neighbours, an outlet's questions, topic lists, feeds, the
sitemap), so knowing which pages an edit touches means knowing every template's reads, and the
other content kinds being added (media, revisions, translations) would each have to declare
theirs. Edits are rare next to reads: when one happens, every page is rendered once more, and
the first visitor of each pays for it. That is the trade: exactness without bookkeeping.

Why writes are watched in SQL rather than through post_save/post_delete/m2m_changed: signals
miss `QuerySet.update()`, `bulk_create()` (the transcript importer uses it), `delete()` of a
queryset's raw fast path and raw SQL. Every one of those goes through the connection's execute
wrappers, so an INSERT, UPDATE, DELETE or TRUNCATE of a content table, whoever issues it, changes
the generation. "Content table" means every model (and many-to-many table) of the apps in
CONTENT_APPS and of every app under embassy/, but those in NOT_CONTENT_APPS: a new content
app under embassy/ is covered without doing anything.

When: at once (so that the same process, a test in its transaction included, sees the change),
and again when the transaction commits. A visitor who rendered the page between the write and
the commit read the old rows and stored them under the generation of the first bump; the second
makes that copy stale.
"""

import logging
import re
import secrets

from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from . import watch

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"

# Third-party apps whose rows pages show. Apps under embassy/ are content unless listed below.
CONTENT_APPS = frozenset({"sections", "transcripts", "taggit"})
# Apps under embassy/ (by label) whose rows no public page shows: writing them must not empty
# the cache (a visitor's subscription or a queued task is not an edit of the site).
NOT_CONTENT_APPS = frozenset({"sessions", "auth", "axes", "admin", "tasks", "django_tasks"})

WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+[`"]?(\w+)',
    re.IGNORECASE,
)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "TRUNCA")

_content_tables = None


def content_tables():
    """The tables whose rows pages show (computed once, when the app registry is ready)."""
    global _content_tables
    if _content_tables is None:
        tables = set()
        for config in apps.get_app_configs():
            in_embassy = config.name.startswith("embassy.")
            if config.label in NOT_CONTENT_APPS:
                continue
            if config.label in CONTENT_APPS or in_embassy:
                for model in config.get_models(include_auto_created=True):
                    tables.add(model._meta.db_table)
        _content_tables = frozenset(tables)
    return _content_tables


def new_generation():
    # Random, not 1: if the cache loses the counter (eviction, restart), a counter started
    # again at 1 could meet pages stored under an old 1.
    return secrets.randbits(60)


def current_generation():
    """The generation now, creating it when the cache has none (one more round trip, rarely).
    A process that listens for changes (watch.py) asks the cache only after one."""
    listening = watch.of_cache()
    if listening is None:
        return read_generation()
    generation, ticket = listening.known()
    if generation is None:
        generation = read_generation()
        listening.learn(generation, ticket)
    return generation


def read_generation():
    """The generation in the cache, created when it has none (evicted, or the cache restarted)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        if watch.of_cache() is not None:
            bump()  # creates it, announced: every listening process drops what it knew
        else:
            cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# Where the page cache leaves, on a request it looked up, the generation it read, so that what
# the rendering keeps per generation (the menu) costs no second round trip.
REQUEST_GENERATION = "content_generation"


def generation_of(request):
    """The generation `request` is rendered under, or None when the cache cannot be reached
    (then nothing may be kept by generation)."""
    generation = getattr(request, REQUEST_GENERATION, None)
    if generation is not None:
        return generation
    try:
        generation = current_generation()
    except Exception as error:
        logger.error("The content generation could not be read: %r", error)
        return None
    setattr(
        request, REQUEST_GENERATION, generation
    )  # the next reader of this request's asks no one
    return generation


def bump():
    """Make every stored page stale. A cache that cannot be reached is logged, not raised: the
    edit has happened and must not fail for it."""
    try:
        listening = watch.of_cache()
        if listening is not None:  # every process listening hears of it at once
            cache.change_and_announce(GENERATION_KEY, new_generation(), watch.GENERATION_CHANNEL)
            listening.forget()
            return
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no counter yet: any new value makes every stored page stale
            cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception as error:
        # One line, not a traceback: an import with the cache down writes thousands of rows.
        logger.error("The page cache could not be invalidated; pages may be stale: %r", error)


def writes_content(sql):
    """Whether a statement may change what a page shows (an unknown shape of write counts)."""
    verb = sql.lstrip()[:6].upper()
    if not verb.startswith(WRITE_VERBS):
        return False
    match = WRITE.match(sql)
    return verb == "TRUNCA" or match is None or match[1] in content_tables()


def _bump_on_commit(connection):
    # Once per transaction, however many statements it writes.
    if not any(callback is bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(bump, using=connection.alias)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes_content(sql):
        bump()
        connection = context["connection"]
        if connection.in_atomic_block:
            _bump_on_commit(connection)
    return result


def watch_connection(sender, connection, **kwargs):
    """connection_created: install the watcher once on each connection object."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
