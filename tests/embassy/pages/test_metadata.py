"""What every page kind tells search engines and sharing previews, read from its head as a crawler
reads it: the description from its own content, the canonical address, Open Graph and Twitter
tags, and the schema.org JSON-LD (embassy/pages/metadata.py and its template tags)."""

import datetime
import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from PIL import Image as PILImage

from embassy.pages import metadata
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteProfile
from tests import factories
from transcripts.models import Briefing

SITE = "Embassy of the People's Republic of China"
SEAL = "http://testserver/static/img/seal.png"


class Head(HTMLParser):
    """The head's meta and link tags and its JSON-LD, as a crawler reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.json_ld, self.robots = {}, {}, [], []
        self.in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs.get("property")
            if key == "robots":
                self.robots.append(attrs["content"])
            self.meta.setdefault(key, attrs["content"])
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.links.setdefault("canonical", []).append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json_ld = False

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld[-1] += data

    @property
    def canonical(self):
        (url,) = self.links["canonical"]  # exactly one
        return url

    def things(self):
        (text,) = self.json_ld
        return {thing["@type"]: thing for thing in json.loads(text)["@graph"]}


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    head = Head()
    head.feed(response.content.decode().split("</head>")[0])
    return head


def assert_shared(head, title, description, url, image=SEAL):
    """Description, canonical, Open Graph and Twitter card agree on the page."""
    assert head.meta["description"] == description
    assert head.canonical == url
    assert head.meta["og:title"] == head.meta["twitter:title"] == title
    assert head.meta["og:description"] == head.meta["twitter:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:site_name"] == SITE
    assert head.meta["og:image"] == head.meta["twitter:image"] == image
    assert head.robots == []


@pytest.fixture
def briefing(db):
    briefing = factories.make_briefing(
        1,
        exchanges=2,
        title="Regular Press Conference on 28 January",
        opening_remarks="The Foreign Ministry has an announcement.",
    )
    first = briefing.exchanges.order_by("position").first()
    first.question = "CCTV asks about climate cooperation with the United States. " * 8
    first.save()
    return briefing


def test_home_describes_the_site_and_the_embassy(client, db):
    SiteProfile.objects.create(
        address="1 Example Street\nBa Dinh District, Hanoi",
        telephone="+84 24 3845 3736",
        email="consular@embassy.example",
    )
    head = head_of(client, "/")
    description = head.meta["description"]
    assert SITE in description and "briefings" in description
    assert_shared(head, SITE, description, "http://testserver/")
    assert head.meta["og:type"] == "website"
    assert head.meta["twitter:card"] == "summary"  # a square seal, not a photograph
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("512", "512")
    things = head.things()
    embassy = things["GovernmentOrganization"]
    assert embassy["name"] == SITE
    assert embassy["url"] == "http://testserver/"
    assert embassy["logo"] == SEAL
    assert embassy["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Example Street, Ba Dinh District, Hanoi",
    }
    assert embassy["telephone"] == "+84 24 3845 3736"
    assert embassy["email"] == "consular@embassy.example"
    search = things["WebSite"]["potentialAction"]
    assert search["target"] == "http://testserver/search/?q={search_term_string}"


def test_the_seal_for_previews_is_a_png_that_exists():
    with PILImage.open(finders.find(metadata.SEAL_PNG)) as seal:
        assert seal.format == "PNG"
        assert seal.size == (metadata.SEAL_PNG_SIZE, metadata.SEAL_PNG_SIZE)


def test_a_seal_chosen_in_the_library_is_the_preview_image(client, db):
    seal = factories.make_image("Seal")
    SiteProfile.objects.create(seal=seal)
    head = head_of(client, "/contact/")
    jpeg = max((r for r in seal.renditions.all() if r.format == "JPEG"), key=lambda r: r.width)
    assert head.meta["og:image"] == "http://testserver" + jpeg.file.url
    assert head.things()["GovernmentOrganization"]["logo"] == head.meta["og:image"]


def test_article_is_described_by_its_first_paragraph_and_shared_with_its_lead_image(client, db):
    image = factories.make_image("The ambassador at the embassy")
    article = factories.make_article(
        1,
        title="Visa fees from March",
        body="<h2>Fees</h2><p></p><p>From 1 March the <strong>visa fee</strong> is 60 USD.</p>"
        "<p>Second paragraph.</p>",
        lead_image=image,
    )
    url = "http://testserver" + article.get_absolute_url()
    head = head_of(client, article.get_absolute_url() + "?utm_source=x")
    # Its sharing preview: the 1000 by 600 photo cut to the previewers' 1.91:1 (1000 by 525).
    card = image.card()
    image_url = "http://testserver" + card.file.url
    description = "From 1 March the visa fee is 60 USD."
    assert_shared(head, "Visa fees from March", description, url, image=image_url)
    assert head.meta["og:type"] == "article"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:image:alt"] == image.alt_text
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1000", "525")
    news = head.things()["NewsArticle"]
    assert news["headline"] == "Visa fees from March"
    assert news["description"] == description
    assert news["url"] == news["mainEntityOfPage"] == url
    assert news["datePublished"] == metadata.iso(article.publish_at)
    assert news["dateModified"] == metadata.iso(article.updated_at)
    assert news["inLanguage"] == "en"
    assert news["image"] == image_url
    assert news["articleSection"] == "Consular Services"
    assert news["publisher"] == news["author"] == {"@id": "http://testserver/#organization"}


def test_briefing_is_described_by_its_first_question_and_is_an_event(client, briefing):
    url = "http://testserver" + briefing.get_absolute_url()
    head = head_of(client, briefing.get_absolute_url())
    description = head.meta["description"]
    assert description.startswith("CCTV asks about climate cooperation with the United States.")
    assert len(description) <= metadata.DESCRIPTION_LENGTH and description.endswith("…")
    assert_shared(head, briefing.title, description, url)
    news = head.things()["NewsArticle"]
    assert news["headline"] == briefing.title
    assert news["datePublished"] == "2021-01-28T19:34:00+08:00"
    assert news["dateModified"] == metadata.iso(briefing.updated_at)
    assert news["inLanguage"] == "en"
    assert news["author"] == {
        "@type": "Person",
        "name": "Zhao Lijian",
        "url": "http://testserver/spokespeople/zhao-lijian/",
        "jobTitle": "Foreign Ministry Spokesperson",
    }
    assert news["publisher"] == {"@id": "http://testserver/#organization"}
    event = news["about"]
    assert event["@type"] == "Event"
    assert event["startDate"] == "2021-01-28T19:34:00+08:00"
    assert event["performer"]["name"] == "Zhao Lijian"
    assert event["organizer"] == {"@id": "http://testserver/#organization"}


def test_a_briefing_event_has_its_place_and_end_when_staff_gave_them(client, briefing):
    assert (
        "location"
        not in head_of(client, briefing.get_absolute_url()).things()["NewsArticle"]["about"]
    )
    briefing.place = "Blue Hall, Ministry of Foreign Affairs, Beijing"
    briefing.ends_at = briefing.held_at + datetime.timedelta(minutes=66)
    briefing.save()
    event = head_of(client, briefing.get_absolute_url()).things()["NewsArticle"]["about"]
    assert event["location"] == {
        "@type": "Place",
        "name": "Blue Hall, Ministry of Foreign Affairs, Beijing",
    }
    assert event["endDate"] == "2021-01-28T20:40:00+08:00"


def test_briefing_without_questions_is_described_by_its_opening_remarks(client, db):
    briefing = factories.make_briefing(2, exchanges=0, opening_remarks="An announcement.\n\nMore.")
    head = head_of(client, briefing.get_absolute_url())
    assert head.meta["description"] == "An announcement. More."


def test_exchange_is_described_by_its_question(client, briefing):
    exchange = briefing.exchanges.order_by("position").first()
    url = "http://testserver" + exchange.get_absolute_url()
    head = head_of(client, exchange.get_absolute_url())
    assert head.meta["description"].startswith("CCTV asks about climate cooperation")
    assert_shared(head, exchange.title, head.meta["description"], url)
    news = head.things()["NewsArticle"]
    assert news["author"]["name"] == "Zhao Lijian"
    assert news["isPartOf"]["url"] == "http://testserver" + briefing.get_absolute_url()


def test_section_is_described_by_its_intro_and_its_list_pages_keep_their_number(client, db):
    section = factories.make_section(intro="<p>Visas, passports &amp; notarial acts.</p>")
    for n in range(25):
        factories.make_article(n, section=section)
    head = head_of(client, "/sections/consular-services/")
    assert_shared(
        head,
        "Consular Services",
        "Visas, passports & notarial acts.",
        "http://testserver/sections/consular-services/",
    )
    second = head_of(client, "/sections/consular-services/?page=2&utm_source=mail")
    assert second.canonical == "http://testserver/sections/consular-services/?page=2"


def test_section_without_intro_says_what_it_holds(client, db):
    factories.make_section("Cultural Exchange")
    head = head_of(client, "/sections/cultural-exchange/")
    assert head.meta["description"] == f"Cultural Exchange: pages and notices of the {SITE}."


@pytest.mark.parametrize(
    ("url", "title", "words"),
    [
        ("/briefings/", "Briefings by date", "by year and month"),
        ("/briefings/2021/", "Briefings in 2021", "held in 2021"),
        ("/briefings/2021/01/", "Briefings in January 2021", "held in January 2021"),
        ("/briefings/2021/01/28/", "Briefings on 28 January 2021", "held on 28 January 2021"),
        ("/spokespeople/zhao-lijian/", "Zhao Lijian", "given by Zhao Lijian"),
        ("/outlets/bloomberg/", "Questions from Bloomberg", "Every question Bloomberg asked"),
        ("/tags/climate/", "Subject: climate", "on climate"),
        ("/contact/", "Contact", "consular emergency line"),
    ],
)
def test_other_pages_say_what_they_list(client, briefing, url, title, words):
    briefing.tags.add("climate")
    head = head_of(client, url)
    assert words in head.meta["description"]
    assert_shared(head, title, head.meta["description"], "http://testserver" + url)
    assert list(head.things()) == ["GovernmentOrganization"]


def test_pages_in_another_language_are_their_own_canonical(client, db):
    briefing = factories.make_briefing(3, language="zh-hans", title="外交部发言人例行记者会")
    head = head_of(client, briefing.get_absolute_url())
    assert head.canonical.startswith("http://testserver/zh-hans/briefings/")
    assert head.things()["NewsArticle"]["inLanguage"] == "zh-hans"
    assert head.meta["og:title"] == "外交部发言人例行记者会"


@pytest.mark.parametrize("url", ["/search/?q=climate", "/no/such/page/"])
def test_search_and_missing_pages_are_not_indexed(client, briefing, url):
    response = client.get(url)
    head = Head()
    head.feed(response.content.decode().split("</head>")[0])
    assert head.robots == ["noindex"]


def test_the_suggest_form_is_not_indexed_and_says_so_once(client, briefing):
    head = head_of(client, briefing.get_absolute_url() + "suggest/")
    assert head.robots == ["noindex"]


def test_a_draft_previewed_by_staff_is_never_indexed(staff_client, client, db):
    draft = factories.make_briefing(4, status=Status.DRAFT)
    assert head_of(staff_client, draft.get_absolute_url()).robots == ["noindex"]
    draft.status = Status.PUBLISHED
    draft.save()
    assert head_of(staff_client, draft.get_absolute_url()).robots == []
    assert head_of(client, draft.get_absolute_url()).robots == []


@override_settings(PAGE_CACHE=False)
def test_markup_in_a_title_cannot_leave_the_json_ld(client, db):
    title = "外交部 </script><script>alert(1)</script> & <!-- Q&A"
    briefing = factories.make_briefing(5, title=title)
    page = client.get(briefing.get_absolute_url()).content.decode()
    head = Head()
    head.feed(page.split("</head>")[0])
    (text,) = head.json_ld
    assert "<" not in text and ">" not in text and "&" not in text
    assert head.things()["NewsArticle"]["headline"] == title
    assert page.count("<script") == 1  # the ld+json only; no script element was opened


def test_descriptions_are_cut_at_a_word_or_in_chinese_at_a_character():
    assert metadata.cut("word " * 50, 30) == "word word word word word…"
    assert metadata.cut("中" * 200, 160) == "中" * 159 + "…"
    assert metadata.cut("Short.", 160) == "Short."


def test_the_metadata_costs_a_constant_number_of_queries(client, briefing, count_queries):
    """The head reads what the page already loaded: the seal and contact details from the
    cache, the first question from the exchanges listed below, the lead image with its page."""
    exchange = briefing.exchanges.first()
    pages = [briefing.get_absolute_url(), exchange.get_absolute_url()]
    before = [count_queries(client, url) for url in pages]
    factories.add_bulk_exchanges([(briefing, 30)], factories.outlet("Reuters"))
    assert [count_queries(client, url) for url in pages] == before
    Briefing.objects.filter(pk=briefing.pk).update(lead_image=factories.make_image())
    # The lead image's renditions, read once for the figure and the preview alike.
    assert [count_queries(client, url) for url in pages] == [n + 1 for n in before]


@override_settings(PAGE_CACHE=False)
def test_a_briefings_kept_metadata_follows_its_edits_and_its_address(client, briefing, settings):
    """The briefing's head is kept per content generation and per address it is read at: an
    edit shows at once, and another host name gets links of its own."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    factories.embassy_answers_the_test_client()
    from embassy.missions.models import Mission, MissionHost

    MissionHost.objects.create(mission=Mission.home(), host="other.example", redirects=False)
    path = briefing.get_absolute_url()
    assert head_of(client, path).meta["og:title"] == briefing.title
    briefing.title = "Regular Press Conference, corrected"
    briefing.save()
    assert head_of(client, path).meta["og:title"] == "Regular Press Conference, corrected"
    # One canonical address (the origin's) on both, and each host's own links.
    other = head_of(Client(HTTP_HOST="other.example"), path)
    here = head_of(client, path)
    assert other.canonical == here.canonical
    assert other.things()["NewsArticle"]["publisher"] == {
        "@id": "http://other.example/#organization"
    }
    assert here.things()["NewsArticle"]["publisher"] == {"@id": "http://testserver/#organization"}
