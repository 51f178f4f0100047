"""How many friends a client and a sender may mail per hour, counted in Django's cache.

Each friend mailed is one send, counted twice: against the client's network address and against
the sender's email address, in fixed windows of SUGGEST_RATE_LIMIT["period"] seconds. Sends are
reserved before mailing with the cache's atomic incr, so two requests at once cannot both slip
under the limit, and what could not be sent is given back afterwards. With a shared cache
(CACHE_URL=redis://...) the counts hold across server processes; with the default LocMem cache
each process counts for itself.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from embassy.limits import add, client_address, window_key

__all__ = ["LimitReached", "LimitUnavailable", "Reservation", "client_address", "reserve"]

logger = logging.getLogger(__name__)


class LimitReached(Exception):
    def __init__(self, remaining):
        super().__init__(remaining)
        self.remaining = remaining


class LimitUnavailable(Exception):
    """The cache cannot be reached: nothing may be sent, as nothing could be counted."""


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
    keys = [
        window_key("suggest:client", client, period),
        window_key("suggest:sender", sender.lower(), period),
    ]
    taken = []
    try:
        for key in keys:
            total = add(key, sends, period)
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
