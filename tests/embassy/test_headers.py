"""Every answer, static files included, carries the policy headers."""

import pytest
from django.test import Client

from embassy.headers import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db

POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def assert_protected(response):
    csp = response["Content-Security-Policy"]
    for directive in POLICY:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/search/?q=x", "/admin/login/", "/no-such-page/"])
def test_pages_carry_the_headers(client, url):
    assert_protected(client.get(url))


def test_static_files_carry_them_too(settings):
    # WhiteNoise serves from the source folders here, as `make run` does (no collectstatic).
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert b"body" in b"".join(response.streaming_content)
    assert_protected(response)


def test_a_page_with_an_import_map_allows_exactly_that_script():
    import base64
    import hashlib

    from embassy.headers import allow_import_maps

    policy = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'"
    body = b'{"imports": {"editor": "/static/editor.js"}}'
    page = b'<head><script type="importmap">' + body + b"</script></head>"
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    allowed = allow_import_maps(policy, page)
    assert f"script-src 'self' 'sha256-{digest}';" in allowed
    assert "style-src 'self' 'unsafe-inline';" in allowed
    assert "unsafe-inline" not in allowed.split("script-src")[1].split(";")[0]
    # A page without one keeps the strict policy untouched.
    assert allow_import_maps(policy, b"<p>No script here.</p>") == policy
