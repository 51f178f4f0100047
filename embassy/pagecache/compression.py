"""Content codings: which a client accepts, and compressing a body into them. No Django here.

Brotli (the `brotli` package, Google's own bindings) makes HTML about a fifth smaller than gzip
and every current browser asks for it; gzip stays for the rest. A stored page is compressed
once, at the highest levels; a page served without being stored is compressed at faster levels.
"""

import gzip

import brotli

IDENTITY = "identity"
GZIP = "gzip"
BROTLI = "br"
# Best first: what is sent when the client accepts several.
PREFERENCE = (BROTLI, GZIP)

COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/json",
    }
)
# Below this, the coding's own header and framing cost more than they save.
MIN_SIZE = 200

STORED_LEVELS = {BROTLI: 11, GZIP: 9}
ON_THE_FLY_LEVELS = {BROTLI: 5, GZIP: 6}


def is_compressible(content_type, size):
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type in COMPRESSIBLE_TYPES and size >= MIN_SIZE


def accepted(accept_encoding):
    """The codings of an Accept-Encoding header that the client takes (q > 0)."""
    codings = set()
    for item in (accept_encoding or "").split(","):
        name, _, parameters = item.partition(";")
        name = name.strip().lower()
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            codings.add(name)
    if "*" in codings:
        codings.update(PREFERENCE)
    return codings


def choose(accept_encoding, available):
    """The best of `available` codings the client accepts, else identity."""
    taken = accepted(accept_encoding)
    for coding in PREFERENCE:
        if coding in taken and coding in available:
            return coding
    return IDENTITY


def compress(body, coding, levels=ON_THE_FLY_LEVELS):
    if coding == BROTLI:
        return brotli.compress(body, quality=levels[BROTLI])
    if coding == GZIP:
        # mtime=0: the same page gives the same bytes on every server.
        return gzip.compress(body, compresslevel=levels[GZIP], mtime=0)
    return body
