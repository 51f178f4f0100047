"""Exact invalidation: one generation per scope, changed by every write to registered content.

Why a counter per scope rather than keys per object: a page shows many objects (the menu on
every page, a briefing's neighbours, an outlet's questions, topic lists, feeds, the sitemap), so
knowing which pages an edit touches means knowing every template's reads. Edits are rare next to
reads: when one happens, every page of its scope is rendered once more, and the first visitor of
each pays for it. That is the trade: exactness without bookkeeping. The scope bounds it: today
the whole site is one scope (content.SITE); a mission's own rows will be their own.

Why writes are watched in SQL rather than through post_save/post_delete/m2m_changed: signals
miss `QuerySet.update()`, `bulk_create()` (the transcript importer uses it), `delete()` of a
queryset's raw fast path and raw SQL. Every one of those goes through the connection's execute
wrappers, so an INSERT, UPDATE, DELETE or TRUNCATE of a registered table (content.py), whoever
issues it, changes the generation of its scopes. A write to any other table changes nothing.

When: at once (so that the same process, a test in its transaction included, sees the change),
and again when the transaction commits. A visitor who rendered the page between the write and
the commit read the old rows and stored them under the generation of the first bump; the second
makes that copy stale.
"""

import contextlib
import contextvars
import logging
import re
import secrets

from django.core.cache import cache
from django.db import transaction

from . import content, watch

logger = logging.getLogger(__name__)

GENERATION_PREFIX = "content:generation:"

WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+[`"]?(\w+)',
    re.IGNORECASE,
)
TRUNCATED_TABLES = re.compile(r'[`"]?(\w+)[`"]?')
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "TRUNCA")


def key_of(scope):
    """The cache key holding the generation of `scope`."""
    return GENERATION_PREFIX + scope


def new_generation():
    # Random, not 1: if the cache loses the counter (eviction, restart), a counter started
    # again at 1 could meet pages stored under an old 1.
    return secrets.randbits(60)


def parts_of(scope):
    """The scopes whose generations make up `scope`'s: a mission's pages show its own rows and
    what every mission shows, so either one's change makes them stale."""
    return (scope,) if scope == content.SITE else (scope, content.SITE)


def joined(generations):
    """One generation from its parts' (None when one is unknown)."""
    if None in generations:
        return None
    return generations[0] if len(generations) == 1 else tuple(generations)


def current(scope=content.SITE, request=None):
    """The generation of `scope` now (of each of its parts, parts_of), as `request` sees it
    when it is given (known_part)."""
    return joined(tuple(_current_part(part, request) for part in parts_of(scope)))


def _current_part(scope, request):
    """The generation of one scope now, creating it when the cache has none (one more round
    trip, rarely). A process that listens for changes (watch.py) asks the cache only after one."""
    listening = watch.of_cache()
    if listening is None:
        return read(scope)
    generation, ticket = known_part(scope, request)
    if generation is None:
        generation = read(scope)
        listening.learn(scope, generation, ticket)
    return generation


def known_part(scope, request=None):
    """(the generation of one scope as this listening process knows it, or None: ask the
    cache; the ticket to learn what the cache says with). A request's looks after its first
    are of the same moment: the subscription is polled once a request (REQUEST_TICKET)."""
    listening = watch.of_cache()
    if listening is None:
        return None, None
    if request is None:
        return listening.known(scope)
    generation, ticket = listening.known(scope, since=request.__dict__.get(REQUEST_TICKET))
    request.__dict__[REQUEST_TICKET] = ticket
    return generation, ticket


def current_or_none(scope=content.SITE):
    """The generation of `scope` now, or None when the cache cannot be reached (then nothing
    may be kept by generation): for work outside a request (mail, commands)."""
    try:
        return current(scope)
    except Exception as error:
        logger.error("The content generation could not be read: %r", error)
        return None


def read(scope=content.SITE):
    """The generation in the cache, created when it has none (evicted, or the cache restarted)."""
    key = key_of(scope)
    generation = cache.get(key)
    if generation is None:
        if watch.of_cache() is not None:
            bump(scope)  # creates it, announced: every listening process drops what it knew
        else:
            cache.add(key, new_generation(), timeout=None)
        generation = cache.get(key)
    return generation


