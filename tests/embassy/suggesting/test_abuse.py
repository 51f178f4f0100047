""" "Suggest to a friend" cannot be used as the embassy's voice or to fill someone's inbox.

Before: about 830 characters of an attacker's text (the name in the subject and four times in
the body, the note with its links) went out under the embassy's From address.
"""

import pytest
from django.core import mail

from embassy.suggesting.forms import NAME_MAX_LENGTH
from embassy.suggesting.mail import LINK_LEFT_OUT, without_links

pytestmark = pytest.mark.django_db

PHISHING_NOTE = (
    "URGENT from the Embassy: your visa is cancelled. Confirm at "
    "https://embassy-visa.example/login or www.visa-help.example, or evil.example/pay?x=1, "
    "or mail me at consul@evil.example"
)


def data(**changes):
    return {
        "name": "Consular Section",
        "email": "alice@example.org",
        "friends": "bob@example.net",
        "note": PHISHING_NOTE,
        "website": "",
        **changes,
    }


def test_the_name_is_not_in_the_subject_and_the_note_is_quoted_as_the_visitors(
    client, suggest_url, briefing
):
    assert client.post(suggest_url, data()).status_code == 302
    [message] = mail.outbox
    assert message.subject == f"A page suggested to you: {briefing.title}"
    text, html = message.body, message.alternatives[0][0]
    for part in (text, html):
        assert part.count("Consular Section") == 1
        assert "in their own words" in part
        assert "checked neither their name nor their words" in part
    assert 'They gave their name as "Consular Section"' in text
    assert "> URGENT from the Embassy" in text
    assert "<blockquote><p>URGENT from the Embassy" in html


def test_links_in_the_note_are_left_out_of_both_parts(client, suggest_url):
    client.post(suggest_url, data())
    [message] = mail.outbox
    for part in (message.body, message.alternatives[0][0]):
        for link in ("embassy-visa.example", "visa-help.example", "evil.example", "https://e"):
            assert link not in part
        assert part.count(LINK_LEFT_OUT) == 4
    # The page's own address is the only link left.
    assert message.alternatives[0][0].count("<a href=") == 2  # the page and the site


def test_links_in_the_name_are_left_out_too(client, suggest_url):
    client.post(suggest_url, data(name="see evil.example"))
    [message] = mail.outbox
    assert "evil.example" not in message.body + message.alternatives[0][0]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("e.g. the U.S. said so, etc.", True),
        ("It's about climate: see question 2.", True),
        ("Version 2.0 of 3.14", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("HTTPS://EVIL.EXAMPLE", False),
    ],
)
def test_what_counts_as_a_link(text, kept):
    assert (without_links(text) == text) is kept


def test_the_name_is_capped(client, suggest_url):
    response = client.post(suggest_url, data(name="A" * (NAME_MAX_LENGTH + 1)))
    assert response.status_code == 200
    assert f"at most {NAME_MAX_LENGTH} characters" in response.content.decode()
    assert mail.outbox == []


def test_plus_addresses_count_as_one_sender(client, suggest_url, settings):
    settings.SUGGEST_RATE_LIMIT = {"sends": 2, "period": 3600}
    for n, sender in enumerate(["alice@example.org", "alice+1@example.org"]):
        response = client.post(
            suggest_url, data(email=sender, friends=f"f{n}@example.net"), REMOTE_ADDR=f"192.0.2.{n}"
        )
        assert response.status_code == 302
    response = client.post(
        suggest_url,
        data(email="a.lice+2@example.org", friends="f9@example.net"),
        REMOTE_ADDR="192.0.2.9",
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_one_friend_gets_at_most_the_daily_limit_from_any_senders(client, suggest_url, settings):
    settings.SUGGEST_LIMIT_PER_FRIEND_PER_DAY = 2
    for n in range(2):
        response = client.post(
            suggest_url,
            data(email=f"sender{n}@example.org", friends="bob@example.net, carol@example.com"),
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 302
    # A third sender, from a third address, and Bob written another way: refused, all of it.
    response = client.post(
        suggest_url,
        data(email="third@example.org", friends="dave@example.com, B.ob+x@example.net"),
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "B.ob+x@example.net already received 2 suggestions from this site today" in page
    assert len(mail.outbox) == 4
    # Nothing was counted for Dave: he can still be sent to.
    response = client.post(
        suggest_url,
        data(email="third@example.org", friends="dave@example.com"),
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
