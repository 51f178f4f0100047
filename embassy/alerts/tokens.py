"""The signed links of the alerts (django.core.signing, keyed by SECRET_KEY).

- confirm: the whole subscription request (address, what, how often, language), valid for
  CONFIRM_MAX_AGE. Nothing is stored before the reader follows it: an unconfirmed address
  exists only inside the mail sent to it, and is gone when the link expires.
- unsubscribe: one subscription's id; it keeps working in old mail.
- manage: an address, for the page listing all its subscriptions, valid for MANAGE_MAX_AGE
  (every mail carries a fresh one).
"""

import datetime

from django.core import signing

CONFIRM_MAX_AGE = datetime.timedelta(hours=48)
MANAGE_MAX_AGE = datetime.timedelta(days=60)

CONFIRM, UNSUBSCRIBE, MANAGE = "alerts.confirm", "alerts.unsubscribe", "alerts.manage"


class BadToken(Exception):
    """Altered, expired or from another purpose: the link cannot be used."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _load(token, salt, max_age=None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken() from None


def confirm_token(request):
    """`request`: a dict of the subscription's fields, JSON-ready."""
    return signing.dumps(request, salt=CONFIRM, compress=True)


def read_confirm(token):
    return _load(token, CONFIRM, CONFIRM_MAX_AGE)


def unsubscribe_token(subscription):
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE)


def read_unsubscribe(token):
    return _load(token, UNSUBSCRIBE)


def manage_token(email):
    return signing.dumps(email.lower(), salt=MANAGE)


def read_manage(token):
    return _load(token, MANAGE, MANAGE_MAX_AGE)
