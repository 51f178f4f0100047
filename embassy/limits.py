"""How often one client (or one address) may do something, counted in Django's cache.

Fixed windows of `period` seconds; counting uses the cache's atomic incr, so two requests at
once cannot both slip under a limit. "Suggest to a friend", the subscribe form of the alerts
and the open-data API count with these, in the cache of the limits (settings.LIMITS_CACHE),
never the one of stored pages: a stranger who fills the page store cannot push a count out.
With a shared cache (LIMITS_CACHE_URL or CACHE_URL=redis://...) the counts hold across server
processes; with the default LocMem cache each process counts for itself.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches


def client_address(request):
    """The address the limits count against: REMOTE_ADDR, or the one our own proxies saw.

    X-Forwarded-For is read only when TRUSTED_PROXY_COUNT says how many proxies of ours append
    to it: the client is then the entry that many places from its end. What a client writes
    itself stands further left and is never used. An IPv6 client counts by its /64 network,
    which one household or server usually has whole.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [entry.strip() for entry in forwarded if entry.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def key(scope, value):
    # Hashed: keys stay short and safe for any cache, and the cache holds no addresses.
    return f"{scope}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def window_key(scope, value, period, now=None):
    """The cache key counting `value` in `scope` during the current window of `period` s."""
    window = int((time.time() if now is None else now) // period)
    return f"{key(scope, value)}:{window}"


def seconds_left(period, now=None):
    """Until the current window ends (at least 1: a Retry-After of 0 invites a busy loop)."""
    now = time.time() if now is None else now
    return max(1, int(period - now % period))


def counts():
    """The cache the limits count in."""
    return caches[settings.LIMITS_CACHE]


def add(key, delta, period):
    """Add `delta` to the count at `key` (a new window starts at 0) and return the total."""
    cache = counts()
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key, delta)
    except ValueError:
        # The key expired between add() and incr(): start the window again.
        cache.add(key, 0, timeout=period)
        return cache.incr(key, delta)
