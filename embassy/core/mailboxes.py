"""Mailboxes: which addresses reach the same inbox, and which addresses the site mails at all.

`folded()` is the one folding every mail limit counts with ("Suggest to a friend" per sender and
per friend, the alerts' one confirmation an hour). It merges the spellings a person can give
for one inbox:

- case: "Alice@Example.ORG" is "alice@example.org" (the local part is case-sensitive in theory,
  never in practice);
- sub-addresses: "alice+news@" is "alice@" (the "+tag" of Gmail, Outlook, Fastmail, Postfix);
- dots in the local part: "a.l.i.c.e@" is "alice@". Gmail ignores them; other providers do
  not, so two real people may share a limit. That is the safe side: over-merging only makes a
  limit shared, under-merging lets one inbox be filled from here;
- Gmail's two names: "googlemail.com" is "gmail.com"; and an internationalised domain is its
  ASCII form, as the mail server resolves it.

Other separators ("-", used by qmail and some Postfix set-ups) are not folded: they are part of
too many real names ("jean-luc@").

`validate_deliverable()` refuses what Django's validate_email accepts but the site must not
mail: a domain in brackets or of one label, "[127.0.0.1]" or "localhost" (the visitor would
choose which host the relay delivers to), and a quoted or routed local part ("target"@, a%b@,
a!b@), which is another spelling of an address the limits would count apart, or an old relay's
route elsewhere.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# Domains that are one mail service under two names.
SAME_SERVICE = {"googlemail.com": "gmail.com"}
SUB_ADDRESS = "+"
# Characters of a local part that route mail elsewhere (the "percent hack", UUCP bang paths) or
# quote: no ordinary address needs them.
ROUTING_CHARACTERS = frozenset('"%!\\')

NETWORK_ADDRESS_MESSAGE = _(
    "%(address)s: use an address with a full domain name, not a network address."
)
ROUTED_MESSAGE = _(
    "%(address)s: use an ordinary address, without quotation marks or the characters %% and !."
)


def ascii_domain(domain):
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain  # not a valid name: it is refused elsewhere, counted as written here


def folded(address):
    """The inbox `address` reaches, for counting; any text is accepted (nothing is refused
    here), so that a limit can be checked before or after validation."""
    local, _at, domain = address.strip().rpartition("@")
    local = local.casefold().split(SUB_ADDRESS, 1)[0].replace(".", "")
    domain = ascii_domain(domain.casefold().rstrip("."))
    return f"{local}@{SAME_SERVICE.get(domain, domain)}"


def is_network_address(domain):
    """A domain in brackets ([127.0.0.1], [::1]), or a name of one label, which names a host of
    the relay's own network (Django's validate_email allows "localhost")."""
    return domain.startswith("[") or "." not in domain


def refuse_undeliverable(address):
    """ValidationError for a valid address of a form the site does not mail (see above)."""
    local, _at, domain = address.rpartition("@")
    if is_network_address(domain):
        raise ValidationError(
            NETWORK_ADDRESS_MESSAGE, code="network_address", params={"address": address}
        )
    if ROUTING_CHARACTERS & set(local):
        raise ValidationError(ROUTED_MESSAGE, code="routed", params={"address": address})


def validate_deliverable(address):
    """An address the site may mail: Django's validate_email, then refuse_undeliverable."""
    validate_email(address)
    refuse_undeliverable(address)
