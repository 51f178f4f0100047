"""Reading the environment: flags, numbers, lists, and one URL variable per outside service.

Plain functions that settings.py calls before Django is set up. A wrong value raises
ImproperlyConfigured, with a message fit to show to whoever set the variable.
"""

import ipaddress
import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured as BadSetting

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
REDIS_BACKEND = "embassy.redis_cache.SharedClientRedisCache"
LOCMEM_BACKEND = "django.core.cache.backends.locmem.LocMemCache"

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def truth(value, what):
    """True or False from one of the words above; ValueError naming `what` for anything else."""
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise BadSetting(f"{what} must be true or false, not {value!r}.")


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return truth(value, name)


def env_int(name, default):
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise BadSetting(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_admins(name):
    """Django's ADMINS from "Name <address>, other@example.org": (name, address) pairs."""
    admins = []
    for entry in env_list(name, default=[]):
        person, _, address = entry.rpartition("<")
        address = address.rstrip(">").strip() if person or "<" in entry else entry
        if "@" not in address:
            raise BadSetting(f"{name}: {entry!r} has no email address.")
        admins.append((person.strip() or address, address))
    return admins


def env_networks(name):
    """IP networks from "10.0.0.0/8, 2001:db8::/48, 192.0.2.7" (an address is its own network)."""
    networks = []
    for entry in env_list(name, default=[]):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise BadSetting(f"{name}: {entry!r} is not an IP address or network.") from None
    return networks


def env_path_prefix(name, default):
    """A URL prefix such as "admin/" or "staff-7f3k/": no leading slash, one trailing slash."""
    value = os.environ.get(name, "").strip().strip("/")
    if not value:
        return default
    if not all(part and all(c.isalnum() or c in "-_." for c in part) for part in value.split("/")):
        raise BadSetting(f"{name} must be a path such as staff-desk/, not {value!r}.")
    return value + "/"


def _shown(scheme):
    # Only the scheme: the rest of a mistyped URL may hold a password.
    return f"{scheme}:" if scheme else "a URL without a scheme"


def _flag(query, name):
    values = query.get(name)
    if not values:
        return False
    return truth(values[-1], f"EMAIL_URL: ?{name}=")


def parse_email_url(url):
    """Django's EMAIL_* settings from `smtp://user:password@host:587?tls=true` or `smtps://...`.

    smtp:// is plain SMTP (port 25), or STARTTLS with ?tls=true (port 587 unless given);
    smtps:// is SMTP over TLS from the first byte (port 465 unless given). A user name or
    password with reserved characters is percent-encoded (@ as %40).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"smtp", "smtps"}:
        raise BadSetting(f"EMAIL_URL must start with smtp:// or smtps://, not {_shown(scheme)}.")
    if not parts.hostname:
        raise BadSetting("EMAIL_URL needs a host: smtp://user:password@host:port")
    query = parse_qs(parts.query)
    unknown = set(query) - {"tls", "ssl"}
    if unknown:
        raise BadSetting(
            f"EMAIL_URL: unknown option(s) {', '.join(sorted(unknown))}; use tls or ssl."
        )
    use_ssl = scheme == "smtps" or _flag(query, "ssl")
    use_tls = _flag(query, "tls")
    if use_ssl and use_tls:
        raise BadSetting("EMAIL_URL: choose TLS from the start (smtps://) or STARTTLS (?tls=true).")
    try:
        port = parts.port
    except ValueError:
        raise BadSetting("EMAIL_URL: the port must be a number from 1 to 65535.") from None
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
    """A Django cache from `redis://host:6379/0`, `rediss://...` or `locmem://` (`locmem://NAME`:
    a store of its own in the process; two caches of one name share one)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": REDIS_BACKEND, "LOCATION": url}
    if scheme == "locmem":
        if parts.netloc:
            return {"BACKEND": LOCMEM_BACKEND, "LOCATION": parts.netloc}
        return {"BACKEND": LOCMEM_BACKEND}
    raise BadSetting(
        f"CACHE_URL must start with redis://, rediss:// or locmem://, not {_shown(scheme)}."
    )


S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
_S3_OPTIONS = {"endpoint", "region", "prefix", "custom_domain", "signed", "addressing", "acl"}


def parse_media_storage_url(url):
    """Django's default storage (uploads) from MEDIA_STORAGE_URL.

    Empty: files under MEDIA_ROOT. `s3://bucket?endpoint=https://s3.example&region=eu-west-1`:
    an S3-compatible object store through django-storages, for more than one application
    server. Options: endpoint (omit for AWS itself), region, prefix (a folder inside the bucket),
    custom_domain (a CDN in front of the bucket), signed=true (time-limited addresses, for a
    private bucket), addressing=path|virtual, acl=public-read (a canned ACL on every file, for
    stores that grant reading per object rather than by a bucket policy). Keys come from
    AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as boto3 reads them, never from the URL.
    """
    if not url:
        return {"BACKEND": FILESYSTEM_BACKEND}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme != "s3":
        raise BadSetting(f"MEDIA_STORAGE_URL must start with s3://, not {_shown(scheme)}.")
    if parts.username or parts.password:
        raise BadSetting(
            "MEDIA_STORAGE_URL must not hold keys: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY instead."
        )
    bucket = parts.hostname
    if not bucket:
        raise BadSetting("MEDIA_STORAGE_URL needs a bucket: s3://bucket?endpoint=https://...")
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    unknown = set(query) - _S3_OPTIONS
    if unknown:
        raise BadSetting(
            f"MEDIA_STORAGE_URL: unknown option(s) {', '.join(sorted(unknown))}; "
            f"use {', '.join(sorted(_S3_OPTIONS))}."
        )
    options = {
        "bucket_name": bucket,
        # Two uploads with one name must not overwrite each other's file.
        "file_overwrite": False,
        # Public pages link to files: plain addresses unless the bucket is private.
        "querystring_auth": truth(query.get("signed", "false"), "MEDIA_STORAGE_URL: ?signed="),
    }
    if "endpoint" in query:
        endpoint = urlsplit(query["endpoint"])
        if endpoint.scheme not in {"http", "https"} or not endpoint.hostname:
            raise BadSetting("MEDIA_STORAGE_URL: ?endpoint= must be an http:// or https:// URL.")
        options["endpoint_url"] = query["endpoint"]
    addressing = query.get("addressing", "path" if "endpoint" in query else "auto")
    if addressing not in {"path", "virtual", "auto"}:
        raise BadSetting("MEDIA_STORAGE_URL: ?addressing= must be path, virtual or auto.")
    options["addressing_style"] = addressing
    if "region" in query:
        options["region_name"] = query["region"]
    if "prefix" in query:
        options["location"] = query["prefix"].strip("/")
    if "acl" in query:
        options["default_acl"] = query["acl"]
    if "custom_domain" in query:
        options["custom_domain"] = query["custom_domain"]
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
