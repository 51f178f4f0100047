"""/healthz, /readyz, and a database outage: 503 with Retry-After, stored pages still served,
then recovery by itself.

The outage is real: gunicorn is pointed at a PostgreSQL port where nothing listens (the
machine's own PostgreSQL server is shared and never stopped). Then a relay starts on that port
towards the real server, and the same gunicorn process answers normally again.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import Error, InterfaceError, OperationalError, connection

from embassy.operations.views import server_error
from tests.loopback import free_port
from tests.test_gunicorn_conf import GUNICORN, ROOT

pytestmark = pytest.mark.django_db


def test_healthz_is_cheap_and_uncached(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_names_an_unreachable_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "embassy.redis_cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"
    assert response["Retry-After"] == "30"


def test_health_checks_are_left_to_robots_and_out_of_the_sitemap(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /healthz" in robots and "Disallow: /readyz" in robots
    assert b"healthz" not in client.get("/sitemap-pages.xml").content


class Relay:
    """A TCP relay on 127.0.0.1:`port` to `target`, started when asked: the database "returns"."""

    def __init__(self, port, target):
        self.port, self.target = port, target
        self.listener = socket.create_server(("127.0.0.1", port))
        self.running = True
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.running = False
        # A close alone does not wake the thread blocked in accept(): it would take one more.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()


def fetch(url):
    try:
        response = urllib.request.urlopen(url, timeout=20)
        return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until_answering(port, server, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read()}")
        try:
            return fetch(f"http://127.0.0.1:{port}/healthz")
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer")


def test_a_database_outage_answers_503_serves_stored_pages_and_recovers_by_itself(tmp_path):
    on_postgres = connection.vendor == "postgresql"
    db = connection.settings_dict
    db_port = free_port()  # nothing listens here: the database is "down"
    real_db = (db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432))
    name = db["NAME"] if on_postgres else "embassy"
    user = db.get("USER") or "postgres"
    web_port = free_port()
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{db_port}/{name}",
        "DATABASE_CONN_MAX_AGE": "0",
        "LOG_LEVEL": "CRITICAL",
        "PAGE_CACHE": "true",  # one worker, so its own memory is the shared cache
    }
    server = subprocess.Popen(
        [GUNICORN, "embassy.wsgi", "--bind", f"127.0.0.1:{web_port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    relay = None
    home = f"http://127.0.0.1:{web_port}/"
    try:
        status, _, body = wait_until_answering(web_port, server)
        assert status == 200 and json.loads(body) == {"status": "ok"}
        if on_postgres:
            # The database is up for one visit: the home page is rendered and stored.
            relay = Relay(db_port, real_db)
            assert fetch(home)[0] == 200
            relay.close()
            relay = None
        for path in ("/briefings/", "/search/?q=climate", "/sections/visas/"):
            status, headers, page = fetch(f"http://127.0.0.1:{web_port}{path}")
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert "The site is briefly unavailable" in page
            assert 'href="/static/css/site.css"' in page
        status, headers, body = fetch(f"http://127.0.0.1:{web_port}/readyz")
        assert status == 503 and json.loads(body)["database"] == "unavailable"

        if not on_postgres:
            pytest.skip(
                "serving stored pages through an outage and the recovery need PostgreSQL "
                "(DATABASE_URL=postgres://...): the 503 held"
            )
        # A page stored before the outage is still served, from the cache alone.
        status, headers, page = fetch(home)
        assert status == 200, page
        assert "The site is briefly unavailable" not in page
        assert "Content-Security-Policy" in headers

        relay = Relay(db_port, real_db)
        status, _, page = fetch(f"http://127.0.0.1:{web_port}/briefings/")
        assert status == 200, page
        assert "The site is briefly unavailable" not in page
        assert fetch(f"http://127.0.0.1:{web_port}/readyz")[0] == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
        if relay:
            relay.close()


def test_a_request_over_the_size_limit_gets_a_clear_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/admin/login/", {"q": "x" * 4096})
    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is too large" in page
    assert 'href="/static/css/site.css"' in page


def test_too_many_fields_get_a_clear_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post("/admin/login/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400
    assert "more fields than the site accepts" in response.content.decode()


@pytest.mark.parametrize("error", [InterfaceError("connection already closed"), OperationalError()])
def test_any_database_error_is_the_503_page(rf, error):
    try:
        raise error
    except Error:
        response = server_error(rf.get("/admin/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The site is briefly unavailable" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_staff_member_gets_the_503_page_when_the_connection_breaks(admin_client):
    if connection.vendor != "postgresql":
        pytest.skip("a connection that breaks mid-request is PostgreSQL's (DATABASE_URL=postgres)")
    assert admin_client.get("/admin/").status_code == 200
    admin_client.raise_request_exception = False
    # The server goes away under an open connection: each use now raises InterfaceError,
    # the view's and then the session middleware's on the way out.
    connection.ensure_connection()
    connection.connection.close()
    try:
        response = admin_client.get("/admin/")
    finally:
        connection.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The site is briefly unavailable" in response.content.decode()
