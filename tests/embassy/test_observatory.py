"""What Mozilla's HTTP Observatory grades, checked on the production site so an A+ cannot slip.

The site runs as in production (DJANGO_ENV=production, gunicorn, one worker; static files from
their folders rather than collected, tests/observatory_settings.py) behind a pretend
TLS proxy: gunicorn believes X-Forwarded-Proto from 127.0.0.1 (FORWARDED_ALLOW_IPS), as it
would from nginx. Each Observatory test is a rule below, with the one that scored it (the
README's A+, 125 on the home page, 130 on the sign-in page): CSP with no unsafe source and
frame-ancestors, HSTS of at least six months, nosniff, a referrer policy that keeps paths to
the site, cookies Secure, HttpOnly where a script has no business and SameSite, redirection
to HTTPS first, no CORS for pages, Cross-Origin-Resource-Policy, no outside script (SRI).
"""

import http.client
import os
import re
import signal
import subprocess
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.embassy.test_settings import run_manage
from tests.loopback import free_port
from tests.test_gunicorn_conf import GUNICORN, ROOT, production_env, stop

HOST = "127.0.0.1"
SIX_MONTHS = 15_768_000
OUTSIDE_ORIGIN = "https://elsewhere.example"
REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"}
# Cookies a script may read: Django's CSRF token, which its own forms and the admin's JavaScript
# send back (Observatory asks HttpOnly of session cookies only).
SCRIPT_READABLE_COOKIES = {"csrftoken"}


