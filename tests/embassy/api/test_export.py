"""The bulk files: every published briefing a mission shows, as JSON Lines and CSV, current when
downloaded on its host."""

import csv
import io
import json

import pytest

from embassy.api import export
from embassy.missions.models import Mission, MissionHost
from embassy.pages.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.OPEN_DATA_EXPORT_DIR = tmp_path / "export"
    settings.SITE_URL = "https://embassy.example"
    return settings.OPEN_DATA_EXPORT_DIR


def download(client, kind):
    response = client.get(f"/api/v1/export/briefings.{kind}")
    assert response.status_code == 200
    return response, b"".join(response.streaming_content).decode()


def test_jsonl_has_every_published_briefing_with_its_exchanges(client, make_briefing):
    first = make_briefing(held_at=factories.seed_time(days=-1), exchanges=2)
    second = make_briefing(exchanges=3)
    make_briefing(status=Status.DRAFT, exchanges=1)
    make_briefing(held_at=factories.seed_time(days=365 * 20), exchanges=1)
    response, text = download(client, "jsonl")
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="briefings.jsonl"' in response["Content-Disposition"]
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in records] == [first.pk, second.pk]
    assert [len(r["exchanges"]) for r in records] == [2, 3]
    assert records[1]["url"] == "https://embassy.example" + second.get_absolute_url()
    assert records[1]["exchanges"][0]["outlet"]["name"] == "Bloomberg"


def test_csv_has_one_exchange_a_row(client, make_briefing):
    briefing = make_briefing(exchanges=3)
    briefing.tags.add("trade")
    response, text = download(client, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["position"] for row in rows] == ["1", "2", "3"]
    assert {row["briefing_id"] for row in rows} == {str(briefing.pk)}
    assert rows[0]["briefing_topics"] == "trade"
    assert rows[0]["question"] == "Question 1 of briefing 1?"
    assert rows[0]["answer"] == "Answer 1, first paragraph.\n\nAnswer 1, second paragraph."


def test_the_files_follow_the_content(client, make_briefing):
    briefing = make_briefing(exchanges=1)
    first, text = download(client, "jsonl")
    assert len(text.splitlines()) == 1
    again = client.get("/api/v1/export/briefings.jsonl", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    briefing.title = "Renamed"
    briefing.save()
    changed, text = download(client, "jsonl")
    assert json.loads(text)["title"] == "Renamed"
    assert changed["ETag"] != first["ETag"]
    make_briefing(exchanges=1)
    assert len(download(client, "jsonl")[1].splitlines()) == 2
    # Unpublishing takes a briefing out at the next download.
    briefing.status = Status.DRAFT
    briefing.save()
    assert len(download(client, "jsonl")[1].splitlines()) == 1


def test_refresh_writes_only_when_content_changed(make_briefing, export_dir):
    make_briefing(exchanges=1)
    home = Mission.home()
    assert export.refresh(home) is True
    assert export.refresh(home) is False
    assert sorted(p.name for p in (export_dir / home.slug).iterdir()) == [
        "briefings.csv",
        "briefings.jsonl",
        "stamp.json",
    ]


def test_an_empty_site_exports_empty_files(client):
    assert download(client, "jsonl")[1] == ""
    assert download(client, "csv")[1].splitlines() == [",".join(export.CSV_COLUMNS)]


@pytest.fixture
def two_missions(db):
    """The embassy at the test client's host and a consulate at its own; the consulate leaves
    out one of the ministry's briefings."""
    embassy = Mission.home()
    MissionHost.objects.create(mission=embassy, host="testserver", is_canonical=True)
    consulate = Mission.objects.create(
        slug="hcmc", kind="consulate", languages="en", default_language="en"
    )
    MissionHost.objects.create(mission=consulate, host="hcmc.localhost", is_canonical=True)
    return embassy, consulate


def ids_in(client, **headers):
    response = client.get("/api/v1/export/briefings.jsonl", headers=headers)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return response, [json.loads(line) for line in text.splitlines()]


def test_each_mission_exports_its_own_and_the_ministry_s(client, make_briefing, two_missions):
    embassy, consulate = two_missions
    ministry = make_briefing(title="Ministry briefing", exchanges=1)
    left_out = make_briefing(title="Ministry briefing left out", exchanges=1)
    left_out.left_out_by.add(consulate)
    own = make_briefing(title="Embassy briefing", mission=embassy, exchanges=2)
    theirs = make_briefing(title="Consulate briefing", mission=consulate, exchanges=1)
    response, records = ids_in(client)
    assert sorted(r["id"] for r in records) == sorted([ministry.pk, left_out.pk, own.pk])
    on_consulate, records = ids_in(client, host="hcmc.localhost")
    assert sorted(r["id"] for r in records) == sorted([ministry.pk, theirs.pk])
    # Its links are on its own host, and its copy is told apart from the embassy's.
    assert {r["url"].split("/")[2] for r in records} == {"hcmc.localhost"}
    assert on_consulate["ETag"] != response["ETag"]
    csv_text = b"".join(
        client.get(
            "/api/v1/export/briefings.csv", headers={"host": "hcmc.localhost"}
        ).streaming_content
    ).decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert {row["briefing_title"] for row in rows} == {"Ministry briefing", "Consulate briefing"}


def test_leaving_a_briefing_out_takes_it_out_of_the_mission_s_export(
    client, make_briefing, two_missions
):
    _embassy, consulate = two_missions
    briefing = make_briefing(title="Ministry briefing", exchanges=1)
    assert [r["id"] for r in ids_in(client, host="hcmc.localhost")[1]] == [briefing.pk]
    briefing.left_out_by.add(consulate)
    assert ids_in(client, host="hcmc.localhost")[1] == []
    assert [r["id"] for r in ids_in(client)[1]] == [briefing.pk]


def test_what_is_stored_is_one_set_per_mission(make_briefing, two_missions, export_dir):
    embassy, consulate = two_missions
    make_briefing(exchanges=1)
    # The single set written before the export was per mission.
    export_dir.mkdir(parents=True)
    (export_dir / "briefings.jsonl").write_text("old\n")
    assert export.refresh_all() == 2
    assert export.refresh_all() == 0
    consulate.slug = "saigon"
    consulate.save()
    export.refresh_all()
    assert sorted(p.name for p in export_dir.iterdir()) == ["embassy", "saigon"]
    assert sorted(p.name for p in (export_dir / "saigon").iterdir()) == [
        "briefings.csv",
        "briefings.jsonl",
        "stamp.json",
    ]