# Where a request keeps the generations it was rendered under, by scope: read once per request
# (the page cache's lookup leaves the one it read), so that each memo costs no round trip.
REQUEST_GENERATIONS = "content_generations"
# Where a request keeps the ticket of its first look at the process's generations (watch.py).
REQUEST_TICKET = "content_watch_ticket"
# The scope a request's pages are rendered under: its mission's (embassy/missions/middleware.py).
REQUEST_SCOPE = "content_scope"


def scope_of(request):
    """The scope `request` is rendered under: its mission's; None for a request that did not
    come through the missions' middleware (a request factory's, a health check's), for which
    nothing is kept, since no scope's generation says when it would be stale."""
    return getattr(request, REQUEST_SCOPE, None)


def of_request(request, scope=None):
    """The generation `request` is rendered under (of its own scope unless told another), or
    None when nothing may be kept by generation: the cache cannot be reached, or the request
    has no scope."""
    if scope is None:
        scope = scope_of(request)
        if scope is None:
            return None
    known = request.__dict__.setdefault(REQUEST_GENERATIONS, {})
    generation = known.get(scope)
    if generation is not None:
        return generation
    try:
        generation = current(scope, request)
    except Exception as error:
        logger.error("The content generation could not be read: %r", error)
        return None
    known[scope] = generation
    return generation


def bump(*scopes):
    """Make everything kept for `scopes` (every scope of the site by default) stale. A cache
    that cannot be reached is logged, not raised: the edit has happened and must not fail."""
    for scope in scopes or (content.SITE,):
        key = key_of(scope)
        try:
            listening = watch.of_cache()
            if listening is not None:  # every process listening hears of it at once
                cache.change_and_announce(key, new_generation(), watch.GENERATION_CHANNEL)
                listening.forget()
                continue
            try:
                cache.incr(key)
            except ValueError:  # no counter yet: any new value makes every stored page stale
                cache.set(key, new_generation(), timeout=None)
        except Exception as error:
            # One line, not a traceback: an import with the cache down writes thousands of rows.
            logger.error("Kept pages could not be invalidated; pages may be stale: %r", error)


# The rows being written now and their scopes (rows_written): a statement that writes their
# tables changes those scopes alone.
_rows_written = contextvars.ContextVar("rows_written", default=None)


@contextlib.contextmanager
def rows_written(tables, scopes):
    """Within the block, a write to `tables` changes `scopes` only (a model's save or delete of
    one row that knows its mission, content.ScopedRows); any other write counts as usual."""
    token = _rows_written.set((frozenset(tables), tuple(scopes)))
    try:
        yield
    finally:
        _rows_written.reset(token)


def scopes_written(sql):
    """The scopes a statement may change: none for a read or a write of unregistered tables.
    A write of a shape not understood counts as a write of everything."""
    verb = sql.lstrip()[:6].upper()
    if not verb.startswith(WRITE_VERBS):
        return ()
    if verb == "TRUNCA":
        listed = sql.lstrip()[8:].upper().removeprefix(" TABLE")
        tables = TRUNCATED_TABLES.findall(listed.split(" RESTART")[0].split(" CASCADE")[0])
        if not tables:
            return (content.SITE,)
        return tuple({s for table in tables for s in content.scopes_of_table(table.lower())})
    match = WRITE.match(sql)
    if match is None:
        return (content.SITE,)
    table = match[1]
    declared = _rows_written.get()
    if declared is not None and table in declared[0] and content.is_content_table(table):
        return declared[1]
    return content.scopes_of_table(table)


class BumpOnCommit:
    """The scopes a transaction wrote, bumped once more when it commits (one callback however
    many statements it runs)."""

    def __init__(self):
        self.scopes = set()

    def __call__(self):
        bump(*self.scopes)


def _bump_on_commit(connection, scopes):
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, BumpOnCommit):
            callback.scopes.update(scopes)
            return
    callback = BumpOnCommit()
    callback.scopes.update(scopes)
    transaction.on_commit(callback, using=connection.alias)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    scopes = scopes_written(sql)
    if scopes:
        bump(*scopes)
        connection = context["connection"]
        if connection.in_atomic_block:
            _bump_on_commit(connection, scopes)
    return result


def watch_connection(sender, connection, **kwargs):
    """connection_created: install the watcher once on each connection object."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
