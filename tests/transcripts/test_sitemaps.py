"""sitemap.xml and robots.txt: public pages only, constant queries."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from embassy.pages.publishing import Status
from sections.models import Article, Section
from transcripts import sitemaps
from transcripts.models import Briefing, Exchange, Outlet

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_addresses(client):
    """Every address listed by the sitemap index and the sitemaps it points to."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    addresses = []
    for location in index.iter(f"{SITEMAP}loc"):
        response = client.get(location.text.removeprefix("http://testserver"))
        assert response.status_code == 200, location.text
        addresses += [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    return addresses


def test_sitemap_lists_every_public_page_and_nothing_else(client, demo_site):
    seed = Briefing.objects.get(language="en")
    seed.tags.add("Climate")
    draft = Briefing.objects.create(
        title="Draft briefing",
        slug="draft-briefing",
        spokesperson=seed.spokesperson,
        section=seed.section,
        held_at=seed.held_at,
        status=Status.DRAFT,
    )
    for position in (1, 2):
        Exchange.objects.create(briefing=draft, position=position, question="Q?", answer="A.")
    draft.tags.add("Secret")
    addresses = sitemap_addresses(client)
    # Language-neutral pages are listed in every language; content in its own only.
    # The demo's seed carries its topics (climate change, Xinjiang…); the draft's are secret.
    tags = {tag.slug for version in Briefing.objects.published() for tag in version.tags.all()}
    tags |= {
        tag.slug
        for exchange in Exchange.objects.filter(briefing__status=Status.PUBLISHED)
        for tag in exchange.tags.all()
    }
    neutral = ["/", "/briefings/", *(f"/tags/{slug}/" for slug in sorted(tags))]
    neutral += [s.get_absolute_url() for s in Section.objects.all()]
    # The demo has the seed in English, Chinese and Vietnamese, with one spokesperson and the
    # same outlets in all three.
    versions = list(seed.versions())
    assert [version.language for version in versions] == ["en", "zh-hans", "vi"]
    neutral += [seed.spokesperson.get_absolute_url()]
    neutral += [
        o.get_absolute_url()
        for o in Outlet.objects.filter(exchanges__briefing__in=versions).distinct()
    ]
    expected = [prefix + url for url in neutral for prefix in ("", "/zh-hans", "/vi")]
    expected += [a.get_absolute_url() for a in Article.objects.published()]
    # The archive in each language that has briefings of its own.
    for prefix in ("", "/zh-hans", "/vi"):
        expected += [f"{prefix}/briefings/2021/", f"{prefix}/briefings/2021/01/"]
    expected += [version.get_absolute_url() for version in versions]
    expected += [e.get_absolute_url() for version in versions for e in version.exchanges.all()]
    expected += [
        version.side_by_side_url(other.language)
        for version in versions
        for other in versions
        if other != version
    ]
    assert sorted(addresses) == sorted({f"http://testserver{url}" for url in expected})
    assert len(seed.exchanges.all()) == 8
    assert not any(draft.slug in a or "secret" in a for a in addresses)
    assert Exchange.objects.count() == 26  # the draft's two exchanges exist but are not listed
    for address in addresses:
        assert client.get(address.removeprefix("http://testserver")).status_code == 200, address


def test_sitemap_pages_take_constant_queries_and_split_large_sets(
    client, make_many_briefings, settings
):
    make_many_briefings(3, exchanges=2)
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap-exchanges.xml")
    cache.clear()

    sitemaps.ExchangeSitemap.limit = 100  # what 5,000 does for a real archive, kept quick
    try:
        Briefing.objects.all().delete()
        make_many_briefings(120, exchanges=2)
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-exchanges.xml?p=3" in index
        with CaptureQueriesContext(connection) as many:
            response = client.get("/sitemap-exchanges.xml?p=2")
        assert response.content.decode().count("<url>") == 100
        assert len(many) == len(few)
        assert client.get("/sitemap-exchanges.xml?p=4").status_code == 404
    finally:
        sitemaps.ExchangeSitemap.limit = sitemaps.SITEMAP_PAGE_SIZE


def test_archive_sitemap_lists_each_month_once(client, make_briefing):
    make_briefing(held_at=make_briefing().held_at + datetime.timedelta(days=40))
    addresses = sitemap_addresses(client)
    assert addresses.count("http://testserver/briefings/2021/01/") == 1
    assert addresses.count("http://testserver/briefings/2021/03/") == 1
    assert addresses.count("http://testserver/briefings/2021/") == 1


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert re.search(r"^Disallow: /admin/$", body, re.M)
    assert re.search(r"^User-agent: \*$", body, re.M)
