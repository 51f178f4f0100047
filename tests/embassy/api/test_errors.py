"""Every error of the API is JSON (400, 404, 405, 422, 429, 500, 503), and the addresses from
before the version in the path move to /api/v1/ for good."""

import json
import os
import signal
import subprocess

import pytest
from django.db import connection
from django.test import Client

from tests.embassy.operations.test_views import fetch, wait_until_answering
from tests.loopback import free_port
from tests.test_gunicorn_conf import GUNICORN, ROOT

pytestmark = pytest.mark.django_db


def assert_problem(response, status, says):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing", "/api/v1/briefings/abc", "/api/v1/briefings/", "/api/v1/export/x.xml"],
)
def test_an_unknown_address_is_a_json_404(client, path):
    # Before: Django's HTML 404 page.
    assert_problem(client.get(path), 404, "No such address in the API. What there is: /api/v1/")


def test_an_unknown_id_is_a_json_404(client, make_briefing):
    make_briefing()
    assert_problem(client.get("/api/v1/briefings/999999"), 404, "No published briefing")
    assert_problem(client.get("/api/v1/topics/nothing"), 404, "No topic with the slug")


def test_an_unknown_version_says_which_there_is(client):
    assert_problem(client.get("/api/v2/briefings"), 404, "no version v2; it is /api/v1/")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/api/", "/api/v1/"),
        ("/api/v1", "/api/v1/"),
        ("/api/briefings", "/api/v1/briefings"),
        ("/api/briefings?page=2&page_size=5", "/api/v1/briefings?page=2&page_size=5"),
        ("/api/exchanges?q=%E5%A4%96%E4%BA%A4", "/api/v1/exchanges?q=%E5%A4%96%E4%BA%A4"),
        ("/api/briefings/7", "/api/v1/briefings/7"),
        ("/api/export/briefings.csv", "/api/v1/export/briefings.csv"),
        ("/api/openapi.json", "/api/v1/openapi.json"),
        ("/api/docs", "/api/v1/docs"),
    ],
)
def test_the_old_addresses_move_for_good_with_their_query(client, old, new):
    response = client.get(old)
    assert response.status_code == 308  # permanent, and HEAD stays HEAD
    assert response["Location"] == new
    assert client.head(old)["Location"] == new


def test_an_old_address_leads_to_the_same_answer(client, make_briefing):
    briefing = make_briefing(exchanges=2)
    response = client.get(f"/api/briefings/{briefing.pk}", follow=True)
    assert response.redirect_chain == [(f"/api/v1/briefings/{briefing.pk}", 308)]
    assert response.json()["title"] == briefing.title
    # A page elsewhere that fetches the old address may follow the redirect: it carries CORS.
    moved = client.get("/api/briefings", headers={"Origin": "https://elsewhere.example"})
    assert moved["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_a_json_405(client, method):
    response = getattr(client, method)("/api/v1/briefings")
    assert_problem(response, 405, "The API is read-only.")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("page", ["x", "0", "99999999999999999999"])
def test_a_page_of_the_wrong_type_or_out_of_range_is_a_json_422(client, page):
    # A page of 10**20 overflowed the database's offset: a 503 as if the database were away.
    response = client.get("/api/v1/briefings", {"page": page})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page"]
    assert client.get("/api/v1/briefings", {"page": 1000}).status_code == 404


def test_a_failure_on_our_side_is_a_json_500_and_logged(settings, tmp_path, caplog):
    # A real fault: the folder for the bulk files is a file, so they cannot be written.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.OPEN_DATA_EXPORT_DIR = blocker / "export"
    response = Client(raise_request_exception=False).get("/api/v1/export/briefings.csv")
    assert_problem(response, 500, "Something went wrong on our side.")
    assert "Internal Server Error: /api/v1/export/briefings.csv" in caplog.text


def test_a_database_outage_is_a_json_503_with_retry_after(tmp_path):
    # Before: the site's HTML 503 page. The outage is real: gunicorn is pointed at a
    # PostgreSQL port where nothing listens, as in tests/embassy/operations/test_views.py.
    db = connection.settings_dict
    name = db["NAME"] if connection.vendor == "postgresql" else "embassy"
    web_port = free_port()
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{db.get('USER') or 'postgres'}@127.0.0.1:{free_port()}/{name}",
        "DATABASE_CONN_MAX_AGE": "0",
        "LOG_LEVEL": "CRITICAL",
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
    try:
        wait_until_answering(web_port, server)
        for path in ("/api/v1/briefings", "/api/v1/briefings/1", "/api/v1/exchanges?q=trade"):
            status, headers, body = fetch(f"http://127.0.0.1:{web_port}{path}")
            assert status == 503, (path, body)
            assert headers["Retry-After"] == "30"
            assert headers["Content-Type"] == "application/json; charset=utf-8"
            assert json.loads(body) == {
                "detail": "The database is unavailable. Try again in 30 seconds."
            }
        # What needs no database still answers.
        status, headers, body = fetch(f"http://127.0.0.1:{web_port}/api/v1/nothing")
        assert status == 404 and headers["Content-Type"] == "application/json; charset=utf-8"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
