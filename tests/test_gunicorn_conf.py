"""gunicorn in production mode: several workers need a shared cache; no version in Server."""

import os
import signal
import subprocess
import sys
import time
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
