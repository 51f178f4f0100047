"""The one folding of addresses for every mail limit, and the addresses the site never mails."""

import pytest
from django.core.exceptions import ValidationError

from embassy.core.mailboxes import folded, validate_deliverable


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("alice@example.org", "Alice@Example.org"),
        ("alice@example.org", "alice+news@example.org"),
        ("alice@example.org", "a.l.i.c.e@example.org"),
        ("alice@example.org", "A.lice+1+2@EXAMPLE.ORG"),
        ("alice@example.org", " alice@example.org. "),
        ("flood-victim@example.net", "flood-victim+3@example.net"),
        ("alice@gmail.com", "a.lice+x@googlemail.com"),
        ("anna@bücher.example", "Anna@xn--bcher-kva.example"),
    ],
)
def test_spellings_of_one_inbox_fold_to_one(one, other):
    assert folded(one) == folded(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("alice@example.org", "alice@example.net"),
        # "-" is part of too many real names to be a sub-address separator.
        ("jean-luc@example.org", "jean@example.org"),
    ],
)
def test_different_inboxes_stay_apart(one, other):
    assert folded(one) != folded(other)


@pytest.mark.parametrize("text", ["", "no at sign", "@", "a@b@c", "\n@\x00", "x@[::1]"])
def test_any_text_folds_without_an_error(text):
    assert isinstance(folded(text), str)


@pytest.mark.parametrize(
    "address", ["target@example.net", "o'brien@example.ie", "a+b@example.org", "x@bücher.de"]
)
def test_ordinary_addresses_are_deliverable(address):
    validate_deliverable(address)


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("target@[127.0.0.1]", "network_address"),
        ("target@[::1]", "network_address"),
        ("target@localhost", "network_address"),
        # Django refuses a bare IP address already: no top-level domain is all digits.
        ("target@10.0.0.10", "invalid"),
        ('"target"@example.net', "routed"),
        ('"target@evil.example"@example.net', "routed"),
        ("target%internal@example.net", "routed"),
        ("host!target@example.net", "routed"),
        ("not an address", "invalid"),
    ],
)
def test_network_addresses_and_quoted_or_routed_local_parts_are_refused(address, code):
    with pytest.raises(ValidationError) as refused:
        validate_deliverable(address)
    assert refused.value.code == code
