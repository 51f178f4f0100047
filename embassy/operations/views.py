"""Health checks for load balancers, and the error page that knows a database outage."""

import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError, Error, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Seconds a client (or a proxy) should wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 30
READY_KEY = "operations:readyz"


@never_cache
@require_GET
def healthz(request):
    """The process is up and answering: no database, no cache, nothing that can be slow."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: the database and the cache answer. 503 names what does not."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable"}
    body.update({name: "ok" if good else "unavailable" for name, good in checks.items()})
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database_answers():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    try:
        cache.set(READY_KEY, "1", timeout=10)
        return cache.get(READY_KEY) == "1"
    except Exception:  # each cache backend has errors of its own (redis.ConnectionError...)
        return False


def server_error(request):
    """handler500: 503 with Retry-After when the database is what failed, else the 500 page.

    Rendered without a request context (context processors read the menu from the database)
    and from templates that query nothing, so it works with the database gone.
    """
    error = sys.exc_info()[1]
    # Error, not only DatabaseError: a connection that broke mid-request raises InterfaceError
    # ("connection already closed") at its next use, e.g. the session middleware's answer.
    if isinstance(error, Error):
        page = loader.get_template("503.html").render({"site_name": settings.SITE_NAME})
        response = HttpResponseServerError(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def bad_request(request, exception):
    """handler400: a page in the site's look saying what was wrong, 413 for a body too large.

    Django refuses a POST over DATA_UPLOAD_MAX_MEMORY_SIZE (files aside) or with more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS fields; the person who sent it should know which. Rendered
    like the 503 page, without the database.
    """
    status, reason = 400, "other"
    if isinstance(exception, RequestDataTooBig):
        status, reason = 413, "too_big"
    elif isinstance(exception, TooManyFieldsSent):
        reason = "too_many_fields"
    context = {
        "site_name": settings.SITE_NAME,
        "reason": reason,
        "limit_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024,
    }
    return HttpResponse(loader.get_template("400.html").render(context), status=status)
