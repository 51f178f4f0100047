"""Talking HTTP to servers of ours on loopback, as a browser would: used by the two-server test
and by bench/cluster_bench.py. Plain urllib; cookies kept by hand, so that a Secure cookie
(production sets them) still goes back over plain loopback HTTP."""

import http.client
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def request(url, method="GET", body=None, headers=None, timeout=30):
    """(status, headers as a dict of lower-case names, body bytes); redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def start_gunicorn(port, env, workers=1, log=None, app="embassy.wsgi"):
    """gunicorn serving `app` (the site) on 127.0.0.1:port, in its own process group; returns
    it once it answers."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=log,
    )
    wait_until_up(f"http://127.0.0.1:{port}/robots.txt", process)
    return process


def wait_until_up(url, process=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            request(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start_redis(port, directory, *options):
    """redis-server on 127.0.0.1:port, nothing saved to disk (`options`: more of its command
    line, as "--maxmemory", "1mb"); returns the process once it answers."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            *options,
        ],
        cwd=directory,
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(200):
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("redis-server did not start")


class Browser:
    """One visitor or member of staff: their cookies, the origin their requests claim."""

    def __init__(self, base, secure=False, host=None):
        self.base = base.rstrip("/")
        self.cookies = {}
        self.extra = {"X-Forwarded-Proto": "https"} if secure else {}
        if host:  # the site's name, as a load balancer in front passes it to every server
            self.extra["Host"] = host
        # What a browser sends as Origin: the scheme and the host it asked for.
        origin_host = host or urllib.parse.urlsplit(self.base).netloc
        self.origin = f"{'https' if secure else 'http'}://{origin_host}"

    def _headers(self, headers=None):
        combined = {**self.extra, **(headers or {})}
        if self.cookies:
            combined["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return combined

    def _keep(self, headers_seen):
        for name, value in headers_seen:
            if name.lower() == "set-cookie":
                pair = value.split(";")[0]
                key, _, cookie = pair.partition("=")
                self.cookies[key.strip()] = cookie.strip()

    def get(self, path, headers=None):
        return self._send("GET", path, None, headers)

    def post(self, path, fields, headers=None):
        body = urllib.parse.urlencode(fields, doseq=True)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + path,
            **(headers or {}),
        }
        return self._send("POST", path, body, headers)

    def _send(self, method, path, body, headers):
        parts = urllib.parse.urlsplit(self.base + path)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(method, target, body=body, headers=self._headers(headers))
            response = connection.getresponse()
            raw = response.getheaders()
            self._keep(raw)
            return response.status, {k.lower(): v for k, v in raw}, response.read()
        finally:
            connection.close()

    def csrf_token(self, path):
        status, _, body = self.get(path)
        match = CSRF_INPUT.search(body.decode())
        if status != 200 or not match:
            raise RuntimeError(f"{path}: no form with a CSRF token (HTTP {status})")
        return match[1]

    def log_in(self, username, password):
        token = self.csrf_token("/admin/login/")
        status, headers, _ = self.post(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"admin login refused (HTTP {status})")

    def admin_action(self, changelist, action, pks):
        token = self.csrf_token(changelist)
        status, _, body = self.post(
            changelist,
            {
                "csrfmiddlewaretoken": token,
                "action": action,
                "_selected_action": [str(p) for p in pks],
            },
        )
        if status != 302:
            raise RuntimeError(f"{action} on {changelist}: HTTP {status}")
