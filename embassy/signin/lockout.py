"""Who a run of wrong passwords locks out: the (account, address) pair, and a guessing address.

django-axes counts the failures of each lockout parameter (AXES_LOCKOUT_PARAMETERS: the pair,
then the address alone) and compares the larger count with one limit. Locking the account alone
would let anyone who knows a username keep its owner out from anywhere; so the pair is locked
after SIGNIN_FAILURE_LIMIT failures, and an address after SIGNIN_ADDRESS_FAILURE_LIMIT failures
across any usernames (higher: an office behind one address shares it). The owner, from another
address, still signs in.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

PAIR = ["username", "ip_address"]
ADDRESS = "ip_address"
LOCKOUT_PARAMETERS = [PAIR, ADDRESS]


def weighed_failures(pair_failures, address_failures, pair_limit, address_limit):
    """The count axes compares with `pair_limit`: at or above it exactly when either is reached.

    An address's failures are scaled down by address_limit / pair_limit (rounded down), so
    that they reach pair_limit exactly when they reach address_limit.
    """
    return max(pair_failures, address_failures * pair_limit // address_limit)


class PairAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler, with the address counted against its own, higher limit."""

    def get_failures(self, request, credentials=None):
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return weighed_failures(
            pair, address, settings.AXES_FAILURE_LIMIT, settings.SIGNIN_ADDRESS_FAILURE_LIMIT
        )
