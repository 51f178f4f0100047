"""Who else has a page open in the admin: "Li Wei opened this page at 14:32", said to the next
person who opens it, so that two people do not correct the same briefing at once unknowingly.

Kept in the cache under the object (its model and id), written only when a member of staff
opens its change page in the admin: nothing a visitor sends reaches it. Each entry is the
opener's id, name and time; entries older than STILL_OPEN are dropped, and at most
MAX_OPENERS are kept, so that one page's entry cannot grow.
"""

import datetime

from django.core.cache import cache

STILL_OPEN = datetime.timedelta(minutes=30)
MAX_OPENERS = 8


def _key(obj):
    return f"admin-opened:{obj._meta.label_lower}:{obj.pk}"


def open_page(user, obj, now):
    """Record that `user` opened `obj` at `now`; return who else opened it within STILL_OPEN,
    [(name, moment)], the latest first."""
    recent = [
        (user_id, name, datetime.datetime.fromisoformat(moment))
        for user_id, name, moment in cache.get(_key(obj), [])
        if now - datetime.datetime.fromisoformat(moment) < STILL_OPEN
    ]
    others = [entry for entry in recent if entry[0] != user.pk]
    kept = [(user.pk, user.get_full_name() or user.get_username(), now), *others][:MAX_OPENERS]
    cache.set(
        _key(obj),
        [(user_id, name, moment.isoformat()) for user_id, name, moment in kept],
        int(STILL_OPEN.total_seconds()),
    )
    return [(name, moment) for _user_id, name, moment in others]
