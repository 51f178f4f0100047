"""What every answer of the API shares: HEAD, ETags, a rate limit, reading only.

- CORS is django-cors-headers' middleware (settings.CORS_*): any origin may read; a preflight
  answers that only GET, HEAD and OPTIONS are allowed (nothing writes).
- ETag on every 200; a request whose If-None-Match names it gets 304 with no body.
- Each client (embassy.limits.client_address) may make API_RATE_LIMIT["requests"] requests per
  window of API_RATE_LIMIT["period"] seconds; past that it gets 429 with Retry-After, the
  seconds until the window ends. Reading harms nothing, so a cache that cannot be reached lets
  requests through rather than closing the API.
"""

import logging
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from embassy import limits

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOWED = ", ".join(READ_METHODS)


def over_limit(request):
    """A 429 answer when this client has asked too much in the current window, else None."""
    limit, period = settings.API_RATE_LIMIT["requests"], settings.API_RATE_LIMIT["period"]
    key = limits.window_key("api:client", limits.client_address(request), period)
    try:
        total = limits.add(key, 1, period)
    except Exception:
        logger.exception("The cache holding the API's rate limit failed; not counting")
        return None
    if total <= limit:
        return None
    wait = limits.seconds_left(period)
    response = JsonResponse(
        {
            "detail": f"Too many requests: at most {limit} every {period} seconds. "
            f"Try again in {wait} seconds."
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


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
        refusal = over_limit(request)
        if refusal is not None:
            return refusal
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
