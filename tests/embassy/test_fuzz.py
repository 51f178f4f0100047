"""Fuzzer-style tests kept in the suite, bounded: no input answers 500, no payload runs.

1. Every public URL pattern with odd segments, query strings, methods and headers.
2. An XSS corpus in every staff-editable text field, checked on every public rendering: the
   page, its print version, the feeds, the search snippets and the suggestion mail.
The counts are in README's "Security" section; each test asserts its own count, so they stay
true.
"""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

ODD_SEGMENTS = [
    "0",
    "-1",
    "99999999999999999999",
    "%00",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%E9%A6%99%E6%B8%AF",
    "%FF%FE",
    "a" * 300,
]
ODD_QUERIES = [
    "page=0",
    "page=-1",
    "page=99999999999999999999",
    "page=abc&page=2",
    "q=%00&date_from=0001-01-01&date_to=9999-12-31",
    "q=" + "%22" * 50 + "&sort=%3Cx%3E&kind=%FF",
    "spokesperson=..%2F&outlet=%00&tag=" + "x" * 500,
    "format=json&callback=alert",
]
ODD_METHODS = ["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
ODD_HEADERS = [
    {"HTTP_ACCEPT_LANGUAGE": "zz-ZZ;q=abc, *;q=-1, " + "x" * 200},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday", "HTTP_IF_NONE_MATCH": '"\x00"'},
    {"HTTP_RANGE": "bytes=99999999999-1", "HTTP_ACCEPT": "*/*;q=nan"},
    {"HTTP_X_FORWARDED_FOR": "999.1.1.1, <script>", "HTTP_COOKIE": "sessionid=%00; csrftoken=x"},
]
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
STAFF_NAMESPACES = {"admin", "signin"}


def public_routes(resolver=None, prefix=""):
    """Every public route as a string such as "briefings/<int:year>/<slug:slug>/"."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in STAFF_NAMESPACES:
                continue
            yield from public_routes(pattern, prefix + route.lstrip("^"))
        elif isinstance(pattern, URLPattern):
            yield prefix + route.lstrip("^").rstrip("$")


def real_values(briefing):
    exchange = briefing.exchanges.first()
    day = briefing.held_at.astimezone().date()
    return {
        "year": str(day.year),
        "month": f"{day.month:02d}",
        "day": f"{day.day:02d}",
        "slug": briefing.slug,
        "pk": str(exchange.pk),
        "section": "briefings",
        "section_slug": "consular-services",
    }


def addresses(routes, values):
    """Each route with real values, then each of its segments in turn replaced by odd ones."""
    for route in routes:
        names = [m.group(2) for m in CONVERTER.finditer(route)]
        real = CONVERTER.sub(lambda m: values.get(m.group(2), "x"), route)
        yield "/" + real
        for name in names:
            for odd in ODD_SEGMENTS:
                yield "/" + CONVERTER.sub(
                    lambda m, name=name, odd=odd: (
                        odd if m.group(2) == name else values.get(m.group(2), "x")
                    ),
                    route,
                )


@pytest.fixture
def fuzz_client():
    # 500s come back as responses to count, not as exceptions.
    return Client(raise_request_exception=False)


def test_no_public_address_answers_500_to_odd_input(demo_site, fuzz_client):
    briefing = Briefing.objects.get(language="en")
    routes = sorted(set(public_routes()))
    assert len(routes) >= 30
    values = real_values(briefing)
    paths = sorted(set(addresses(routes, values)))
    real_paths = ["/" + CONVERTER.sub(lambda m: values.get(m.group(2), "x"), r) for r in routes]
    failures, sent = [], 0

    def send(method, path, **extra):
        nonlocal sent
        sent += 1
        response = fuzz_client.generic(method, path, **extra)
        if response.status_code >= 500:
            failures.append((method, path, extra, response.status_code))

    for path in paths:
        send("GET", path)
    for path in real_paths:
        for query in ODD_QUERIES:
            send("GET", f"{path}?{query}")
        for method in ODD_METHODS:
            send(method, path, data=b"x=%00", content_type="application/x-www-form-urlencoded")
        for headers in ODD_HEADERS:
            send("GET", path, **headers)
    assert failures == []
    # The figure in README's Security section.
    assert sent >= 1000, sent


class ScriptFinder(HTMLParser):
    """What in a page could run: script elements (but the site's own files), event handler
    attributes, javascript: and data: addresses."""

    OWN_SCRIPTS = re.compile(r"^/static/")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.data = None  # the text of a JSON-LD element being read

    def handle_data(self, data):
        if self.data is not None:
            self.data.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.data is not None:
            try:
                json.loads("".join(self.data))
            except ValueError:
                self.found.append("<script type=application/ld+json> not JSON")
            self.data = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if (
                name in {"href", "src", "action", "formaction", "srcdoc"}
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
            ):
                self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script" and not self.OWN_SCRIPTS.match(dict(attrs).get("src") or ""):
            # JSON-LD is data that no browser runs; a payload escaping it would open a script
            # element of its own, found here, or leave the JSON unreadable (handle_endtag).
            if dict(attrs).get("type") == "application/ld+json":
                self.data = []
            else:
                self.found.append("<script> inline")
        if tag in {"iframe", "object", "embed", "base"}:
            self.found.append(f"<{tag}>")


def runnable(html):
    finder = ScriptFinder()
    finder.feed(html)
    return finder.found


XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg/onload=alert(3)>",
    '<a href="javascript:alert(4)">x</a>',
    "<iframe src=javascript:alert(5)></iframe>",
    "</title><script>alert(6)</script>",
    "<base href=//evil.example/>",
    "{{ 7|add:7 }}{% now 'Y' %}",
    "<math><mi xlink:href=javascript:alert(9)>x</mi></math>",
    "]]><script>alert(10)</script><![CDATA[",
    "<style>@import 'javascript:alert(11)'</style>",
    "<object data=data:text/html,alert(12)></object>",
    "&lt;script&gt;alert(13)&lt;/script&gt;",
    '<div style="background:url(javascript:alert(14))">',
    "<body onload=alert(15)>",
    "<details open ontoggle=alert(16)>",
    "<form action=javascript:alert(17)><button>x</button></form>",
    "javascript:alert(18)",
    "<svg><script>alert(19)</script></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(20)>">',
    '<img src="x" onerror="alert(21)"/>',
    "\u202e<script>alert(22)</script>",
    '<a href="&#106;avascript:alert(23)">x</a>',
]


@pytest.mark.parametrize("payload", XSS, ids=[f"xss{n}" for n in range(1, len(XSS) + 1)])
def test_a_payload_in_every_staff_field_runs_nowhere(client, payload):
    word = "zebrafish"  # found by search in every field
    text = f"{word} {payload} {word}"
    section = factories.make_section(title=text[:200], slug="fuzz-section", intro=text)
    article = factories.make_article(1, section=section, title=text[:300], body=f"<p>{text}</p>")
    speaker = factories.spokesperson()
    speaker.name, speaker.role = text[:100], text[:100]
    speaker.save()
    briefing = factories.make_briefing(
        1, exchanges=2, title=text[:300], opening_remarks=text, spokesperson=speaker
    )
    briefing.tags.add(f"{word} {payload}"[:100])
    exchange = briefing.exchanges.first()
    exchange.question, exchange.answer = text, text
    exchange.save()
    exchange.outlet.name = text[:200]
    exchange.outlet.save()

    renderings = {
        "briefing": briefing.get_absolute_url(),
        "briefing print": briefing.get_absolute_url() + "print/",
        "exchange": exchange.get_absolute_url(),
        "exchange print": exchange.get_absolute_url() + "print/",
        "article": article.get_absolute_url(),
        "article print": article.get_absolute_url() + "print/",
        "section": section.get_absolute_url(),
        "search": f"/search/?q={word}",
        "search briefings": f"/search/?q={word}&kind=briefings",
        "search articles": f"/search/?q={word}&kind=articles",
        "outlet": exchange.outlet.get_absolute_url(),
        "spokesperson": speaker.get_absolute_url(),
        "home": "/",
    }
    for name, url in renderings.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        page = response.content.decode()
        assert runnable(page) == [], (name, runnable(page))
        if "add:7" in payload:  # shown as typed: no template ran it
            assert "{{ 7|add:7 }}" in unescape(page), name

    for feed in ("/feeds/briefings/rss/", "/feeds/briefings/atom/"):
        xml = client.get(feed).content.decode()
        # Feeds are XML: the payload's markup must arrive as text, escaped.
        for markup in ("<script", "<img", "<iframe", "<svg", "<object", "<base", "<a href"):
            assert markup not in xml, (feed, markup)

    response = client.post(
        briefing.get_absolute_url() + "suggest/",
        {
            "name": payload[:40],
            "email": "a@example.org",
            "friends": "b@example.net",
            "note": payload,
            "website": "",
        },
    )
    assert response.status_code in {200, 302}
    if mail.outbox:  # a payload with a line break in the name is refused, which is fine too
        html = mail.outbox[0].alternatives[0][0]
        assert runnable(html) == []
