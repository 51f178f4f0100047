"""Every place a date is entered refuses one outside the site's range, with a form error.

Year 1 once stored a briefing in 1 BC after the conversion to UTC, and the briefings list
answered 500 from then on; year 9999 overflowed on the import's confirm step.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.pages.dates import accepted_range, in_range, out_of_range_message
from sections.models import Article
from tests.html_forms import read_form
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

SEED = SEED_TRANSCRIPT.read_text(encoding="utf-8")
IMPORT_URL = reverse("admin:transcripts_briefing_import")
# (date, time) pairs as typed: the ends of what Python and the database can hold, the day
# before the range, and the day after it.
EXTREMES = [
    ("0001-01-01", "00:00"),
    ("0001-01-01", "23:59"),
    ("1000-06-15", "12:00"),
    ("1948-12-31", "23:59"),
    ("2999-01-01", "00:00"),
    ("9999-12-31", "23:59"),
]


def after_range():
    return (accepted_range()[1] + datetime.timedelta(days=1)).isoformat()


def extremes():
    return [*EXTREMES, (after_range(), "08:00")]


def admin_fields(client, url):
    html = client.get(url).content.decode()
    fields = dict(read_form(html, lambda form: form.get("method") == "post").fields)
    return fields


def test_the_range_is_the_setting(settings):
    settings.DATE_RANGE_FIRST_YEAR = 1990
    settings.DATE_RANGE_YEARS_AHEAD = 2
    first, last = accepted_range()
    assert first == datetime.date(1990, 1, 1)
    assert last == datetime.date(timezone.localdate().year + 2, 12, 31)
    assert not in_range(datetime.date(1989, 12, 31))
    assert in_range(datetime.datetime(1990, 1, 1, 0, 0))


@pytest.mark.parametrize(("day", "time"), extremes())
def test_the_briefing_change_page_refuses_the_date_and_the_list_keeps_working(
    staff_client, make_briefing, day, time
):
    briefing = make_briefing(exchanges=2)
    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    fields = admin_fields(staff_client, url)
    fields.update({"held_at_0": day, "held_at_1": time, "_save": "Save"})
    response = staff_client.post(url, fields)
    assert response.status_code == 200
    assert out_of_range_message() in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.held_at.year == 2021
    assert staff_client.get(reverse("admin:transcripts_briefing_changelist")).status_code == 200


def test_a_date_in_range_is_still_saved(staff_client, make_briefing):
    briefing = make_briefing(exchanges=1)
    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    fields = admin_fields(staff_client, url)
    fields.update({"held_at_0": "1949-10-01", "held_at_1": "15:00", "_save": "Save"})
    assert staff_client.post(url, fields).status_code == 302
    briefing.refresh_from_db()
    assert timezone.localtime(briefing.held_at).date() == datetime.date(1949, 10, 1)


@pytest.mark.parametrize(("day", "time"), extremes())
def test_the_article_add_page_refuses_the_date(staff_client, make_section, day, time):
    section = make_section("News", "news")
    response = staff_client.post(
        reverse("admin:sections_article_add"),
        {
            "section": section.pk,
            "title": "Odd date",
            "slug": "odd-date",
            "body": "<p>Body</p>",
            "status": "draft",
            "publish_at_0": day,
            "publish_at_1": time,
        },
    )
    assert response.status_code == 200
    assert out_of_range_message() in response.content.decode()
    assert not Article.objects.filter(slug="odd-date").exists()


@pytest.mark.parametrize(("day", "time"), extremes())
def test_the_import_confirm_step_refuses_the_date(staff_client, remarks_section, day, time):
    preview = staff_client.post(
        IMPORT_URL, {"step": "preview", "section": remarks_section.pk, "text": SEED}
    )
    fields = dict(
        read_form(preview.content.decode(), lambda f: f.get("action") == IMPORT_URL).fields
    )
    fields.update({"held_at": f"{day}T{time}", "step": "confirm"})
    response = staff_client.post(IMPORT_URL, fields)
    assert response.status_code == 200
    assert out_of_range_message() in response.content.decode()
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(("day", "time"), extremes())
def test_a_transcript_dated_out_of_range_previews_and_cannot_be_confirmed_as_is(
    staff_client, remarks_section, day, time
):
    text = SEED.replace("2021-01-28 19:34", f"{day} {time}")
    preview = staff_client.post(
        IMPORT_URL, {"step": "preview", "section": remarks_section.pk, "text": text}
    )
    assert preview.status_code == 200
    fields = dict(
        read_form(preview.content.decode(), lambda f: f.get("action") == IMPORT_URL).fields
    )
    response = staff_client.post(IMPORT_URL, {**fields, "step": "confirm"})
    assert response.status_code == 200
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(("day", "time"), extremes())
def test_import_briefing_refuses_a_file_dated_out_of_range(tmp_path, remarks_section, day, time):
    path = tmp_path / "odd.txt"
    path.write_text(SEED.replace("2021-01-28 19:34", f"{day} {time}"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_briefing", str(path), stdout=io.StringIO(), stderr=err)
    assert "out of range" in err.getvalue()
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(("day", "_time"), extremes())
@pytest.mark.parametrize("name", ["date_from", "date_to"])
def test_the_search_filters_name_the_date_and_leave_it_out(client, day, _time, name):
    response = client.get(reverse("search"), {"q": "anything", name: day})
    assert response.status_code == 200
    assert out_of_range_message() in response.content.decode()
