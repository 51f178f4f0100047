"""One id per request, in the response's X-Request-ID and in every log line the request writes;
and log lines as JSON objects in production, one a line, for whatever collects them.

A request id sent by our own proxy (X-Request-ID, letters, digits and dashes, at most 64) is
kept, so the proxy's log and ours name the same request; otherwise a new one is made.
"""

import contextvars
import datetime
import json
import logging
import re
import threading
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_META = "HTTP_X_REQUEST_ID"
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
current_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # From META: request.headers would build a mapping of every header for this one.
        given = request.META.get(REQUEST_ID_META, "")
        request_id = given if _ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request being served ("-" outside requests)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time (UTC), level, logger, message, request id, and the
    exception's traceback when there is one."""

    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class OncePerError(logging.Filter):
    """Lets one record of each kind of error through per `interval` seconds (the error mail).

    During a database outage every request fails the same way: without this, each would send
    its own mail, hundreds a minute, slowing the answers it delays and burying the first mail.
    A kind is the exception's class and text (or the message when there is no exception). Kept
    in the process's memory, not in the cache, which may be what failed: each server process
    sends at most one mail of a kind per interval.
    """

    def __init__(self, interval=600):
        super().__init__()
        self.interval = interval
        self.last_sent = {}
        self.lock = threading.Lock()

    def filter(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            kind = (type(error).__qualname__, str(error)[:500])
        else:
            kind = (record.name, str(record.msg)[:500])
        now = time.monotonic()
        with self.lock:
            last = self.last_sent.get(kind)
            if last is not None and now - last < self.interval:
                return False
            if len(self.last_sent) > 1000:  # a flood of distinct errors must not fill memory
                self.last_sent.clear()
            self.last_sent[kind] = now
        return True
