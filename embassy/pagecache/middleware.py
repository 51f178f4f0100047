"""The page cache in the request cycle: serve, store, revalidate, compress, label.

It stands outermost (but for the request id), so that a stored page is answered before any
other middleware runs: a hit reads the cache once and never the database (pages keep being
served while the database is down). A page is stored as the whole stack sent it, security
headers and policy included, so a hit carries them too.

A request is *shared* when it may be answered from the cache: GET or HEAD, without a session or
message cookie and without Authorization (staff, and anyone whose page could differ, pass by).
Its response is stored when it is a 200 with nothing personal: no cookie set (a CSRF token sets
one), no Cache-Control forbidding it (previews say private), no Vary on anything but the
address, and the view did not opt out (`no_page_cache`).

A request with a query string is looked up once its view is known (process_view): only the
parameters that view reads are kept, written one way, so every other string is answered from
the one stored copy of the page (parameters.py). A view that says nothing is not stored then.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from embassy.core import generation
from embassy.operations.logs import REQUEST_ID_HEADER

from . import compression, parameters, policy, store

SAFE_METHODS = ("GET", "HEAD")
CONDITIONAL_REQUEST_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# What a 304 repeats of the stored page's headers (RFC 9110 15.4.5; its validators and
# Cache-Control are set for each answer).
NOT_MODIFIED_REPEATS = frozenset({"Vary", "Content-Location", "Expires"})
# Response headers not kept with a stored page: set again for each answer.
NOT_STORED_HEADERS = frozenset(
    {
        "content-length",
        "content-encoding",
        "etag",
        "last-modified",
        "cache-control",
        "date",
        REQUEST_ID_HEADER.lower(),
    }
)


def no_page_cache(view):
    """Keep a view's responses out of the page cache (the search page: every query is its own
    address). They are still labelled public and compressed."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_exempt = True
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    wrapped.page_cache_exempt = True  # its query string is its own: nothing taken out
    return wrapped


def shared_key(request):
    """The page key of a request the cache may answer, or None."""
    if not settings.PAGE_CACHE or request.method not in SAFE_METHODS:
        return None
    if request.path_info.startswith(settings.STATIC_URL):
        return None  # WhiteNoise's files, which carry their own validators
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the rest of the stack answers it (400)
    return store.page_key(request.scheme, host, request.get_full_path())


