"""save_briefing() and its helpers: rows from a ParsedBriefing, matched, unique, all or nothing."""

import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from embassy.pages.publishing import Status
from transcripts.importing import (
    MAX_TRANSCRIPT_BYTES,
    TranscriptError,
    decode_transcript,
    find_duplicate,
    read_transcript,
    save_briefing,
)
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson
from transcripts.parsing import ParsedBriefing, ParsedExchange

pytestmark = pytest.mark.django_db

HELD_AT = datetime.datetime(2021, 1, 28, 19, 34)


def briefing(*exchanges, title="Regular Press Conference on January 28, 2021", **fields):
    fields.setdefault("held_at", HELD_AT)
    fields.setdefault("spokesperson", "Zhao Lijian")
    fields.setdefault("spokesperson_role", "Foreign Ministry Spokesperson")
    return ParsedBriefing(
        title=title,
        exchanges=[
            ParsedExchange(questioner=q, question=f"Question from {q or 'someone'}?", answer="Yes.")
            if isinstance(q, str)
            else q
            for q in exchanges
        ],
        **fields,
    )


def test_saves_the_briefing_and_its_exchanges_in_order(remarks_section):
    parsed = briefing("CCTV", "", "Xinhua News Agency", preamble="Good afternoon.\n\nToday...")
    saved = save_briefing(parsed, section=remarks_section)
    assert saved.status == Status.DRAFT
    assert saved.held_at == timezone.make_aware(HELD_AT)
    assert saved.slug == "regular-press-conference-on-january-28-2021"
    assert saved.opening_remarks == "Good afternoon.\n\nToday..."
    assert (saved.spokesperson.name, saved.spokesperson.role) == (
        "Zhao Lijian",
        "Foreign Ministry Spokesperson",
    )
    rows = list(saved.exchanges.order_by("position").values_list("position", "outlet__name"))
    assert rows == [(1, "CCTV"), (2, None), (3, "Xinhua News Agency")]


def test_outlets_and_spokespeople_are_matched_ignoring_case(remarks_section, spokesperson):
    xinhua = Outlet.objects.create(name="Xinhua News Agency", slug="xinhua")
    parsed = briefing("XINHUA NEWS AGENCY", "xinhua  news agency", spokesperson="ZHAO LIJIAN")
    saved = save_briefing(parsed, section=remarks_section)
    assert saved.spokesperson == spokesperson
    assert set(saved.exchanges.values_list("outlet", flat=True)) == {xinhua.pk}
    assert Outlet.objects.count() == 1
    assert Spokesperson.objects.count() == 1


def test_new_outlets_are_created_once_with_unique_slugs(remarks_section):
    Outlet.objects.create(name="AFP", slug="afp")
    saved = save_briefing(briefing("A.F.P.", "a.f.p.", "Phoenix TV"), section=remarks_section)
    created = Outlet.objects.exclude(name="AFP").order_by("name")
    assert [(o.name, o.slug) for o in created] == [
        ("A.F.P.", "afp-2"),
        ("Phoenix TV", "phoenix-tv"),
    ]
    assert saved.exchanges.filter(outlet__name="A.F.P.").count() == 2


def test_someone_else_answering_is_recorded_on_the_exchange(remarks_section, spokesperson):
    parsed = briefing(
        ParsedExchange("CCTV", "Q?", "A.", "Zhao Lijian"),
        ParsedExchange("AFP", "Q?", "A.", "Wang Yi"),
        ParsedExchange("NHK", "Q?", "A.", ""),
    )
    saved = save_briefing(parsed, section=remarks_section)
    responders = list(saved.exchanges.order_by("position").values_list("responder__name"))
    assert responders == [(None,), ("Wang Yi",), (None,)]


def test_a_chosen_spokesperson_overrides_the_detected_one(remarks_section, spokesperson):
    other = Spokesperson.objects.create(name="Wang Wenbin", slug="wang-wenbin")
    parsed = briefing(ParsedExchange("CCTV", "Q?", "A.", "Zhao Lijian"))
    saved = save_briefing(parsed, section=remarks_section, spokesperson=other)
    assert saved.spokesperson == other
    assert saved.exchanges.get().responder == spokesperson


def test_same_title_on_the_same_day_gets_another_slug(remarks_section):
    first = save_briefing(briefing("CCTV"), section=remarks_section)
    second = save_briefing(briefing("CCTV"), section=remarks_section)
    next_day = save_briefing(
        briefing("CCTV", held_at=HELD_AT + datetime.timedelta(days=1)), section=remarks_section
    )
    assert second.slug == first.slug + "-2"
    assert next_day.slug == first.slug


def test_find_duplicate_is_same_title_any_case_same_local_day(remarks_section):
    saved = save_briefing(briefing("CCTV", title="Press Conference"), section=remarks_section)
    assert find_duplicate("PRESS CONFERENCE ", HELD_AT.replace(hour=8)) == saved
    assert find_duplicate("Press Conference", timezone.make_aware(HELD_AT)) == saved
    assert find_duplicate("Press Conference", HELD_AT + datetime.timedelta(days=1)) is None
    assert find_duplicate("Another Press Conference", HELD_AT) is None