def policy(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


def csp_faults(header):
    if not header:
        return ["no Content-Security-Policy"]
    directives = policy(header)
    faults = []
    default = directives.get("default-src")
    if default not in ({"'none'"}, {"'self'"}):
        faults.append(f"default-src is {default}, not 'none' or 'self'")
    for name in ("script-src", "object-src", "default-src"):
        sources = directives.get(name, default or set())
        if sources & UNSAFE_SOURCES:
            faults.append(f"{name} allows {sorted(sources & UNSAFE_SOURCES)}")
    if directives.get("object-src", default) not in ({"'none'"}, {"'self'"}):
        faults.append("object-src is not restricted")
    for name in ("frame-ancestors", "base-uri", "form-action"):
        if name not in directives:
            faults.append(f"no {name}")
    if directives.get("frame-ancestors") not in ({"'none'"}, {"'self'"}):
        faults.append("frame-ancestors lets other sites frame the page")
    if "style-src" in directives and "'unsafe-inline'" in directives["style-src"]:
        faults.append("style-src allows 'unsafe-inline'")
    return faults


def hsts_faults(header):
    match = re.search(r"max-age=(\d+)", header or "")
    if not match:
        return ["no Strict-Transport-Security"]
    if int(match.group(1)) < SIX_MONTHS:
        return [f"HSTS max-age {match.group(1)} is under six months"]
    return []


def cookie_faults(set_cookies):
    faults = []
    for line in set_cookies:
        jar = SimpleCookie()
        jar.load(line)
        for name, morsel in jar.items():
            flags = line.lower()
            if not morsel["secure"]:
                faults.append(f"cookie {name} is not Secure")
            if "samesite=" not in flags:
                faults.append(f"cookie {name} has no SameSite")
            if name not in SCRIPT_READABLE_COOKIES and not morsel["httponly"]:
                faults.append(f"cookie {name} is not HttpOnly")
    return faults


def page_faults(response, body):
    headers = response.headers
    faults = csp_faults(headers.get("Content-Security-Policy"))
    faults += hsts_faults(headers.get("Strict-Transport-Security"))
    if headers.get("X-Content-Type-Options") != "nosniff":
        faults.append("no X-Content-Type-Options: nosniff")
    if headers.get("X-Frame-Options") not in {"DENY", "SAMEORIGIN"}:
        faults.append("no X-Frame-Options")
    referrer = {p.strip() for p in (headers.get("Referrer-Policy") or "").split(",")}
    if not referrer & REFERRER_POLICIES:
        faults.append(f"Referrer-Policy {headers.get('Referrer-Policy')!r} leaks paths")
    # Public files open to every origin ("*") pass; an origin echoed back, or credentials, not.
    allowed = headers.get("Access-Control-Allow-Origin")
    if allowed == OUTSIDE_ORIGIN or (allowed and headers.get("Access-Control-Allow-Credentials")):
        faults.append(f"readable with credentials or by {OUTSIDE_ORIGIN} (CORS)")
    if headers.get("Cross-Origin-Resource-Policy") != "same-origin":
        faults.append("no Cross-Origin-Resource-Policy: same-origin")
    faults += cookie_faults(headers.get_all("Set-Cookie") or [])
    for src in re.findall(rb'<script[^>]+src="([^"]+)"', body):
        if re.match(rb"(https?:)?//", src):
            faults.append(f"an outside script {src.decode()}")
    return faults


class Site:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, https=True, headers=None, body=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=20)
        sent = {
            "Host": HOST,
            **({"X-Forwarded-Proto": "https"} if https else {}),
            **(headers or {}),
        }
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    var = tmp_path_factory.mktemp("observatory")
    env = production_env(
        VAR_DIR=str(var), DATABASE_URL="", SECURE_SSL_REDIRECT="true", FORWARDED_ALLOW_IPS=HOST
    )
    for command in (("migrate", "--noinput"), ("load_demo",)):
        result = run_manage(*command, **env)
        assert result.returncode == 0, result.stderr
    result = run_manage(
        "createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.org",
        **{**env, "DJANGO_SUPERUSER_PASSWORD": "a long and right password"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "embassy.wsgi", "--bind", f"{HOST}:{port}", "--workers", "1"],
        cwd=ROOT,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "tests.observatory_settings"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    site = Site(port)
    try:
        wait_until_answering(site, server)
        yield site
    finally:
        if server.poll() is None:
            stop(server)
        else:
            os.killpg(server.pid, signal.SIGTERM)


def wait_until_answering(site, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read()}")
        try:
            return site.request("GET", "/healthz")
        except OSError:
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer")


@pytest.mark.parametrize("path", ["/", "/briefings/", "/admin/login/", "/static/css/site.css"])
def test_every_page_passes_the_observatory_rules(production_site, path):
    response, body = production_site.request("GET", path, headers={"Origin": OUTSIDE_ORIGIN})
    assert response.status == 200, body[:500]
    assert page_faults(response, body) == []


def test_plain_http_is_redirected_to_https_on_the_same_host_first(production_site):
    response, _ = production_site.request("GET", "/", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_the_session_cookie_of_a_sign_in_passes_too(production_site):
    page, body = production_site.request("GET", "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    csrf = SimpleCookie()
    csrf.load(page.headers["Set-Cookie"])
    form = {
        "username": "boss",
        "password": "a long and right password",
        "csrfmiddlewaretoken": token,
        "next": "/admin/",
    }
    response, body = production_site.request(
        "POST",
        "/admin/login/",
        headers={
            "Cookie": f"csrftoken={csrf['csrftoken'].value}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}/admin/login/",
            "Origin": f"https://{HOST}",
        },
        body=urlencode(form),
    )
    assert response.status == 302, body[:500]
    cookies = response.headers.get_all("Set-Cookie")
    assert any(line.startswith("sessionid=") for line in cookies)
    assert cookie_faults(cookies) == []


@pytest.mark.parametrize(
    ("header", "fault"),
    [
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "script-src allows"),
        ("default-src *", "default-src is"),
        ("default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'", "no frame"),
        ("", "no Content-Security-Policy"),
    ],
)
def test_the_rules_catch_a_weakened_policy(header, fault):
    assert any(fault in found for found in csp_faults(header))


def test_the_rules_catch_weak_cookies_and_hsts():
    assert cookie_faults(["sessionid=x; Path=/; SameSite=Lax"]) == [
        "cookie sessionid is not Secure",
        "cookie sessionid is not HttpOnly",
    ]
    assert hsts_faults("max-age=3600") == ["HSTS max-age 3600 is under six months"]
