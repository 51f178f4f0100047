"""Each request has an id, in X-Request-ID and in its log lines; production logs JSON lines."""

import json
import logging
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError
from django.utils.log import AdminEmailHandler

from embassy.operations.logs import JsonFormatter, OncePerError
from tests.loopback import free_port
from tests.test_gunicorn_conf import gunicorn, production_env, stop, wait_for

pytestmark = pytest.mark.django_db


def test_every_answer_names_its_request(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_an_id_from_our_proxy_is_kept_and_a_strange_one_is_not(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="edge-1234abcd")["X-Request-ID"] == (
        "edge-1234abcd"
    )
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_the_json_formatter_writes_one_object_a_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "f.py", 1, 'a "quoted"\nline', (), None)
        record.exc_info = sys.exc_info()
    record.request_id = "abc"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == 'a "quoted"\nline'
    assert data["request_id"] == "abc" and data["level"] == "ERROR"
    assert "ValueError: broken" in data["exception"]


def test_production_logs_are_json_lines_with_the_request_id(tmp_path):
    port = free_port()
    server = gunicorn(production_env(VAR_DIR=str(tmp_path), LOG_LEVEL="INFO"), port, workers=1)
    try:
        wait_for(port, server)
        # A POST without a CSRF token: refused (403) and logged as a warning.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz",
            data=b"x=1",
            headers={"X-Request-ID": "trace-42abcdef"},
        )
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=20)
        assert answer.value.code == 403
    finally:
        stop(server)
    lines = [json.loads(line) for line in server.stderr_text.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line["request_id"] == "trace-42abcdef"]
    assert mine, server.stderr_text
    assert mine[0]["level"] == "WARNING" and "Forbidden" in mine[0]["message"]


def outage_errors(logger, count, text="connection to server at 127.0.0.1 refused"):
    for n in range(count):
        try:
            raise OperationalError(text)
        except OperationalError:
            logger.error("Internal Server Error: /page-%s/", n, exc_info=True)


@pytest.fixture
def mailed_errors(settings, mailoutbox):
    """A logger whose errors are mailed to ADMINS by Django's handler, through the filter the
    settings give it, and the outbox they land in."""
    settings.ADMINS = [("Duty officer", "duty@example.org")]
    filters = settings.LOGGING["handlers"]["mail_admins"]["filters"]
    assert "once_per_error" in filters
    handler = AdminEmailHandler()
    handler.addFilter(OncePerError(interval=0.5))
    logger = logging.getLogger("tests.outage")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, mailoutbox
    logger.removeHandler(handler)


def test_an_outage_sends_one_error_mail_not_one_per_visitor(mailed_errors):
    logger, outbox = mailed_errors
    outage_errors(logger, 40)
    assert len(outbox) == 1
    assert "connection to server at 127.0.0.1 refused" in outbox[0].body
    assert outbox[0].to == ["duty@example.org"]

    # Another kind of error is mailed at once; the same kind again once the interval is over.
    outage_errors(logger, 3, text="disk full")
    assert len(outbox) == 2
    time.sleep(0.6)
    outage_errors(logger, 5)
    assert len(outbox) == 3
