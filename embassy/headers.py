"""Response headers every answer carries, static files included: what the browser may do.

Django's SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy,
django-csp the Content-Security-Policy, XFrameOptionsMiddleware X-Frame-Options; this adds the
two that neither knows. All of them stand above WhiteNoise in MIDDLEWARE, so that a stylesheet
or script served by it is framed, embedded and sniffed by no one either.
"""

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
