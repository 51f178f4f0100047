"""EMAIL_URL and CACHE_URL: one environment variable per outside service.

Pure functions (no Django import) so that settings.py can call them before Django is set up.
They raise ValueError with a message fit to show to whoever set the variable.
"""

from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
LOCMEM_BACKEND = "django.core.cache.backends.locmem.LocMemCache"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _shown(scheme):
    # Only the scheme: the rest of a mistyped URL may hold a password.
    return f"{scheme}:" if scheme else "a URL without a scheme"


def _flag(query, name):
    values = query.get(name)
    if not values:
        return False
    value = values[-1].lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"EMAIL_URL: ?{name}= must be true or false, not {values[-1]!r}.")


def parse_email_url(url):
    """Django's EMAIL_* settings from `smtp://user:password@host:587?tls=true` or `smtps://...`.

    smtp:// is plain SMTP (port 25), or STARTTLS with ?tls=true (port 587 unless given);
    smtps:// is SMTP over TLS from the first byte (port 465 unless given). A user name or
    password with reserved characters is percent-encoded (@ as %40).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL must start with smtp:// or smtps://, not {_shown(scheme)}.")
    if not parts.hostname:
        raise ValueError("EMAIL_URL needs a host: smtp://user:password@host:port")
    query = parse_qs(parts.query)
    unknown = set(query) - {"tls", "ssl"}
    if unknown:
        raise ValueError(
            f"EMAIL_URL: unknown option(s) {', '.join(sorted(unknown))}; use tls or ssl."
        )
    use_ssl = scheme == "smtps" or _flag(query, "ssl")
    use_tls = _flag(query, "tls")
    if use_ssl and use_tls:
        raise ValueError("EMAIL_URL: choose TLS from the start (smtps://) or STARTTLS (?tls=true).")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("EMAIL_URL: the port must be a number from 1 to 65535.") from None
    if port is None:
        port = 465 if use_ssl else 587 if use_tls else 25
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def parse_cache_url(url):
    """Django's default cache from `redis://host:6379/0`, `rediss://...` or `locmem://`."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": REDIS_BACKEND, "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": LOCMEM_BACKEND}
    raise ValueError(
        f"CACHE_URL must start with redis://, rediss:// or locmem://, not {_shown(scheme)}."
    )
