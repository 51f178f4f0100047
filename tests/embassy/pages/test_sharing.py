"""Sharing links: the networks' own share pages, the page's address and title encoded."""

from urllib.parse import parse_qs, urlsplit

from embassy.pages.sharing import SHARE_TARGETS, share_links

URL = "https://embassy.example/briefings/2021/01/28/regular/exchanges/7/"
TITLE = "CCTV: Climate & cooperation? 气候"


def test_every_network_gets_the_address_and_title_encoded():
    links = dict(share_links(URL, TITLE))
    assert list(links) == [target.name for target in SHARE_TARGETS]
    assert set(links) == {"Email", "X", "Facebook", "LinkedIn", "WhatsApp", "Telegram", "Weibo"}
    for name, address in links.items():
        parts = urlsplit(address)
        assert parts.scheme in {"https", "mailto"}, name
        # Decoded, the query holds the address whole (and the title, where the network takes one).
        values = [v for vs in parse_qs(parts.query).values() for v in vs]
        assert any(URL in value for value in values), name
    assert parse_qs(urlsplit(links["X"]).query) == {"url": [URL], "text": [TITLE]}
    assert parse_qs(urlsplit(links["Email"]).query) == {"subject": [TITLE], "body": [URL]}
    assert parse_qs(urlsplit(links["WhatsApp"]).query) == {"text": [f"{TITLE} {URL}"]}
    assert parse_qs(urlsplit(links["Weibo"]).query) == {"url": [URL], "title": [TITLE]}


def test_a_title_cannot_add_a_parameter():
    links = dict(share_links(URL, "A&text=spoof#x"))
    assert parse_qs(urlsplit(links["Telegram"]).query)["text"] == ["A&text=spoof#x"]
