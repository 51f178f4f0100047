"""gunicorn in production mode: several workers need a shared cache; no version in Server."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.embassy.test_settings import GOOD_KEY
from tests.loopback import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "REDIS_URL"}}
    return {
        **env,
        "DJANGO_ENV": "production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def gunicorn(env, port, workers):
    return subprocess.Popen(
        [GUNICORN, "embassy.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(port, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read()}")
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer")


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    _, server.stderr_text = server.communicate(timeout=30)


def test_several_workers_without_a_shared_cache_refuse_to_start():
    server = gunicorn(production_env(), free_port(), workers=3)
    _, err = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "Refusing to start 3 workers in production without CACHE_URL" in err


def test_one_worker_starts_and_its_server_header_has_no_version(tmp_path):
    port = free_port()
    server = gunicorn(production_env(VAR_DIR=str(tmp_path)), port, workers=1)
    try:
        response = wait_for(port, server)
        assert response.headers["Server"] == "gunicorn"
    finally:
        stop(server)


def test_several_workers_with_a_shared_cache_start(tmp_path):
    # Refusal happens before any connection to the cache: a redis URL is enough to start.
    port = free_port()
    env = production_env(VAR_DIR=str(tmp_path), CACHE_URL=f"redis://127.0.0.1:{free_port()}/0")
    server = gunicorn(env, port, workers=2)
    try:
        assert wait_for(port, server).status == 200
    finally:
        stop(server)


def forwarded_request(port):
    """A local client posing as the proxy: "this came over HTTPS, under /outside"."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/outside/robots.txt",
        headers={"X-Forwarded-Proto": "https", "SCRIPT_NAME": "/outside"},
    )
    opener = urllib.request.build_opener(NoRedirects)
    try:
        return opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("trusted", ["", "192.0.2.10"])
def test_no_client_but_the_named_proxy_says_what_the_request_was(tmp_path, trusted):
    port = free_port()
    env = production_env(VAR_DIR=str(tmp_path), SECURE_SSL_REDIRECT="true")
    env.pop("FORWARDED_ALLOW_IPS", None)
    if trusted:
        env["FORWARDED_ALLOW_IPS"] = trusted
    server = gunicorn(env, port, workers=1)
    try:
        wait_for_any_answer(port, server)
        response = forwarded_request(port)
        # Not taken as HTTPS (redirected there) and no /outside prefix taken off the path.
        assert response.status == 301
        assert response.headers["Location"] == f"https://127.0.0.1:{port}/outside/robots.txt"
    finally:
        stop(server)


def test_the_named_proxy_is_believed(tmp_path):
    port = free_port()
    env = production_env(
        VAR_DIR=str(tmp_path), SECURE_SSL_REDIRECT="true", FORWARDED_ALLOW_IPS="127.0.0.1"
    )
    server = gunicorn(env, port, workers=1)
    try:
        wait_for_any_answer(port, server)
        response = forwarded_request(port)
        assert response.status == 200
        assert f"Sitemap: https://127.0.0.1:{port}/outside/sitemap.xml" in response.read().decode()
    finally:
        stop(server)


def wait_for_any_answer(port, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read()}")
        try:
            urllib.request.build_opener(NoRedirects).open(
                f"http://127.0.0.1:{port}/healthz", timeout=5
            )
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer")
