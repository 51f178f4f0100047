"""How many friends a client and a sender may mail per hour, counted in Django's cache.

Each friend mailed is one send, counted twice: against the client's network address and against
the sender's email address, in fixed windows of SUGGEST_RATE_LIMIT["period"] seconds. Sends are
reserved before mailing with the cache's atomic incr, so two requests at once cannot both slip
under the limit, and what could not be sent is given back afterwards. With a shared cache
(CACHE_URL=redis://...) the counts hold across server processes; with the default LocMem cache
each process counts for itself.
"""

import hashlib
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


class LimitReached(Exception):
    def __init__(self, remaining):
        super().__init__(remaining)
        self.remaining = remaining


class LimitUnavailable(Exception):
    """The cache cannot be reached: nothing may be sent, as nothing could be counted."""


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


def _key(kind, value, window):
    # Hashed: keys stay short and safe for any cache, and the cache holds no addresses.
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"suggest:{kind}:{digest}:{window}"


def _add(key, delta, period):
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key, delta)
    except ValueError:
        # The key expired between add() and incr(): start the window again.
        cache.add(key, 0, timeout=period)
        return cache.incr(key, delta)


@dataclass
class Reservation:
    keys: list
    sends: int

    def give_back(self, unused):
        """Return sends that were reserved but not made, so they do not count."""
        if unused <= 0:
            return
        for key in self.keys:
            try:
                cache.decr(key, unused)
            except ValueError:
                pass  # the window has ended; its count no longer matters
            except Exception:
                logger.exception("Could not give back %s suggestion sends", unused)


def reserve(client, sender, sends):
    """Reserve `sends` for this client and sender, or raise LimitReached / LimitUnavailable."""
    limit = settings.SUGGEST_RATE_LIMIT["sends"]
    period = settings.SUGGEST_RATE_LIMIT["period"]
    window = int(time.time() // period)
    keys = [_key("client", client, window), _key("sender", sender.lower(), window)]
    taken = []
    try:
        for key in keys:
            total = _add(key, sends, period)
            taken.append(key)
            if total > limit:
                Reservation(taken, sends).give_back(sends)
                raise LimitReached(remaining=max(0, limit - (total - sends)))
    except LimitReached:
        raise
    except Exception as error:
        # Any cache failure (a Redis server down raises its own exception types) closes the
        # gate: mail that cannot be counted is not sent.
        logger.exception("The cache holding the suggestion limits failed")
        Reservation(taken, sends).give_back(sends)
        raise LimitUnavailable from error
    return Reservation(keys, sends)
