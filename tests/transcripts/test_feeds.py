"""RSS and Atom feeds: public briefings only, the latest twenty, constant queries."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from embassy.pages.publishing import Status
from tests import factories, media_files

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_the_latest_published_briefings(client, make_briefing):
    briefing = make_briefing(exchanges=2, opening_remarks="Announcement first.")
    make_briefing(status=Status.DRAFT, title="A draft")
    response = client.get("/feeds/briefings/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [briefing.title]
    assert items[0].findtext("link") == f"http://testserver{briefing.get_absolute_url()}"
    description = items[0].findtext("description")
    assert "28 January 2021, 19:34 Beijing time" in description
    assert "Announcement first." in description
    assert "Bloomberg: Question 1 of briefing" in description


def test_atom_feed(client, make_briefing):
    briefing = make_briefing()
    response = client.get("/feeds/briefings/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entry = ET.fromstring(response.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == briefing.title
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Zhao Lijian"


def test_feed_holds_the_latest_twenty_in_constant_queries(client, make_many_briefings):
    make_many_briefings(3, exchanges=2)
    with CaptureQueriesContext(connection) as few:
        client.get("/feeds/briefings/rss/")
    make_many_briefings(60, exchanges=5)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/feeds/briefings/rss/")
    assert len(ET.fromstring(response.content).find("channel").findall("item")) == 20
    assert len(many) == len(few)


def test_tag_feeds_hold_briefings_tagged_or_with_a_tagged_exchange(client, make_briefing):
    tagged = make_briefing(title="Tagged briefing")
    tagged.tags.add("Climate")
    with_exchange = make_briefing(title="Briefing with a tagged question")
    with_exchange.exchanges.first().tags.add("Climate")
    with_exchange.exchanges.last().tags.add("Climate")  # listed once all the same
    make_briefing(title="Unrelated briefing")
    make_briefing(title="Draft on climate", status=Status.DRAFT).tags.add("Climate")
    rss = ET.fromstring(client.get("/feeds/tags/climate/rss/").content)
    titles = sorted(item.findtext("title") for item in rss.iter("item"))
    assert titles == ["Briefing with a tagged question", "Tagged briefing"]
    assert "Climate" in rss.find("channel").findtext("title")
    atom = ET.fromstring(client.get("/feeds/tags/climate/atom/").content)
    assert len(atom.findall(f"{ATOM}entry")) == 2


def test_a_topics_name_is_shown_never_run_by_a_reader_that_renders_html(client, make_briefing):
    name = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    make_briefing(title="On the topic").tags.add(name)
    tag = Tag.objects.get(name=name)
    channel = ET.fromstring(client.get(f"/feeds/tags/{tag.slug}/rss/").content).find("channel")
    # What a reader gets from the XML is the HTML it renders: escaped, as the items' text is.
    description = channel.findtext("description")
    assert "<script" not in description and "<img" not in description
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description
    for item in channel.iter("item"):
        assert "<script" not in item.findtext("description")
    # Atom says its subtitle is text: the name as it is, which a reader shows as text.
    atom = ET.fromstring(client.get(f"/feeds/tags/{tag.slug}/atom/").content)
    subtitle = atom.find(f"{ATOM}subtitle")
    assert subtitle.get("type", "text") == "text"
    assert subtitle.text == f"The latest press briefings on “{name}”."


def test_a_topic_feed_keeps_no_request_on_the_instance_every_thread_shares(client, make_briefing):
    from django.urls import resolve

    make_briefing(title="On climate").tags.add("climate")
    make_briefing(title="On trade").tags.add("trade")
    feed = resolve("/feeds/tags/climate/rss/").func
    assert resolve("/feeds/tags/trade/rss/").func is feed  # one instance for every request
    state = dict(vars(feed))
    climate = client.get("/feeds/tags/climate/rss/").content.decode()
    trade = client.get("/feeds/tags/trade/rss/").content.decode()
    assert vars(feed) == state
    assert "On climate" in climate and "On trade" not in climate
    assert "On trade" in trade and "On climate" not in trade


def test_pages_announce_their_feeds(client, make_briefing):
    make_briefing().tags.add("Climate")
    assert 'type="application/rss+xml"' in client.get("/").content.decode()
    tag_page = client.get("/tags/climate/").content.decode()
    assert 'href="/feeds/tags/climate/atom/"' in tag_page


def test_a_recording_in_the_library_is_the_items_enclosure(client, make_briefing):
    video = factories.make_document(
        title="Video", upload=media_files.upload("v.mp4", media_files.MP4)
    )
    make_briefing(place="Blue Hall", ends_at=factories.seed_time(hours=1), recording=video)
    item = ET.fromstring(client.get("/feeds/briefings/rss/").content).find("channel/item")
    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": f"http://testserver/documents/{video.pk}/",
        "length": str(video.file_size),
        "type": "video/mp4",
    }
    assert "28 January 2021, 19:34</time>–<time" in item.findtext("description")
    assert "Blue Hall" in item.findtext("description")
    entry = ET.fromstring(client.get("/feeds/briefings/atom/").content).find(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert link.get("href") == f"http://testserver/documents/{video.pk}/"


def test_a_recording_elsewhere_is_a_link_in_the_text_not_an_enclosure(client, make_briefing):
    make_briefing(recording_url="https://www.fmprc.gov.cn/v.mp4")
    item = ET.fromstring(client.get("/feeds/briefings/rss/").content).find("channel/item")
    assert item.find("enclosure") is None
    assert 'href="https://www.fmprc.gov.cn/v.mp4"' in item.findtext("description")
