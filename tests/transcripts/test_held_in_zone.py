"""A briefing held elsewhere (#28): its address dated by the day where it was held, its time
shown in the site's zone and the place's."""

import datetime
import html
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from embassy.pages.publishing import Status
from transcripts.importing import save_briefing
from transcripts.models import Briefing
from transcripts.parsing import parse

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
NEW_YORK = ZoneInfo("America/New_York")
# 1:05 P.M. EST on 20 February 2025 in Washington: 02:05 on the 21st in Beijing.
WASHINGTON_AFTERNOON = datetime.datetime(2025, 2, 20, 13, 5, tzinfo=NEW_YORK)


@pytest.fixture
def in_washington(make_briefing):
    return make_briefing(
        exchanges=1,
        status=Status.PUBLISHED,
        held_at=WASHINGTON_AFTERNOON,
        held_in_zone="America/New_York",
        slug="white-house-briefing",
    )


def test_the_address_is_dated_by_the_day_where_it_was_held(in_washington):
    assert in_washington.local_date == datetime.date(2025, 2, 20)
    assert in_washington.get_absolute_url().startswith(
        "/briefings/2025/02/20/white-house-briefing/"
    )
    assert list(Briefing.objects.on_day(datetime.date(2025, 2, 20))) == [in_washington]
    assert not Briefing.objects.on_day(datetime.date(2025, 2, 21)).exists()


def test_a_briefing_with_no_zone_is_dated_in_the_site_s(make_briefing):
    beijing_night = make_briefing(held_at=WASHINGTON_AFTERNOON)
    assert beijing_night.held_in_zone == ""
    assert beijing_night.get_absolute_url().startswith("/briefings/2025/02/21/")
    assert beijing_night.held_at_there is None
    assert list(Briefing.objects.on_day(datetime.date(2025, 2, 21))) == [beijing_night]


def test_the_page_shows_the_time_in_the_site_s_zone_and_the_place_s(in_washington):
    response = Client().get(in_washington.get_absolute_url())
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "21 February 2025, 02:05 Beijing time" in page
    assert '<span class="time-there">(13:05 EST where it was held)</span>' in page
    # The day's address leads to it; the site's day (the 21st) does not.
    assert Client().get("/briefings/2025/02/21/white-house-briefing/").status_code == 404


def test_the_importer_keeps_the_zone_the_transcript_names(remarks_section):
    text = (GOLDEN / "white_house_metadata_est.txt").read_text()
    parsed = parse(text)
    assert parsed.zone == "America/New_York"
    briefing = save_briefing(parsed, section=remarks_section, status=Status.PUBLISHED)
    assert briefing.held_in_zone == "America/New_York"
    assert briefing.held_at == WASHINGTON_AFTERNOON
    assert briefing.get_absolute_url().startswith("/briefings/2025/02/20/")


def test_a_moved_zone_keeps_the_old_address(in_washington):
    in_washington.held_in_zone = ""
    in_washington.save()
    assert in_washington.get_absolute_url().startswith("/briefings/2025/02/21/")
    old = Client().get("/briefings/2025/02/20/white-house-briefing/")
    assert old.status_code == 301 and old["Location"] == in_washington.get_absolute_url()


# --- the archive counts days where the briefings were held (#28) -------------------------------


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return html.unescape(response.content.decode())


def test_the_archive_lists_it_on_the_day_where_it_was_held(client, in_washington):
    link = f'href="{in_washington.get_absolute_url()}"'
    assert link in page(client, "/briefings/2025/02/20/")
    assert client.get("/briefings/2025/02/21/").status_code == 404
    assert client.get(in_washington.get_absolute_url()).status_code == 200
    assert link in page(client, "/briefings/2025/02/")
    assert '<a href="/briefings/2025/02/">' in page(client, "/briefings/2025/")


def test_the_archive_counts_it_in_the_month_and_year_where_it_was_held(client, make_briefing):
    # New Year's Eve in Washington is New Year's Day in Beijing, the site's zone.
    eve = make_briefing(
        held_at=datetime.datetime(2024, 12, 31, 19, 0, tzinfo=NEW_YORK),
        held_in_zone="America/New_York",
    )
    assert eve.get_absolute_url().startswith("/briefings/2024/12/31/")
    index = page(client, "/briefings/")
    assert '<a href="/briefings/2024/12/">December</a> <span class="count">1 briefing' in index
    assert "/briefings/2025/" not in index
    assert f'href="{eve.get_absolute_url()}"' in page(client, "/briefings/2024/12/31/")
    for empty in ("/briefings/2025/", "/briefings/2025/01/", "/briefings/2025/01/01/"):
        assert client.get(empty).status_code == 404, empty
    sitemap = page(client, "/sitemap-archive.xml")
    assert "/briefings/2024/12/</loc>" in sitemap and "/briefings/2025/" not in sitemap
