"""The read-only API: what it lists, what it never shows, pages, filters, the OpenAPI page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from embassy.api.paging import MAX_PAGE_SIZE
from embassy.pages.publishing import Status
from tests import factories, media_files
from transcripts.models import Briefing, Exchange

pytestmark = pytest.mark.django_db

SEED_OUTLETS = ["CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]


def test_the_seed_briefing_has_its_8_exchanges(client, demo_site):
    briefing = Briefing.objects.get(language="en")
    response = client.get(f"/api/v1/briefings/{briefing.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == briefing.pk
    assert data["title"].startswith("Foreign Ministry Spokesperson Zhao Lijian's")
    assert data["spokesperson"]["name"] == "Zhao Lijian"
    assert data["exchange_count"] == 8
    assert [exchange["outlet"]["name"] for exchange in data["exchanges"]] == SEED_OUTLETS
    assert data["url"] == "http://testserver" + briefing.get_absolute_url()
    first = Exchange.objects.get(pk=data["exchanges"][0]["id"])
    assert data["exchanges"][0]["url"] == "http://testserver" + first.get_absolute_url()
    assert data["exchanges"][0]["question"] == first.question


def test_drafts_and_briefings_not_yet_held_never_appear(client, make_briefing):
    shown = make_briefing(exchanges=2)
    draft = make_briefing(status=Status.DRAFT, exchanges=2)
    future = make_briefing(held_at=factories.seed_time(days=365 * 20), exchanges=2)
    listed = client.get("/api/v1/briefings").json()
    assert [b["id"] for b in listed["results"]] == [shown.pk]
    for hidden in (draft, future):
        assert client.get(f"/api/v1/briefings/{hidden.pk}").status_code == 404
        exchange = hidden.exchanges.first()
        assert client.get(f"/api/v1/exchanges/{exchange.pk}").status_code == 404
    exchanges = client.get("/api/v1/exchanges").json()
    assert {e["briefing"]["id"] for e in exchanges["results"]} == {shown.pk}
    assert exchanges["count"] == 2


def test_a_name_only_a_draft_carries_stays_out(client, make_briefing):
    draft = make_briefing(status=Status.DRAFT, exchanges=1)
    draft.tags.add("secret-talks")
    secret = factories.outlet("Secret Wire")
    Exchange.objects.filter(briefing=draft).update(outlet=secret)
    assert client.get("/api/v1/topics").json()["count"] == 0
    assert client.get(f"/api/v1/outlets/{secret.pk}").status_code == 404
    assert "Secret Wire" not in client.get("/api/v1/outlets").content.decode()
    response = client.get("/api/v1/briefings", {"topic": "secret-talks"})
    assert response.status_code == 400
    assert response.json() == {"detail": "No topic with the slug 'secret-talks'."}


def test_pages_are_capped_and_linked(client, make_many_briefings):
    make_many_briefings(130, exchanges=1)
    response = client.get("/api/v1/briefings", {"page_size": 1000})
    data = response.json()
    assert data["count"] == 130
    assert data["page_size"] == MAX_PAGE_SIZE
    assert len(data["results"]) == MAX_PAGE_SIZE
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/v1/briefings?page_size=1000&page=2"
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 30
    assert second["next"] is None
    # Newest first, no briefing twice across the pages.
    ids = [b["id"] for b in data["results"] + second["results"]]
    assert len(set(ids)) == 130
    assert data["results"][0]["held_at"] > data["results"][-1]["held_at"]
    assert client.get("/api/v1/briefings", {"page": 3, "page_size": 100}).status_code == 404
    assert client.get("/api/v1/briefings", {"page": 0}).status_code == 422
    assert client.get("/api/v1/briefings", {"page": "x"}).status_code == 422


def test_a_list_takes_the_same_queries_however_long(client, make_briefing, count_queries):
    make_briefing(exchanges=2)
    few = count_queries(client, "/api/v1/exchanges")
    for _ in range(5):
        make_briefing(exchanges=8).tags.add("climate")
    assert count_queries(client, "/api/v1/exchanges") == few
    briefings = count_queries(client, "/api/v1/briefings")
    make_briefing(exchanges=3).tags.add("trade")
    assert count_queries(client, "/api/v1/briefings") == briefings


def test_a_briefing_takes_the_same_queries_however_long(client, make_briefing, count_queries):
    short, long = make_briefing(exchanges=2), make_briefing(exchanges=60)
    short.exchanges.first().tags.add("climate")  # the topics' names: one query, any number
    for exchange in long.exchanges.all()[:20]:
        exchange.tags.add("climate")
    assert count_queries(client, f"/api/v1/briefings/{short.pk}") == count_queries(
        client, f"/api/v1/briefings/{long.pk}"
    )


def test_exchanges_by_outlet_day_topic_and_spokesperson(client, make_briefing, django_user_model):
    early = make_briefing(held_at=factories.seed_time(days=-10), exchanges=3)
    late = make_briefing(exchanges=3)
    bloomberg = factories.outlet("Bloomberg")
    tagged = late.exchanges.get(position=1)
    tagged.tags.add("climate")

    def ids(**params):
        response = client.get("/api/v1/exchanges", params)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["results"]]

    assert ids(outlet="bloomberg") == list(
        Exchange.objects.filter(outlet=bloomberg)
        .order_by("-briefing__held_at", "position")
        .values_list("pk", flat=True)
    )
    assert set(ids(date_from="2021-01-20")) == set(late.exchanges.values_list("pk", flat=True))
    assert set(ids(date_to="2021-01-20")) == set(early.exchanges.values_list("pk", flat=True))
    assert ids(topic="climate") == [tagged.pk]
    assert len(ids(spokesperson="zhao-lijian")) == 6
    assert ids(language="en") and ids(language="vi") == []
    assert client.get("/api/v1/exchanges", {"outlet": "nobody"}).status_code == 400


def test_exchanges_matching_words_through_the_search(client, make_briefing):
    briefing = make_briefing(exchanges=3)
    Exchange.objects.filter(pk=briefing.exchanges.get(position=2).pk).update(
        question="What about the vaccine rollout?"
    )
    make_briefing(exchanges=2)
    data = client.get("/api/v1/exchanges", {"q": "vaccine"}).json()
    assert data["count"] == 1
    assert data["results"][0]["question"] == "What about the vaccine rollout?"
    assert data["results"][0]["briefing"]["id"] == briefing.pk
    assert client.get("/api/v1/exchanges", {"q": "nothing-like-it"}).json()["count"] == 0


def test_briefings_by_topic_day_and_spokesperson(client, make_briefing):
    tagged = make_briefing(exchanges=1)
    tagged.exchanges.get().tags.add("trade")
    other = make_briefing(held_at=factories.seed_time(days=-3), exchanges=1)

    def ids(**params):
        return [b["id"] for b in client.get("/api/v1/briefings", params).json()["results"]]

    assert ids(topic="trade") == [tagged.pk]
    assert ids(date_to=str(datetime.date(2021, 1, 26))) == [other.pk]
    assert ids(spokesperson="zhao-lijian") == [tagged.pk, other.pk]
    assert client.get("/api/v1/briefings", {"spokesperson": "nobody"}).status_code == 400


def test_people_topics_sections_articles(client, make_briefing, make_article):
    briefing = make_briefing(exchanges=3)
    briefing.tags.add("Climate change")
    article = make_article(title="Visa rules")
    make_article(title="Not yet", status=Status.DRAFT)
    spokespeople = client.get("/api/v1/spokespeople").json()["results"]
    assert [s["name"] for s in spokespeople] == ["Zhao Lijian"]
    assert spokespeople[0]["url"] == "http://testserver/spokespeople/zhao-lijian/"
    assert [o["name"] for o in client.get("/api/v1/outlets").json()["results"]] == [
        "AFP",
        "Bloomberg",
        "CCTV",
    ]
    topics = client.get("/api/v1/topics").json()["results"]
    assert topics == [
        {
            "slug": "climate-change",
            "name": "Climate change",
            # Not named in the other languages: the topic's own name in each.
            "names": {code: "Climate change" for code in ("en", "zh-hans", "vi")},
            "url": "http://testserver/tags/climate-change/",
        }
    ]
    assert client.get("/api/v1/topics/climate-change").json()["name"] == "Climate change"
    sections = client.get("/api/v1/sections").json()["results"]
    assert {s["slug"] for s in sections} == {"spokespersons-remarks", "consular-services"}
    articles = client.get("/api/v1/articles").json()["results"]
    assert [a["title"] for a in articles] == ["Visa rules"]
    assert articles[0]["url"] == "http://testserver" + article.get_absolute_url()
    assert client.get(f"/api/v1/articles/{article.pk}").json()["body"] == article.body
    assert client.get("/api/v1/articles", {"section": "consular-services"}).json()["count"] == 1
    assert client.get(f"/api/v1/sections/{sections[0]['id']}").status_code == 200
    assert client.get("/api/v1/spokespeople/999").status_code == 404


def test_the_openapi_page_lists_every_endpoint(client):
    description = client.get("/api/v1/openapi.json").json()
    assert set(description["paths"]) == {
        "/api/v1/",
        "/api/v1/briefings",
        "/api/v1/briefings/{briefing_id}",
        "/api/v1/exchanges",
        "/api/v1/exchanges/{exchange_id}",
        "/api/v1/spokespeople",
        "/api/v1/spokespeople/{spokesperson_id}",
        "/api/v1/outlets",
        "/api/v1/outlets/{outlet_id}",
        "/api/v1/topics",
        "/api/v1/topics/{slug}",
        "/api/v1/sections",
        "/api/v1/sections/{section_id}",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/export/briefings.jsonl",
        "/api/v1/export/briefings.csv",
    }
    params = {p["name"] for p in description["paths"]["/api/v1/exchanges"]["get"]["parameters"]}
    assert {"q", "date_from", "date_to", "outlet", "spokesperson", "topic", "language"} <= params
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    # The reader comes from the site's own static files, no CDN.
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/api/v1/openapi.json" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_a_page_of_the_api_costs_no_query_per_row(client, make_briefing):
    make_briefing(exchanges=40)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/exchanges", {"page_size": 40}).status_code == 200
    assert len(queries) < 10


@pytest.mark.parametrize("path", ["/api/v1/briefings", "/api/v1/exchanges", "/api/v1/articles"])
@pytest.mark.parametrize("dates", ["date_from=0001-01-01", "date_to=9999-12-31"])
def test_dates_outside_the_sites_range_are_a_clear_400(client, make_briefing, path, dates):
    # Year 1 or 9999 overflows once converted to Beijing time: found by the fuzz test (#17).
    make_briefing()
    response = client.get(f"{path}?{dates}")
    assert response.status_code == 400
    assert "Enter a date between 1949-01-01 and" in response.json()["detail"]


def test_a_nul_in_the_words_is_a_clear_400(client, make_briefing):
    make_briefing()
    response = client.get("/api/v1/exchanges?q=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/topics/%00", "/api/v1/briefings?topic=%00", "/api/v1/articles?section=%00"]
)
def test_a_nul_anywhere_in_the_address_is_a_clear_400(client, make_briefing, path):
    make_briefing()
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_briefing_gives_its_place_end_and_recording(client, make_briefing):
    video = factories.make_document(
        title="Video", upload=media_files.upload("v.mp4", media_files.MP4)
    )
    briefing = make_briefing(
        place="Blue Hall, Ministry of Foreign Affairs, Beijing",
        ends_at=factories.seed_time(hours=1),
        recording=video,
    )
    elsewhere = make_briefing(recording_url="https://www.fmprc.gov.cn/v.mp4")
    plain = make_briefing()
    data = client.get(f"/api/v1/briefings/{briefing.pk}").json()
    assert data["place"] == "Blue Hall, Ministry of Foreign Affairs, Beijing"
    assert data["ends_at"] == "2021-01-28T12:34:00Z"  # UTC, like held_at
    assert data["recording_url"] == f"http://testserver/documents/{video.pk}/"
    listed = {item["id"]: item for item in client.get("/api/v1/briefings").json()["results"]}
    assert listed[elsewhere.pk]["recording_url"] == "https://www.fmprc.gov.cn/v.mp4"
    assert (listed[plain.pk]["place"], listed[plain.pk]["ends_at"]) == ("", None)
    assert listed[plain.pk]["recording_url"] == ""