def test_all_or_nothing_when_the_database_refuses_an_exchange(remarks_section):
    # The briefing, the new spokesperson and the new outlets are written before the exchanges;
    # a question the database refuses (NULL) must take them all back with it.
    parsed = briefing(
        "CCTV",
        "Brand New Outlet",
        ParsedExchange("AFP", None, "An answer to nothing."),
        spokesperson="Someone New",
    )
    with pytest.raises(IntegrityError):
        save_briefing(parsed, section=remarks_section)
    assert not Briefing.objects.exists()
    assert not Exchange.objects.exists()
    assert not Outlet.objects.exists()
    assert not Spokesperson.objects.exists()


def test_saving_takes_the_same_queries_for_3_or_30_outlets(remarks_section, spokesperson):
    def queries(count, prefix):
        parsed = briefing(*[f"{prefix} Outlet {i}" for i in range(count)], title=prefix)
        with CaptureQueriesContext(connection) as captured:
            save_briefing(parsed, section=remarks_section)
        return len(captured)

    Outlet.objects.create(name="Known Outlet 1", slug="known-outlet-1")
    assert queries(3, "New") == queries(30, "Other")
    assert queries(3, "Known") == queries(30, "Known")


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Zhào Lìjian: déjà vu".encode("latin-1"), "not UTF-8"),
        (b"x" * (MAX_TRANSCRIPT_BYTES + 1), "too large"),
    ],
)
def test_files_that_are_not_transcripts_are_refused(data, complaint):
    with pytest.raises(TranscriptError, match=complaint):
        decode_transcript(data)


def test_utf8_files_are_read_with_or_without_a_byte_order_mark():
    text = "问：你好？\n答：你好。"
    assert decode_transcript(text.encode()) == text
    assert decode_transcript(b"\xef\xbb\xbf" + text.encode()) == text


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "empty"),
        ("  \n\n \t ", "empty"),
        ("Just a paragraph about nothing in particular.", "No question and answer"),
        ("CCTV: A question?\x00\n\nZhao Lijian: An answer.", "NUL"),
    ],
)
def test_texts_with_nothing_to_import_are_refused(text, complaint):
    with pytest.raises(TranscriptError, match=complaint):
        read_transcript(text)


def test_a_transcript_is_read_into_its_exchanges():
    parsed = read_transcript("Press Conference\n2021-01-28 19:34\n\nCCTV: Q?\n\nZhao Lijian: A.")
    assert [(e.questioner, e.question, e.answer) for e in parsed.exchanges] == [
        ("CCTV", "Q?", "A.")
    ]


# --- Real headers (issue 28) ---------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


def golden_transcript(name):
    return read_transcript((GOLDEN / name).read_text(encoding="utf-8"))


def test_a_white_house_briefing_is_saved_at_the_moment_its_time_and_zone_name(remarks_section):
    saved = save_briefing(
        golden_transcript("white_house_metadata_est.txt"), section=remarks_section
    )
    saved.refresh_from_db()
    assert saved.title == (
        "Press Briefing by Press Secretary Karoline Leavitt and National Security Advisor "
        "Mike Waltz"
    )
    # 1:05 P.M. EST on 20 February 2025: 18:05 UTC, 02:05 on the 21st in Beijing.
    assert saved.held_at == datetime.datetime(2025, 2, 20, 18, 5, tzinfo=datetime.UTC)
    assert timezone.localtime(saved.held_at).strftime("%Y-%m-%d %H:%M") == "2025-02-21 02:05"
    assert saved.opening_remarks.startswith("James S. Brady Press Briefing Room\n\nGood afternoon")
    assert "title:" not in saved.opening_remarks and "EST" not in saved.opening_remarks


def test_other_officials_answer_under_their_names_and_only_the_press_secretary_briefs(
    remarks_section,
):
    saved = save_briefing(golden_transcript("white_house_officials.txt"), section=remarks_section)
    assert saved.spokesperson.name == "Karoline Leavitt"
    assert saved.spokesperson.role == "Press Secretary"
    responders = [
        e.responder.name if e.responder else ""
        for e in saved.exchanges.order_by("position").select_related("responder")
    ]
    # Her own answers name no one else; the officials' are theirs, by their full names.
    assert responders == ["Kevin Hassett", "Kevin Hassett", *["Stephen Miller"] * 3, ""]
    assert not Spokesperson.objects.filter(name__startswith="MR").exists()
    assert list(Briefing.objects.values_list("spokesperson__name", flat=True)) == [
        "Karoline Leavitt"
    ]


def test_a_chinese_page_saves_its_outlets_without_the_word_for_reporter(remarks_section):
    saved = save_briefing(golden_transcript("chinese_page_furniture.txt"), section=remarks_section)
    # Each the one row of a known outlet, named in Chinese as on the page (and in English).
    outlets = saved.exchanges.order_by("position").values_list("outlet__name_zh_hans", flat=True)
    assert list(outlets) == ["路透社", "环球时报", "法新社"]
    assert saved.opening_remarks == "女士们、先生们，下午好。今天我没有需要发布的消息。"
    assert timezone.localtime(saved.held_at).date() == datetime.date(2023, 6, 8)
