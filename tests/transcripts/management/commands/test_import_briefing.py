"""manage.py import_briefing: JSON on a dry run, one transaction per file, errors on stderr."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.pages.publishing import Status
from sections.models import Section
from tests.embassy.test_settings import run_manage
from tests.factories import embassy_answers_the_test_client
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson
from transcripts.parsing import parse

pytestmark = pytest.mark.django_db

SEED = SEED_TRANSCRIPT.read_text(encoding="utf-8")
SEED_OUTLETS = ["CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]
GOLDEN = Path(__file__).parents[2] / "golden"
KEYS = ["title", "held_at", "zone", "language", "spokesperson", "preamble", "exchanges", "warnings"]
EXCHANGE_KEYS = ["questioner", "question", "answer", "responder"]
OTHER = "Press Conference on March 3, 2021\n2021-03-03 15:00\n\nAFP: Is it raining?\n\nA: No."


def run(*args):
    """(exit status, stdout, stderr) as the shell would see them."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_briefing", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    return path


@pytest.fixture
def other_file(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(OTHER, encoding="utf-8")
    return path


def nothing_written():
    return not (
        Briefing.objects.exists()
        or Exchange.objects.exists()
        or Outlet.objects.exists()
        or Spokesperson.objects.exists()
    )


# --- dry run --------------------------------------------------------------------------------


def test_dry_run_json_is_exactly_the_documented_object(remarks_section, seed_file):
    status, out, err = run(seed_file, "--dry-run", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert list(data) == KEYS
    assert data["title"] == (
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on January 28, 2021"
    )
    assert data["held_at"] == "2021-01-28T19:34"
    assert data["spokesperson"] == "Zhao Lijian"
    assert data["preamble"] == ""
    assert data["warnings"] == []
    assert [list(e) for e in data["exchanges"]] == [EXCHANGE_KEYS] * 8
    assert [e["questioner"] for e in data["exchanges"]] == SEED_OUTLETS
    assert {e["responder"] for e in data["exchanges"]} == {"Zhao Lijian"}
    assert all(isinstance(v, str) for e in data["exchanges"] for v in e.values())
    assert data["exchanges"] == [
        {key: getattr(e, key) for key in EXCHANGE_KEYS} for e in parse(SEED).exchanges
    ]
    assert nothing_written()


def test_dry_run_json_shows_what_the_import_saves(remarks_section, seed_file):
    shown = json.loads(run(seed_file, "--dry-run", "--format", "json")[1])
    run(seed_file)
    briefing = Briefing.objects.get()
    assert briefing.title == shown["title"]
    assert f"{briefing.local_date:%Y-%m-%d}" == shown["held_at"][:10]
    assert briefing.spokesperson.name == shown["spokesperson"]
    saved = [
        (e.outlet.name if e.outlet else "", e.question, e.answer)
        for e in briefing.exchanges.order_by("position")
    ]
    assert saved == [(e["questioner"], e["question"], e["answer"]) for e in shown["exchanges"]]


def test_dry_run_of_several_files_prints_a_list_in_order(remarks_section, seed_file, other_file):
    status, out, err = run(other_file, seed_file, "--dry-run", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert isinstance(data, list)
    assert [d["title"] for d in data] == [
        "Press Conference on March 3, 2021",
        parse(SEED).title,
    ]
    assert all(list(d) == KEYS for d in data)
    assert nothing_written()


def test_dry_run_json_of_an_undated_transcript_has_null_and_says_it_cannot_be_saved(
    remarks_section, tmp_path
):
    path = tmp_path / "undated.txt"
    path.write_text("Press Conference\n\nAFP: Is it raining?\n\nA: No.", encoding="utf-8")
    status, out, err = run(path, "--dry-run", "--format", "json")
    assert json.loads(out)["held_at"] is None
    assert status == 1
    assert "no date found" in err
    assert nothing_written()


def test_dry_run_in_text_describes_each_file(remarks_section, seed_file):
    status, out, err = run(seed_file, "--dry-run")
    assert status == 0
    assert out.startswith(f"{seed_file}: would import “{parse(SEED).title}” (2021-01-28 19:34")
    assert "8 exchanges" in out
    assert nothing_written()


# --- saving ---------------------------------------------------------------------------------


def test_saves_each_file_as_a_draft_and_prints_one_line_per_file(
    remarks_section, seed_file, other_file
):
    status, out, err = run(seed_file, other_file)
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{seed_file}: imported “{parse(SEED).title}”")
    assert lines[1].startswith(f"{other_file}: imported “Press Conference on March 3, 2021”")
    assert Briefing.objects.count() == 2
    assert set(Briefing.objects.values_list("status", flat=True)) == {Status.DRAFT}
    seed = Briefing.objects.get(title=parse(SEED).title)
    assert f"/admin/transcripts/briefing/{seed.pk}/change/" in lines[0]
    assert seed.section == remarks_section
    assert [e.outlet.name for e in seed.exchanges.order_by("position")] == SEED_OUTLETS


def test_the_command_gives_the_demo_briefing(remarks_section, seed_file):
    run(seed_file, "--publish")
    imported = Briefing.objects.get()
    rows = list(imported.exchanges.order_by("position").values_list("question", "answer"))
    fields = (imported.title, imported.held_at, imported.spokesperson.role, imported.status)
    Briefing.objects.all().delete()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    embassy_answers_the_test_client()
    demo = Briefing.objects.get(language="en")
    assert (demo.title, demo.held_at, demo.spokesperson.role, demo.status) == fields
    assert list(demo.exchanges.order_by("position").values_list("question", "answer")) == rows


def test_publish_publishes(remarks_section, seed_file):
    status, out, _ = run(seed_file, "--publish")
    assert status == 0
    assert "published)" in out
    assert Briefing.objects.get().is_published


def test_section_chooses_the_section(remarks_section, make_section, seed_file):
    archive = make_section("Archive", slug="archive")
    assert run(seed_file, "--section", "archive")[0] == 0
    assert Briefing.objects.get().section == archive


def test_an_unknown_section_is_an_error_and_nothing_is_written(remarks_section, seed_file):
    status, out, err = run(seed_file, "--section", "no-such-section")
    assert status == 1
    assert "No section with the slug 'no-such-section'" in err
    assert "spokespersons-remarks" in err  # the slugs that exist
    assert nothing_written()


def test_without_the_remarks_section_it_asks_for_section(db, seed_file):
    status, _, err = run(seed_file)
    assert status == 1
    assert "--section" in err
    assert nothing_written()


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("empty.txt", b"", "The transcript is empty."),
        ("blank.txt", b"\n   \n\t\n", "The transcript is empty."),
        ("notes.txt", b"Nothing but a note to self.", "No question and answer was found"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Zhào: déjà vu?".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_bad_file_is_reported_and_the_good_ones_still_imported(
    remarks_section, tmp_path, seed_file, name, content, complaint
):
    bad = tmp_path / name
    bad.write_bytes(content)
    status, out, err = run(bad, seed_file)
    assert status == 1
    assert f"{bad}: " in err and complaint in err
    assert "1 of 2 file(s) not imported" in err
    assert str(bad) not in out
    assert Briefing.objects.get().title == parse(SEED).title  # the good file, whole


def test_an_unreadable_path_is_reported(remarks_section, tmp_path):
    path = tmp_path / "nowhere.txt"
    status, out, err = run(path)
    assert status == 1
    assert f"{path}: cannot read the file" in err
    assert out == ""
    assert nothing_written()


def test_a_folder_without_transcripts_is_reported(remarks_section, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    status, out, err = run(folder)
    assert status == 1
    assert f"{folder}: no transcripts (.txt, .html, .md) in this folder." in err
    assert out == ""
    assert nothing_written()


def test_an_undated_transcript_is_not_imported(remarks_section, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Press Conference\n\nAFP: Is it raining?\n\nA: No.", encoding="utf-8")
    status, _, err = run(path)
    assert status == 1
    assert "no date found" in err
    assert nothing_written()


def test_an_untitled_transcript_is_not_imported(remarks_section, tmp_path):
    path = tmp_path / "untitled.txt"
    path.write_text("2021-03-03 15:00\n\nAFP: Is it raining?\n\nA: No.", encoding="utf-8")
    status, _, err = run(path)
    assert status == 1
    assert "no title found" in err
    assert nothing_written()


def test_importing_the_same_transcript_twice_warns_and_skips(remarks_section, seed_file, tmp_path):
    assert run(seed_file)[0] == 0
    first = Briefing.objects.get()
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.upper().replace("2021-01-28 19:34", "2021-01-28 09:00"))
    for path in (seed_file, copy):
        status, out, err = run(path)
        assert status == 1
        assert f"{path}: already imported as briefing {first.pk}" in err
        assert "--allow-duplicate" in err
        assert out == ""
    assert Briefing.objects.count() == 1
    # A dry run predicts the same.
    assert run(seed_file, "--dry-run")[0] == 1

    status, _, _ = run(seed_file, "--allow-duplicate")
    assert status == 0
    assert Briefing.objects.count() == 2


def test_the_same_transcript_twice_in_one_run_is_imported_once(remarks_section, seed_file):
    status, out, err = run(seed_file, seed_file)
    assert status == 1
    assert len(out.splitlines()) == 1
    assert "already imported" in err
    assert Briefing.objects.count() == 1


def test_parser_warnings_go_to_stderr_and_do_not_fail(remarks_section, tmp_path):
    path = tmp_path / "warned.txt"
    path.write_text(
        "Press Conference on March 3, 2021\n2021-03-03 15:00\n\n"
        "AFP: A question nobody answered?\n\nNHK: Is it raining?\n\nA: No.",
        encoding="utf-8",
    )
    warnings = parse(path.read_text()).warnings
    assert warnings
    status, out, err = run(path)
    assert status == 0
    for warning in warnings:
        assert f"{path}: warning: {warning}" in err
    assert "1 warnings" in out or f"{len(warnings)} warnings" in out


def test_missing_paths_is_a_usage_error():
    with pytest.raises(CommandError, match="PATH"):
        call_command("import_briefing")


def test_exit_status_and_stderr_from_the_shell(tmp_path, seed_file):
    """The real process: migrate a fresh database, import, fail, and look at the exit codes."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
    }
    assert run_manage("migrate", "--noinput", **env).returncode == 0
    no_section = run_manage("import_briefing", str(seed_file), **env)
    assert no_section.returncode == 1
    assert "--section" in no_section.stderr
    assert run_manage("load_demo", **env).returncode == 0

    again = run_manage("import_briefing", str(seed_file), **env)
    assert again.returncode == 1
    assert "already imported" in again.stderr
    assert again.stdout == ""

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    mixed = run_manage("import_briefing", str(empty), str(seed_file), "--allow-duplicate", **env)
    assert mixed.returncode == 1
    assert f"{empty}: The transcript is empty." in mixed.stderr
    assert mixed.stdout.startswith(f"{seed_file}: imported")

    dry = run_manage("import_briefing", str(seed_file), "--dry-run", "--format", "json", **env)
    assert dry.returncode == 1  # it would be a duplicate
    assert json.loads(dry.stdout)["exchanges"][0]["questioner"] == "CCTV"

    usage = run_manage("import_briefing", **env)
    assert usage.returncode == 2
    assert "PATH" in usage.stderr


def test_a_section_must_exist_before_anything_is_read(tmp_path):
    # Nothing is parsed, nothing written, when the section is wrong.
    assert not Section.objects.exists()
    status, _, err = run(tmp_path / "missing.txt", "--section", "archive")
    assert status == 1
    assert "No section" in err and "cannot read" not in err


# --- folders, overrides, progress (#14) -------------------------------------------------------

GUEST = (
    "Press Briefing by Press Secretary Jen Psaki, March 1, 2021\n2021-03-01 12:30\n\n"
    "MS. PSAKI: Joining me today is our guest, Brian Deese.\n\n"
    "Q    Is inflation temporary?\n\nBrian Deese: We expect it to ease.\n\n"
    "Q    And the bill?\n\nMS. PSAKI: The President wants it passed."
)
MARKDOWN = (
    "# Press Conference on March 4, 2021\n\n2021-03-04 15:00\n\n"
    "**AFP:** Is it raining?\n\n**A:** No, it is **not**."
)


class Terminal(io.StringIO):
    """Output that says it is a terminal, as a shell's stdout does."""

    def isatty(self):
        return True


@pytest.fixture
def folder(tmp_path):
    """A folder of transcripts as staff keep them: nested, of several kinds, with other files."""
    root = tmp_path / "transcripts"
    (root / "2021" / "march").mkdir(parents=True)
    (root / "seed.txt").write_text(SEED, encoding="utf-8")
    (root / "2021" / "other.html").write_text(
        f"<html><body><p>{OTHER.replace(chr(10), '</p><p>')}</p></body></html>", encoding="utf-8"
    )
    (root / "2021" / "march" / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "2021" / "march" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return root


def test_a_folder_is_imported_recursively(remarks_section, folder):
    status, out, err = run(folder)
    assert status == 0, err
    lines = out.splitlines()
    assert [line.split(": imported")[0] for line in lines] == [
        str(folder / "2021" / "march" / "notes.md"),
        str(folder / "2021" / "other.html"),
        str(folder / "seed.txt"),
    ]
    assert "3 of 3 file(s) imported, 0 not." in err
    markdown = Briefing.objects.get(title="Press Conference on March 4, 2021")
    exchange = markdown.exchanges.get()
    assert (exchange.outlet.name, exchange.question, exchange.answer) == (
        "AFP",
        "Is it raining?",
        "No, it is not.",
    )
    assert Briefing.objects.count() == 3


def test_a_folder_with_a_bad_file_imports_the_others_and_exits_non_zero(remarks_section, folder):
    (folder / "2021" / "broken.txt").write_text("Nothing but a note to self.", encoding="utf-8")
    status, out, err = run(folder)
    assert status == 1
    assert f"{folder / '2021' / 'broken.txt'}: No question and answer was found" in err
    assert "3 of 4 file(s) imported, 1 not." in err
    assert "1 of 4 file(s) not imported." in err
    assert len(out.splitlines()) == 3
    assert Briefing.objects.count() == 3


def test_a_progress_bar_is_drawn_on_a_terminal_only(remarks_section, folder):
    terminal, err = Terminal(), io.StringIO()
    call_command("import_briefing", str(folder), "--dry-run", stdout=terminal, stderr=err)
    shown = terminal.getvalue()
    assert "\r[" in shown and "] 0/3" in shown and "] 3/3" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is gone once done
    lines = [line.split("\r")[-1] for line in shown.split("\n") if "would import" in line]
    assert len(lines) == 3
    piped = run(folder, "--dry-run")[1]
    assert "\r" not in piped and "[#" not in piped
    assert nothing_written()


def test_date_overrides_what_the_text_says(remarks_section, seed_file, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Press Conference\n\nAFP: Is it raining?\n\nA: No.", encoding="utf-8")
    status, _, err = run(undated, seed_file, "--date", "2021-03-05T10:30", "--allow-duplicate")
    assert status == 0, err
    held = {b.title: timezone.localtime(b.held_at) for b in Briefing.objects.all()}
    assert {f"{h:%Y-%m-%d %H:%M}" for h in held.values()} == {"2021-03-05 10:30"}
    assert run(undated, "--date", "2021-03-06")[0] == 0
    assert timezone.localtime(Briefing.objects.latest("held_at").held_at).hour == 0


@pytest.mark.parametrize("value", ["2021-13-01", "yesterday", "2021-03-05 10:30", "05/03/2021"])
def test_a_bad_date_is_a_usage_error(remarks_section, seed_file, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_briefing", str(seed_file), "--date", value)
    assert nothing_written()


def test_a_date_out_of_the_sites_range_is_refused_before_anything_is_read(
    remarks_section, seed_file
):
    status, out, err = run(seed_file, "--date", "0001-01-01")
    assert status == 1
    assert "--date: its date 1-01-01 is out of range" in err
    assert out == ""
    assert nothing_written()


def test_spokesperson_overrides_the_text_and_takes_their_answers(remarks_section, tmp_path):
    path = tmp_path / "guest.txt"
    path.write_text(GUEST, encoding="utf-8")
    status, out, err = run(path, "--spokesperson", "Karine  Jean-Pierre")
    assert status == 0, err
    briefing = Briefing.objects.get()
    assert briefing.spokesperson.name == "Karine Jean-Pierre"
    responders = [e.responder for e in briefing.exchanges.order_by("position")]
    # Her own answers carry no responder; the guest's are his.
    assert [r.name if r else None for r in responders] == ["Brian Deese", None]
    assert "Karine Jean-Pierre" in out


def test_a_guest_official_is_saved_as_the_responder(remarks_section, tmp_path):
    path = tmp_path / "guest.txt"
    path.write_text(GUEST, encoding="utf-8")
    assert run(path)[0] == 0
    briefing = Briefing.objects.get()
    assert briefing.spokesperson.name == "Jen Psaki"
    first = briefing.exchanges.order_by("position").first()
    assert first.responder.name == "Brian Deese"


def test_language_is_stored_and_checked_against_the_sites_languages(remarks_section, seed_file):
    status, _, err = run(seed_file, "--language", "zh-hans")
    assert status == 0
    assert Briefing.objects.get().language == "zh-hans"
    status, _, err = run(seed_file, "--language", "klingon")
    assert status != 0
    assert "'klingon' is not one of the site's languages" in err
    assert Briefing.objects.count() == 1


def test_a_chinese_transcript_is_imported_in_chinese_unless_told(remarks_section, tmp_path):
    chinese = (GOLDEN / "chinese.txt").read_text(encoding="utf-8")
    path = tmp_path / "chinese.txt"
    path.write_text(chinese, encoding="utf-8")
    status, out, err = run(path, "--dry-run", "--format", "json")
    assert status == 0, err
    assert json.loads(out)["language"] == "zh-hans"
    status, out, err = run(path)
    assert status == 0, err
    briefing = Briefing.objects.get()
    assert briefing.language == "zh-hans"
    assert ", zh-hans, 赵立坚, 5 exchanges" in out
    assert briefing.get_absolute_url().startswith("/zh-hans/briefings/2021/01/28/")
    # --language still decides.
    status, out, err = run(path, "--language", "vi", "--allow-duplicate")
    assert status == 0, err
    assert Briefing.objects.order_by("pk").last().language == "vi"


def test_an_english_transcript_stays_english(remarks_section, seed_file):
    assert run(seed_file)[0] == 0
    assert Briefing.objects.get().language == "en"


def test_a_white_house_time_is_saved_as_the_moment_it_names(remarks_section, tmp_path):
    """1:05 P.M. EST on 20 February 2025 is 02:05 on the 21st in Beijing, the site's zone."""
    path = tmp_path / "white_house.txt"
    path.write_text((GOLDEN / "white_house_metadata_est.txt").read_text(encoding="utf-8"))
    status, out, err = run(path)
    assert status == 0, err
    briefing = Briefing.objects.get()
    assert briefing.held_at == datetime.datetime(2025, 2, 20, 18, 5, tzinfo=datetime.UTC)
    assert "(2025-02-21 02:05 (13:05 EST where it was held), en, Karoline Leavitt," in out
    shown = json.loads(run(path, "--dry-run", "--format", "json")[1])
    assert (shown["held_at"], shown["zone"]) == ("2025-02-20T13:05-05:00", "America/New_York")


def test_a_date_given_on_the_command_line_is_the_sites_whatever_zone_the_text_wrote(
    remarks_section, tmp_path
):
    path = tmp_path / "white_house.txt"
    path.write_text((GOLDEN / "white_house_metadata_est.txt").read_text(encoding="utf-8"))
    shown = json.loads(run(path, "--dry-run", "--format", "json", "--date", "2025-02-21T02:05")[1])
    assert shown["zone"] == ""
    assert shown["held_at"].startswith("2025-02-21T02:05")
