"""How many friends a client and a sender may mail per hour, counted in Django's cache.

Each friend mailed is one send, counted three times: against the client's network address and
against the sender's email address, in fixed windows of SUGGEST_RATE_LIMIT["period"] seconds,
and against the friend's address, SUGGEST_LIMIT_PER_FRIEND_PER_DAY a day, so that no one's
inbox can be filled from here. Addresses count as the inbox they reach, folded as for every
mail limit (embassy.core.mailboxes.folded): "A.b+x@example.org" and "ab@example.org" are one
sender (and one friend). Sends are
reserved before mailing with the cache's atomic incr, so two requests at once cannot both slip
under the limit, and what could not be sent is given back afterwards. With a shared cache
(CACHE_URL=redis://...) the counts hold across server processes; with the default LocMem cache
each process counts for itself.
"""

import logging
from dataclasses import dataclass

from django.conf import settings

from embassy.core.mailboxes import folded
from embassy.limits import add, counts, window_key

logger = logging.getLogger(__name__)


DAY = 24 * 60 * 60


class LimitReached(Exception):
    """`remaining` sends are still allowed this hour; `friends`, if any, had enough today."""

    def __init__(self, remaining, friends=()):
        super().__init__(remaining)
        self.remaining = remaining
        self.friends = list(friends)


class LimitUnavailable(Exception):
    """The cache cannot be reached: nothing may be sent, as nothing could be counted."""


def _take_back(key, count):
    try:
        counts().decr(key, count)
    except ValueError:
        pass  # the window has ended; its count no longer matters
    except Exception:
        logger.exception("Could not give back %s suggestion sends", count)


def _take_back_all(taken):
    for key, count in taken:
        _take_back(key, count)


@dataclass
class Reservation:
    keys: list  # the client's and the sender's: one send per friend
    friend_keys: dict  # friend's address -> their day's key

    def give_back(self, unsent):
        """Return the sends to the friends in `unsent`, which were reserved but not made."""
        unsent = [friend for friend in unsent if friend in self.friend_keys]
        if not unsent:
            return
        for key in self.keys:
            _take_back(key, len(unsent))
        for friend in unsent:
            _take_back(self.friend_keys[friend], 1)


def reserve(client, sender, friends):
    """Reserve one send to each of `friends` for this client and sender, or raise LimitReached
    or LimitUnavailable, having reserved nothing."""
    limit = settings.SUGGEST_RATE_LIMIT["sends"]
    period = settings.SUGGEST_RATE_LIMIT["period"]
    sends = len(friends)
    keys = [
        window_key("suggest:client", client, period),
        window_key("suggest:sender", folded(sender), period),
    ]
    friend_keys = {friend: window_key("suggest:friend", folded(friend), DAY) for friend in friends}
    taken = []  # (key, count) added so far, to take back if the whole cannot be had
    try:
        for key in keys:
            total = add(key, sends, period)
            taken.append((key, sends))
            if total > limit:
                _take_back_all(taken)
                raise LimitReached(remaining=max(0, limit - (total - sends)))
        full = []
        for friend, key in friend_keys.items():
            if add(key, 1, DAY) > settings.SUGGEST_LIMIT_PER_FRIEND_PER_DAY:
                full.append(friend)
            taken.append((key, 1))
        if full:
            _take_back_all(taken)
            raise LimitReached(remaining=0, friends=full)
    except LimitReached:
        raise
    except Exception as error:
        # Any cache failure (a Redis server down raises its own exception types) closes the
        # gate: mail that cannot be counted is not sent.
        logger.exception("The cache holding the suggestion limits failed")
        _take_back_all(taken)
        raise LimitUnavailable from error
    return Reservation(keys, friend_keys)
