"""What every answer of the API shares: HEAD, ETags, a rate limit, reading only.

- CORS is django-cors-headers' middleware (settings.CORS_*): any origin may read; a preflight
  answers that only GET, HEAD and OPTIONS are allowed (nothing writes).
- ETag on every 200; a request whose If-None-Match names it gets 304 with no body.
- Each client (embassy.limits.client_address) may make API_RATE_LIMIT["requests"] requests in
  any API_RATE_LIMIT["period"] seconds (ninja's throttle, ClientThrottle); past that it gets
  429 with Retry-After, the seconds until its oldest counted request leaves the window.
"""

import logging
import math
import threading
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from ninja.throttling import SimpleRateThrottle

from embassy import limits

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOWED = ", ".join(READ_METHODS)


class PerThread:
    """An attribute kept per thread. ninja's SimpleRateThrottle keeps the request's key,
    history and time on the throttle, and one throttle serves every request of the API."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, throttle, owner=None):
        if throttle is None:
            return self
        return getattr(throttle._this_request, self.name)

    def __set__(self, throttle, value):
        setattr(throttle._this_request, self.name, value)


class ClientThrottle(SimpleRateThrottle):
    """ninja's rate throttle (each client's request times over the last `period` seconds),
    counting embassy.limits.client_address under a hashed key in the limits cache.

    API_RATE_LIMIT is read on each request. Reading harms nothing, so a cache that cannot be
    reached lets requests through rather than closing the API. ninja reads the history and
    writes it back in two steps: requests of one client arriving at the same instant may be
    counted once between them (a limit on reading, not a lock).
    """

    key = PerThread()
    history = PerThread()
    now = PerThread()

    def __init__(self):
        self._this_request = threading.local()

    @property
    def cache(self):
        return caches[getattr(settings, "LIMITS_CACHE", "default")]

    @property
    def num_requests(self):
        return settings.API_RATE_LIMIT["requests"]

    @property
    def duration(self):
        return settings.API_RATE_LIMIT["period"]

    def get_cache_key(self, request):
        return limits.key("api:client", limits.client_address(request))

    def allow_request(self, request):
        try:
            return super().allow_request(request)
        except Exception:
            logger.exception("The cache holding the API's rate limit failed; not counting")
            return True


def too_many_requests(request, exc):
    """ninja's answer to a throttled request (it adds Retry-After), saying the limit."""
    limit, period = settings.API_RATE_LIMIT["requests"], settings.API_RATE_LIMIT["period"]
    wait = max(1, math.ceil(exc.wait or period))
    return JsonResponse(
        {
            "detail": f"Too many requests: at most {limit} every {period} seconds. "
            f"Try again in {wait} seconds."
        },
        status=429,
    )


def open_data(view):
    """Wrap one of the API's views with HEAD, ETags, the rate limit, reading only."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # Not a preflight (CorsMiddleware answered those): what may be done here.
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED
            return response
        if request.method not in READ_METHODS:
            response = JsonResponse({"detail": "The API is read-only."}, status=405)
            response["Allow"] = ALLOWED
            return response
        if "\x00" in request.path or any("\x00" in value for value in request.GET.values()):
            # No database takes a NUL character in a string (PostgreSQL raises): say so.
            refusal = JsonResponse(
                {"detail": "Addresses may not contain a NUL character."}, status=400
            )
            return refusal
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
