"""A topic's name in each language (TopicName): the tag's own name is the default language's,
its slug one address in every language. Through the pages, the feeds, the forms and the API."""

import re

import pytest
from django.utils import translation
from taggit.models import Tag

from embassy.pages.publishing import Status
from transcripts.models import TopicName
from transcripts.tagging import public_tags, topic_name

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def climate(make_briefing):
    """A published briefing tagged "Climate change", named in Chinese and Vietnamese."""
    briefing = make_briefing(exchanges=2)
    briefing.tags.add("Climate change")
    tag = Tag.objects.get(name="Climate change")
    TopicName.objects.create(tag=tag, language="zh-hans", name="气候变化")
    TopicName.objects.create(tag=tag, language="vi", name="Biến đổi khí hậu")
    return briefing


@pytest.mark.parametrize(
    "prefix, name, subject",
    [
        ("", "Climate change", "Subject"),
        ("/zh-hans", "气候变化", "议题"),
        ("/vi", "Biến đổi khí hậu", "Vấn đề"),
    ],
)
def test_the_topic_page_names_the_topic_in_the_readers_language(
    client, climate, prefix, name, subject
):
    page = html(client.get(f"{prefix}/tags/climate-change/"))
    separator = ": " if subject != "议题" else "："
    assert f"<h1>{subject}{separator}{name}</h1>" in page
    assert f"<title>{subject}{separator}{name}" in page
    feeds = re.findall(r'<link rel="alternate" type="application/[a-z+]+xml" title="([^"]*)"', page)
    assert sum(name in title for title in feeds) == 2  # the topic's RSS and Atom
    if prefix:
        assert "Climate change" not in page


def test_briefing_pages_list_their_topics_in_the_readers_language(client, climate, make_briefing):
    vietnamese = make_briefing(exchanges=1, language="vi", title="Họp báo thường kỳ")
    vietnamese.tags.add("Climate change")
    vietnamese.exchanges.get().tags.add("Climate change")
    with translation.override("vi"):
        address = vietnamese.get_absolute_url()
    assert address.startswith("/vi/")
    page = html(client.get(address))
    # The briefing's and its exchange's.
    assert page.count('<a href="/vi/tags/climate-change/">Biến đổi khí hậu</a>') == 2
    assert "Climate change" not in page
    english = html(client.get(climate.get_absolute_url()))
    assert '<a href="/tags/climate-change/">Climate change</a>' in english


def test_a_language_with_no_name_shows_the_topics_own(client, make_briefing):
    make_briefing().tags.add("Xinjiang")
    page = html(client.get("/vi/tags/xinjiang/"))
    assert "<h1>Vấn đề: Xinjiang</h1>" in page


def test_a_renamed_topic_is_shown_renamed_at_once(client, climate):
    assert "Biến đổi khí hậu" in html(client.get("/vi/tags/climate-change/"))
    TopicName.objects.filter(language="vi").update(name="Khí hậu")  # a write: a new generation
    TopicName.objects.get(language="vi").save()
    page = html(client.get("/vi/tags/climate-change/"))
    assert "<h1>Vấn đề: Khí hậu</h1>" in page


def test_the_topic_feed_is_titled_in_the_readers_language(client, climate):
    feed = html(client.get("/vi/feeds/tags/climate-change/rss/"))
    assert "“Biến đổi khí hậu”" in feed
    assert "Climate change" not in feed


def test_the_search_form_offers_subjects_by_their_names_in_the_readers_language(
    client, climate, make_briefing
):
    make_briefing().tags.add("Xinjiang")  # Tân Cương in Vietnamese: after "Biến …" there
    TopicName.objects.create(tag=Tag.objects.get(name="Xinjiang"), language="vi", name="Tân Cương")
    page = html(client.get("/vi/search/"))
    assert ">Vấn đề<" in page and ">Topic<" not in page and "Chủ đề</label>" not in page
    options = re.search(r'<select name="tag"[^>]*>(.*?)</select>', page, re.S)[1]
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', options) == [
        ("", "Mọi vấn đề"),
        ("climate-change", "Biến đổi khí hậu"),
        ("xinjiang", "Tân Cương"),
    ]
    english = html(client.get("/search/"))
    options = re.search(r'<select name="tag"[^>]*>(.*?)</select>', english, re.S)[1]
    assert ">Any subject<" in options and ">Climate change<" in options
    assert re.search(r"<label[^>]*>Subject:?</label>", english)


