"""gunicorn's configuration, read from the working directory: `gunicorn embassy.wsgi ...`.

Production with several workers needs a shared cache: the "Suggest to a friend" limits live in
Django's cache, and the default per-process cache would let each worker count alone (four
workers, four times the limit). So gunicorn refuses to start then, rather than run with limits
that do not hold. One worker, or CACHE_URL=redis://..., is fine.
gunicorn's Server header says "gunicorn" with no version; nothing here needs to hide it.

Which clients may say what the original request was (X-Forwarded-Proto, hence https; the
SCRIPT_NAME header, hence the address prefix): only the proxies named in FORWARDED_ALLOW_IPS
(comma-separated addresses or networks). gunicorn's own default trusts 127.0.0.1 and ::1, that
is every process on the machine; here nobody is trusted unless named.
"""

import os

SHARED_CACHE_VARIABLES = ("CACHE_URL", "REDIS_URL")

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")


def on_starting(server):
    production = os.environ.get("DJANGO_ENV") == "production"
    shared = any(os.environ.get(name) for name in SHARED_CACHE_VARIABLES)
    if production and server.cfg.workers > 1 and not shared:
        raise SystemExit(
            f"Refusing to start {server.cfg.workers} workers in production without CACHE_URL: "
            "each would keep its own rate limits. Set CACHE_URL=redis://host:6379/0 "
            "(or run --workers 1)."
        )