def carries_secret(request, response):
    """A response for one visitor only: a cookie set (a CSRF token sets one), a user logged
    in. Never shared, never compressed (BREACH)."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def etag_of(body):
    # Weak: the same page is sent in several codings, each with these validators.
    return f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def public_cache_control(seconds_left=None):
    return policy.public(
        settings.PAGE_CACHE_BROWSER_SECONDS,
        settings.PAGE_CACHE_CDN_SECONDS,
        settings.PAGE_CACHE_STALE_SECONDS,
        seconds_left,
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = shared_key(request)
        lookup = None
        if key is not None and request.META.get("QUERY_STRING"):
            request.page_cache_deferred = True  # looked up once the view is known
        elif key is not None:
            lookup = self.look_up(request, key)
            if lookup is not None and lookup.page is not None:
                return self.answer(request, lookup.page, time.time())
        response = self.get_response(request)
        if getattr(response, "page_cache_answer", False):
            return response
        lookup = lookup or getattr(request, "page_cache_lookup", None)
        if key is None or carries_secret(request, response):
            if not policy.forbids_sharing(response.get("Cache-Control")):
                response["Cache-Control"] = policy.PRIVATE
            return response
        return self.shared_response(request, response, lookup)

    def look_up(self, request, key):
        scope = generation.scope_of(request)
        if scope is None:  # no mission: nothing is stored (embassy/missions/middleware.py)
            return None
        lookup = store.look_up(key, scope, time.time(), request)
        if lookup is not None and lookup.generation is not None:
            # What the rendering keeps per generation costs no second round trip.
            generations = request.__dict__.setdefault(generation.REQUEST_GENERATIONS, {})
            generations[lookup.scope] = lookup.generation
        return lookup

    def process_view(self, request, view, view_args, view_kwargs):
        """A shared request with a query string: keep what its view reads, and answer from
        the page stored for that if there is one."""
        if not getattr(request, "page_cache_deferred", False):
            return None
        if getattr(view, "page_cache_exempt", False):
            return None
        declared = parameters.declared_by(view)
        if declared is None:
            return None  # rendered as asked, not stored (no lookup)
        parameters.keep_only_declared(request, declared)
        key = store.page_key(request.scheme, request.get_host(), request.get_full_path())
        lookup = request.page_cache_lookup = self.look_up(request, key)
        if lookup is None or lookup.page is None:
            return None
        response = self.answer(request, lookup.page, time.time())
        response.page_cache_answer = True
        return response

    def shared_response(self, request, response, lookup):
        """A response to a shared request that carries no secret: stored if it may be, public,
        compressed."""
        if response.streaming or policy.forbids_sharing(response.get("Cache-Control")):
            return response
        storable = (
            lookup is not None
            and response.status_code == 200
            and request.method == "GET"
            and not getattr(response, "page_cache_exempt", False)
            and policy.vary_is_shareable(response.get("Vary"))
        )
        if storable:
            page = self.stored_page(response, lookup)
            if page is not None:
                return self.answer(request, page, time.time())
        if response.status_code == 200:
            response["Cache-Control"] = public_cache_control()
        elif not response.has_header("Cache-Control"):
            # A 404 (a draft not yet public) or a redirect: some CDNs keep such answers for
            # minutes unless told; they are for now only.
            response["Cache-Control"] = policy.NOT_KEPT
        self.compress(request, response)
        return response

    def stored_page(self, response, lookup):
        now = time.time()
        rendered_under = store.generation_for(lookup)
        expires = store.expiry(rendered_under, lookup.scope, now)
        if expires <= now:
            return None
        body = response.content
        etag = response.get("ETag") or etag_of(body)
        # Ours, not the view's (a feed dates itself by its newest item, which a renamed
        # spokesperson does not change): the page's bytes changed or they did not.
        last_modified = int(now)
        stale = lookup.stale
        if stale is not None and stale.etag == etag:
            last_modified = stale.last_modified  # the same page as before the edit
        elif stale is not None:
            # A second HTTP date can't tell two versions of one second apart.
            last_modified = max(last_modified, stale.last_modified + 1)
        compressible = compression.is_compressible(response.get("Content-Type"), len(body))
        if compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in NOT_STORED_HEADERS
        ]
        bodies = {compression.IDENTITY: body}
        if compressible:
            for coding in compression.PREFERENCE:
                bodies[coding] = compression.compress(body, coding, compression.STORED_LEVELS)
        page = store.StoredPage(rendered_under, expires, etag, last_modified, headers, bodies)
        store.save(lookup, page)
        return page

    def answer(self, request, page, now):
        """A stored page, in the coding the client takes, or 304 if its copy is current."""
        validators = {
            "ETag": page.etag,
            "Last-Modified": http_date(page.last_modified),
            "Cache-Control": public_cache_control(int(page.expires - now)),
        }
        if any(header in request.META for header in CONDITIONAL_REQUEST_HEADERS):
            # Decided before the page is copied into a response, and answered with the one
            # response Django makes for it: a 304 costs less than a 200.
            conditional = get_conditional_response(
                request, etag=page.etag, last_modified=page.last_modified
            )
            if conditional is not None:
                if conditional.status_code == 304:
                    for name, value in page.headers:
                        if name in NOT_MODIFIED_REPEATS:
                            conditional[name] = value
                    for name, value in validators.items():
                        conditional[name] = value
                return conditional
        coding = compression.choose(request.META.get("HTTP_ACCEPT_ENCODING"), page.bodies)
        body = page.bodies[coding]
        response = HttpResponse(body)
        for name, value in page.headers:
            response[name] = value
        if coding != compression.IDENTITY:
            response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(body))
        for name, value in validators.items():
            response[name] = value
        return response

    def compress(self, request, response):
        """A public response that is not stored, compressed on the way (no secret in it)."""
        if response.status_code == 304 or response.has_header("Content-Encoding"):
            return
        if not compression.is_compressible(response.get("Content-Type"), len(response.content)):
            return
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = compression.choose(
            request.META.get("HTTP_ACCEPT_ENCODING"), compression.PREFERENCE
        )
        if coding == compression.IDENTITY:
            return
        response.content = compression.compress(response.content, coding)
        response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(response.content))
        if response.has_header("ETag"):  # the compressed bytes are not the ones it names
            response["ETag"] = "W/" + response["ETag"].removeprefix("W/")