def test_the_alerts_form_offers_subjects_in_the_readers_language(client, climate):
    page = html(client.get("/vi/alerts/subscribe/"))
    options = re.search(r'<select name="topic"[^>]*>(.*?)</select>', page, re.S)[1]
    assert 'value="climate-change">Biến đổi khí hậu</option>' in options
    assert "Climate change" not in page
    assert "Họp báo mới về một vấn đề" in page
    english = html(client.get("/alerts/subscribe/"))
    assert "New briefings on a subject" in english
    assert re.search(r"<label[^>]*>Subject:?</label>", english)


def test_the_api_gives_the_name_in_every_language(client, climate):
    (topic,) = client.get("/api/v1/topics").json()["results"]
    assert topic["name"] == "Climate change"
    assert topic["names"] == {
        "en": "Climate change",
        "zh-hans": "气候变化",
        "vi": "Biến đổi khí hậu",
    }
    briefing = client.get(f"/api/v1/briefings/{climate.pk}").json()
    assert briefing["topics"][0]["names"]["vi"] == "Biến đổi khí hậu"


def test_a_drafts_topic_is_named_nowhere(client, make_briefing):
    make_briefing(status=Status.DRAFT).tags.add("Embargoed")
    TopicName.objects.create(tag=Tag.objects.get(name="Embargoed"), language="vi", name="Cấm vận")
    assert list(public_tags("vi")) == []
    assert "Cấm vận" not in html(client.get("/vi/search/"))


def test_names_in_a_language_cost_no_query_per_topic(climate, django_assert_num_queries):
    tag = Tag.objects.get()
    with django_assert_num_queries(1):
        assert [topic_name(tag, "vi") for _ in range(20)] == ["Biến đổi khí hậu"] * 20
    with django_assert_num_queries(0):
        assert topic_name(tag, "en") == "Climate change"


def test_the_demos_topics_are_named_in_all_three_languages(client, demo_site):
    tags = Tag.objects.exclude(translated_names__language="vi")
    assert not tags.exists(), [tag.name for tag in tags]
    assert not Tag.objects.exclude(translated_names__language="zh-hans").exists()
    page = html(client.get("/vi/tags/climate-change/"))
    assert "<h1>Vấn đề: Biến đổi khí hậu</h1>" in page
    page = html(client.get("/zh-hans/tags/climate-change/"))
    assert "<h1>议题：气候变化</h1>" in page


def test_staff_name_a_topic_in_each_language_in_the_admin(admin_client, make_briefing):
    make_briefing().tags.add("Hong Kong")
    tag = Tag.objects.get()
    page = html(admin_client.get(f"/admin/transcripts/topic/{tag.pk}/change/"))
    assert 'name="translated_names-TOTAL_FORMS" value="2"' in page
    response = admin_client.post(
        f"/admin/transcripts/topic/{tag.pk}/change/",
        {
            "name": "Hong Kong",
            "slug": "hong-kong",
            "translated_names-TOTAL_FORMS": "2",
            "translated_names-INITIAL_FORMS": "0",
            "translated_names-MIN_NUM_FORMS": "0",
            "translated_names-MAX_NUM_FORMS": "2",
            "translated_names-0-language": "zh-hans",
            "translated_names-0-name": "香港",
            "translated_names-1-language": "vi",
            "translated_names-1-name": "Hồng Kông",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert dict(tag.translated_names.values_list("language", "name")) == {
        "zh-hans": "香港",
        "vi": "Hồng Kông",
    }
    assert "<h1>Vấn đề: Hồng Kông</h1>" in html(admin_client.get("/vi/tags/hong-kong/"))
