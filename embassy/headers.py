"""Response headers every answer carries, static files included: what the browser may do.

Django's SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy,
django-csp the Content-Security-Policy, XFrameOptionsMiddleware X-Frame-Options; this adds the
two that neither knows. All of them stand above WhiteNoise in MIDDLEWARE, so that a stylesheet
or script served by it is framed, embedded and sniffed by no one either.
"""

import base64
import hashlib
import re

# The site uses none of these features; a page that could would be an injected one.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
# No other site may embed our pages, images or scripts (it can still link to them).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        return response


# An import map cannot be a file (browsers read it only inline), and the rich-text editor's
# widget renders one. Rather than allow inline scripts, the policy of a page that holds import
# maps allows exactly those: their SHA-256, computed from the page as sent. The editor (only on
# those staff pages) also sets style attributes as it lays out its menus and tables: there, and
# only there, inline styles are allowed; scripts never are.
IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)
SCRIPT_SRC = re.compile(r"(^|;\s*)script-src ([^;]*)")
STYLE_SRC = re.compile(r"(^|;\s*)style-src ([^;]*)")


def allow_import_maps(policy, content):
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in IMPORT_MAP.findall(content)
    ]
    if not hashes:
        return policy
    policy = SCRIPT_SRC.sub(lambda m: f"{m[1]}script-src {m[2]} {' '.join(hashes)}", policy, 1)
    return STYLE_SRC.sub(lambda m: f"{m[1]}style-src {m[2]} 'unsafe-inline'", policy, 1)


class ImportMapPolicyMiddleware:
    """Stands above django-csp in MIDDLEWARE, so that it sees the policy django-csp wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = response.headers.get("Content-Security-Policy")
        if (
            policy
            and not response.streaming
            and response.headers.get("Content-Type", "").startswith("text/html")
        ):
            response.headers["Content-Security-Policy"] = allow_import_maps(
                policy, response.content
            )
        return response
