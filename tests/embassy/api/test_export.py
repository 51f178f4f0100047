"""The bulk files: every published briefing, as JSON Lines and CSV, current when downloaded."""

import csv
import io
import json

import pytest

from embassy.api import export
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
    assert export.refresh() is True
    assert export.refresh() is False
    assert sorted(p.name for p in export_dir.iterdir()) == [
        "briefings.csv",
        "briefings.jsonl",
        "stamp.json",
    ]


def test_an_empty_site_exports_empty_files(client):
    assert download(client, "jsonl")[1] == ""
    assert download(client, "csv")[1].splitlines() == [",".join(export.CSV_COLUMNS)]
