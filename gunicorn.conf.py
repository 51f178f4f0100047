"""gunicorn's configuration, read from the working directory: `gunicorn embassy.wsgi ...`.

Production with several workers needs a shared cache: the "Suggest to a friend" limits live in
Django's cache, and the default per-process cache would let each worker count alone (four
workers, four times the limit). So gunicorn refuses to start then, rather than run with limits
that do not hold. One worker, or CACHE_URL=redis://..., is fine.
gunicorn's Server header says "gunicorn" with no version; nothing here needs to hide it.
"""

import os

SHARED_CACHE_VARIABLES = ("CACHE_URL", "REDIS_URL")


def on_starting(server):
    production = os.environ.get("DJANGO_ENV") == "production"
    shared = any(os.environ.get(name) for name in SHARED_CACHE_VARIABLES)
    if production and server.cfg.workers > 1 and not shared:
        raise SystemExit(
            f"Refusing to start {server.cfg.workers} workers in production without CACHE_URL: "
            "each would keep its own rate limits. Set CACHE_URL=redis://host:6379/0 "
            "(or run --workers 1)."
        )
