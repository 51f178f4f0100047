"""What every answer of the API shares: HEAD, ETags, a rate limit, reading only.

- CORS is django-cors-headers' middleware (settings.CORS_*): any origin may read; a preflight
  answers that only GET, HEAD and OPTIONS are allowed (nothing writes).
- ETag on every 200; a request whose If-None-Match names it gets 304 with no body.
- Every error is JSON, {"detail": "..."}: 400, 404 (an unknown address under /api/ too), 405,
  422 (a parameter of the wrong type or out of its range), 429, 500, and 503 with Retry-After
  while the database is away, never the site's HTML pages.
- Addresses carry the version (/api/v1/...); the unversioned ones of before move there for
  good (308, the query kept).
- Each client (embassy.limits.client_address) may make API_RATE_LIMIT["requests"] requests
  per window of API_RATE_LIMIT["period"] seconds (ClientThrottle, a ninja throttle); past that
  it gets 429 with Retry-After, the seconds until the window ends.
"""

import logging
import math
import threading
from functools import wraps

from django.conf import settings
from django.core import signals
from django.core.cache import caches
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import URLPattern, URLResolver
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.log import log_response
from ninja.throttling import BaseThrottle

from embassy import limits
from embassy.operations.views import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOWED = ", ".join(READ_METHODS)


class ClientThrottle(BaseThrottle):
    """A ninja throttle (ninja checks it before each operation, answers 429 through the API's
    handler for Throttled and sets Retry-After from wait()): each client
    (embassy.limits.client_address) counted in fixed windows of API_RATE_LIMIT["period"]
    seconds, in the limits cache, with the cache's atomic incr.

    Not ninja's SimpleRateThrottle: it reads a client's request times and writes them back in
    two steps, and 8 threads of one client making 50 requests each all got through a limit of
    100 (Redis; measured). API_RATE_LIMIT is read on each request. Reading harms nothing, so a
    cache that cannot be reached lets requests through rather than closing the API.
    """

    def __init__(self):
        # wait() is asked without the request, and one throttle serves every request.
        self._this_request = threading.local()

    def allow_request(self, request):
        limit, period = settings.API_RATE_LIMIT["requests"], settings.API_RATE_LIMIT["period"]
        key = limits.window_key("api:client", limits.client_address(request), period)
        cache = caches[getattr(settings, "LIMITS_CACHE", "default")]
        try:
            cache.add(key, 0, timeout=period)
            try:
                total = cache.incr(key)
            except ValueError:  # the window ended between add() and incr()
                cache.add(key, 0, timeout=period)
                total = cache.incr(key)
        except Exception:
            logger.exception("The cache holding the API's rate limit failed; not counting")
            return True
        self._this_request.wait = limits.seconds_left(period)
        return total <= limit

    def wait(self):
        return self._this_request.wait


VERSION = "v1"
JSON = "application/json; charset=utf-8"  # as ninja's own answers say it


def problem(status, detail):
    """The API's answer to anything that went wrong: JSON saying what."""
    return JsonResponse({"detail": detail}, status=status, content_type=JSON)


def not_found(request, *args, **kwargs):
    """Any address under /api/ that names nothing: JSON, where the site would give a page."""
    return problem(404, f"No such address in the API. What there is: /api/{VERSION}/.")


def no_such_version(request, version, rest=""):
    return problem(404, f"The API has no version {version}; it is /api/{VERSION}/.")


def moved_to_current_version(request, rest):
    """An address of the API from before it had a version: the same under /api/v1/, for good.
    308, not 301: a client must ask again the same way (HEAD stays HEAD)."""
    mount = request.path[: len(request.path) - len(rest)]  # /api/, under any SCRIPT_NAME
    target = escape_uri_path(f"{mount}{VERSION}/{'' if rest == VERSION else rest}")
    if query := request.META.get("QUERY_STRING"):
        target += "?" + iri_to_uri(query)
    return HttpResponsePermanentRedirect(target, preserve_request=True)


def failed(request, exc, *, status, detail):
    # Logged and signalled as Django does for the error it handles itself (django.request,
    # got_request_exception: error tracking sees it), then answered as the API answers.
    response = problem(status, detail)
    signals.got_request_exception.send(sender=None, request=request)
    log_response(
        "%s: %s",
        response.reason_phrase,
        request.path,
        response=response,
        request=request,
        exception=exc,
    )
    return response


def database_unavailable(request, exc):
    response = failed(
        request,
        exc,
        status=503,
        detail=f"The database is unavailable. Try again in {RETRY_AFTER_SECONDS} seconds.",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request, exc):
    return failed(request, exc, status=500, detail="Something went wrong on our side.")


def too_many_requests(request, exc):
    """ninja's answer to a throttled request (it adds Retry-After), saying the limit."""
    limit, period = settings.API_RATE_LIMIT["requests"], settings.API_RATE_LIMIT["period"]
    wait = max(1, math.ceil(exc.wait or period))
    return problem(
        429,
        f"Too many requests: at most {limit} every {period} seconds. Try again in {wait} seconds.",
    )


def open_data(view):
    """Wrap one of the API's views with HEAD, ETags and reading only."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # Not a preflight (CorsMiddleware answered those): what may be done here.
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED
            return response
        if request.method not in READ_METHODS:
            response = problem(405, "The API is read-only.")
            response["Allow"] = ALLOWED
            return response
        if "\x00" in request.path or any("\x00" in value for value in request.GET.values()):
            # No database takes a NUL character in a string (PostgreSQL raises): say so.
            return problem(400, "Addresses may not contain a NUL character.")
        head = request.method == "HEAD"
        if head:
            # Answered as the GET it stands for, headers and all, without the body.
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                set_response_etag(response)
            patch_vary_headers(response, ["Accept-Encoding"])
            response = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
        if head:
            request.method = "HEAD"
            if response.streaming:
                response.streaming_content = iter(())  # Content-Length stays the file's
            else:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        # Out of the page cache (embassy.pagecache's no_page_cache): its invalidation knows the
        # site's pages, not the API's lists, and the rate limit must see every request.
        response.page_cache_exempt = True
        return response

    return answer


def open_data_urls(patterns):
    """The API's URL patterns, each view wrapped with open_data."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = open_data_urls(pattern.url_patterns)
            wrapped.append(pattern)
        else:
            wrapped.append(
                URLPattern(
                    pattern.pattern, open_data(pattern.callback), pattern.default_args, pattern.name
                )
            )
    return wrapped
