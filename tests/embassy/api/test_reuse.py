"""The API for reuse (#26): each briefing links its other-language versions, `updated_since`
keeps a copy current, and filters naming nothing the site has are a clear 400."""

import datetime
import json

import pytest
from django.utils import timezone

from embassy.pages.publishing import Status
from sections.models import Article
from tests import factories
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_three_languages(make_briefing):
    """An English briefing, its published Chinese version and a Vietnamese draft."""
    english = make_briefing(exchanges=2)
    chinese = english.draft_translation("zh-hans")
    chinese.title = "外交部发言人例行记者会"
    chinese.status = Status.PUBLISHED
    chinese.save()
    vietnamese = english.draft_translation("vi")
    return english, chinese, vietnamese


def test_a_briefing_links_its_published_versions_in_other_languages(client, in_three_languages):
    english, chinese, vietnamese = in_three_languages
    data = client.get(f"/api/v1/briefings/{english.pk}").json()
    assert data["translations"] == [
        {
            "id": chinese.pk,
            "language": "zh-hans",
            "title": "外交部发言人例行记者会",
            "url": "http://testserver" + chinese.get_absolute_url(),
            "api_url": f"http://testserver/api/v1/briefings/{chinese.pk}",
        }
    ]
    assert chinese.get_absolute_url().startswith("/zh-hans/")
    # And back: the Chinese version links the English one; the draft is nowhere.
    back = client.get(f"/api/v1/briefings/{chinese.pk}").json()["translations"]
    assert [(t["id"], t["language"]) for t in back] == [(english.pk, "en")]
    assert client.get(f"/api/v1/briefings/{vietnamese.pk}").status_code == 404
    assert str(vietnamese.pk) not in str(back)


def test_a_list_links_the_versions_in_one_query_whatever_its_length(
    client, in_three_languages, make_briefing, count_queries
):
    listed = {b["id"]: b for b in client.get("/api/v1/briefings").json()["results"]}
    english, chinese, _ = in_three_languages
    assert [t["id"] for t in listed[english.pk]["translations"]] == [chinese.pk]
    assert [t["id"] for t in listed[chinese.pk]["translations"]] == [english.pk]
    few = count_queries(client, "/api/v1/briefings")
    for _ in range(4):
        make_briefing().draft_translation("vi")
    assert count_queries(client, "/api/v1/briefings") == few


def test_the_bulk_file_links_the_versions_too(client, in_three_languages):
    english, chinese, _ = in_three_languages
    response = client.get("/api/v1/export/briefings.jsonl")
    lines = b"".join(response.streaming_content).decode().splitlines()
    records = {record["id"]: record for record in map(json.loads, lines)}
    assert [t["id"] for t in records[english.pk]["translations"]] == [chinese.pk]
    assert records[chinese.pk]["translations"][0]["url"].endswith(english.get_absolute_url())


def test_updated_since_lists_what_changed_or_came_into_view(client, make_briefing):
    untouched = make_briefing()
    edited = make_briefing()
    scheduled = make_briefing(publish_at=timezone.now() + datetime.timedelta(hours=1))
    since = timezone.now()
    Briefing.objects.filter(pk=untouched.pk).update(updated_at=since - datetime.timedelta(days=1))
    Briefing.objects.filter(pk=scheduled.pk).update(
        updated_at=since - datetime.timedelta(days=1),
        # Scheduled yesterday for a minute from `since`, public now: new to a copy kept since.
        publish_at=since + datetime.timedelta(microseconds=1),
    )
    edited.title = "Edited after the last sync"
    edited.save()

    def ids(moment):
        response = client.get("/api/v1/briefings", {"updated_since": moment})
        assert response.status_code == 200, response.content
        return {b["id"] for b in response.json()["results"]}

    assert ids(since.isoformat()) == {edited.pk, scheduled.pk}
    # An address written by hand: no offset is UTC, Z too.
    as_utc = since.astimezone(datetime.UTC).replace(tzinfo=None)
    assert ids(as_utc.isoformat()) == {edited.pk, scheduled.pk}
    assert ids(as_utc.isoformat() + "Z") == {edited.pk, scheduled.pk}
    assert ids((since - datetime.timedelta(days=2)).isoformat()) == {
        untouched.pk,
        edited.pk,
        scheduled.pk,
    }
    assert ids((timezone.now() + datetime.timedelta(hours=1)).isoformat()) == set()
    assert client.get("/api/v1/briefings", {"updated_since": "yesterday"}).status_code == 422


def test_updated_since_for_articles(client, make_article):
    old = make_article(title="Old news")
    Article.objects.filter(pk=old.pk).update(
        updated_at=factories.seed_time(days=-30), publish_at=factories.seed_time(days=-30)
    )
    new = make_article(title="Visa rules")
    response = client.get("/api/v1/articles", {"updated_since": factories.seed_time().isoformat()})
    assert [a["id"] for a in response.json()["results"]] == [new.pk]


@pytest.mark.parametrize("path", ["/api/v1/briefings", "/api/v1/exchanges"])
def test_a_language_the_site_does_not_have_is_a_400(client, make_briefing, path):
    # Before: an empty list, as if nothing were published in it.
    make_briefing()
    response = client.get(path, {"language": "xx"})
    assert response.status_code == 400
    assert response.json() == {"detail": "No language 'xx': the site's are en, zh-hans, vi."}
    assert client.get(path, {"language": "en"}).json()["count"] >= 1
    assert client.get(path, {"language": "vi"}).json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/v1/briefings", "/api/v1/exchanges", "/api/v1/articles"])
def test_reversed_dates_are_a_400(client, make_briefing, path):
    # Before: an empty list.
    make_briefing()
    response = client.get(path, {"date_from": "2021-02-01", "date_to": "2021-01-01"})
    assert response.status_code == 400
    assert response.json() == {"detail": "date_from (2021-02-01) is after date_to (2021-01-01)."}
    one_day = client.get(path, {"date_from": "2021-01-28", "date_to": "2021-01-28"})
    assert one_day.status_code == 200
