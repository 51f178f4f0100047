"""manage.py import_briefing PATH [PATH ...]: transcripts from files become briefings.

A PATH is a file or a folder, read recursively for .txt, .html and .md files (in name order).
Each file is its own transaction: a file that cannot be imported is reported on stderr and
leaves nothing behind, the other files are still imported, and the exit status is 1 if any
file failed. A transcript already imported (same title, same day) is skipped with a warning
unless --allow-duplicate. --dry-run reads, checks and reports exactly as a real run would,
and writes nothing.

--date, --spokesperson and --language override what the texts say (without --language, a
transcript mostly in Han characters is Chinese). stdout has one line per
file (or the JSON of a dry run); on a terminal a progress bar is drawn there as well, and the
summary goes to stderr, so that stdout stays readable by other programs.
"""

import argparse
import dataclasses
import datetime
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from embassy.pages.publishing import Status
from sections.models import Section
from transcripts.importing import (
    REMARKS_SECTION_SLUG,
    TranscriptError,
    aware,
    date_problem,
    decode_transcript,
    find_duplicate,
    read_transcript,
    save_briefing,
    transcript_language,
    with_spokesperson,
)

TRANSCRIPT_SUFFIXES = (".txt", ".html", ".htm", ".md")
_DATE_OPTION = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")


def date_option(value):
    """--date YYYY-MM-DD or YYYY-MM-DDTHH:MM, as a naive local datetime."""
    try:
        if not _DATE_OPTION.fullmatch(value):
            raise ValueError(value)
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM (e.g. 2021-01-28T15:00)"
        ) from None


def transcript_files(path):
    """The transcripts a PATH names: the file itself, or every transcript under a folder."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES
    )


class ProgressBar:
    """A one-line bar redrawn in place, only on a terminal: piped output stays one line a file."""

    WIDTH = 30

    def __init__(self, stream, total):
        self.stream, self.total = stream, total
        self.shown = total > 1 and stream.isatty()

    def draw(self, done, name=""):
        if not self.shown:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {name[-40:]}\x1b[K", ending="")
        self.stream.flush()

    def clear(self):
        """Before a line is printed: the bar is drawn again after it."""
        if self.shown:
            self.stream.write("\r\x1b[K", ending="")


class Command(BaseCommand):
    help = (
        "Import press-conference transcripts (.txt or .html, UTF-8) as briefings, one "
        "transaction per file. Drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="transcript files, or folders to read recursively for .txt, .html and .md files",
        )
        parser.add_argument(
            "--date",
            type=date_option,
            metavar="YYYY-MM-DD[THH:MM]",
            help="when the briefings were held, whatever the texts say (site time zone)",
        )
        parser.add_argument(
            "--spokesperson", metavar="NAME", help="who briefed, whatever the texts say"
        )
        parser.add_argument(
            "--language",
            metavar="CODE",
            help="the language of the briefings (e.g. en, zh-hans), whatever the texts say",
        )
        parser.add_argument(
            "--section",
            metavar="SLUG",
            help=f"the section of the briefings (default: {REMARKS_SECTION_SLUG})",
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish the briefings instead of drafts"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check the files, write nothing"
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="with --dry-run, json prints what was understood of each file",
        )
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="import a transcript even if a briefing with its title exists on its day",
        )

    def handle(self, *args, paths, section, publish, dry_run, format, allow_duplicate, **options):
        section = self.find_section(section)
        language = self.check_language(options.get("language"))
        if (date := options.get("date")) and (problem := date_problem(date)):
            raise CommandError(f"--date: {problem}")
        overrides = {"held_at": options.get("date"), "spokesperson": options.get("spokesperson")}
        status = Status.PUBLISHED if publish else Status.DRAFT
        files, failures = [], 0
        for path in paths:
            found = transcript_files(path)
            if not found:
                failures += 1  # a folder without transcripts: most likely the wrong folder
                self.stderr.write(f"{path}: no transcripts (.txt, .html, .md) in this folder.")
            files += found
        understood, imported = [], 0
        progress = ProgressBar(self.stdout, len(files))
        for done, path in enumerate(files):
            progress.draw(done, str(path))
            try:
                parsed = self.read(path, overrides)
            except TranscriptError as error:
                failures += 1
                progress.clear()
                self.stderr.write(f"{path}: {error}")
                continue
            understood.append(parsed)
            progress.clear()
            for warning in parsed.warnings:
                self.stderr.write(f"{path}: warning: {warning}")
            problem = self.problem(parsed, allow_duplicate)
            if problem:
                failures += 1
                self.stderr.write(f"{path}: {problem}")
            elif dry_run:
                imported += 1
                if format == "text":
                    described = self.describe(parsed, status, language)
                    self.stdout.write(f"{path}: would import {described}")
            else:
                briefing = self.save(parsed, section, status, language, path)
                imported += 1
                admin_url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
                described = self.describe(parsed, status, briefing.language)
                self.stdout.write(f"{path}: imported {described} {admin_url}")
        progress.draw(len(files))
        progress.clear()
        if dry_run and format == "json":
            objects = [self.as_json(parsed, language) for parsed in understood]
            if len(files) > 1 or len(paths) > 1:
                self.stdout.write(json.dumps(objects, ensure_ascii=False, indent=2))
            elif objects:
                self.stdout.write(json.dumps(objects[0], ensure_ascii=False, indent=2))
        total = imported + failures
        verb = "would be imported" if dry_run else "imported"
        self.stderr.write(f"{imported} of {total} file(s) {verb}, {failures} not.")
        if failures:
            verb = "would not be imported" if dry_run else "not imported"
            raise CommandError(f"{failures} of {total} file(s) {verb}.")

    def check_language(self, language):
        if language is None:
            return None
        choices = {code for code, _name in settings.LANGUAGES}
        if language not in choices:
            raise CommandError(
                f"--language {language!r} is not one of the site's languages: "
                f"{', '.join(sorted(choices))}."
            )
        return language

    @transaction.atomic
    def save(self, parsed, section, status, language, path):
        # Without --language, the language the text is written in (a Chinese transcript).
        return save_briefing(
            parsed,
            section=section,
            status=status,
            language=language,
            comment=f"Imported from {Path(path).name} by manage.py import_briefing.",
        )

    def find_section(self, slug):
        if slug:
            section = Section.objects.filter(slug=slug).first()
            if section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No section with the slug {slug!r}. Sections: {known}.")
            return section
        section = Section.objects.filter(slug=REMARKS_SECTION_SLUG).first()
        if section is None:
            raise CommandError(
                f"There is no {REMARKS_SECTION_SLUG!r} section: say where the briefings go with "
                "--section SLUG."
            )
        return section

    def read(self, path, overrides):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise TranscriptError(f"cannot read the file ({error.strerror or error}).") from None
        parsed = read_transcript(
            decode_transcript(data), markdown=Path(path).suffix.lower() == ".md"
        )
        if overrides["held_at"] is not None:
            # Given in the site's zone: the zone the text wrote its time in no longer applies.
            parsed = dataclasses.replace(parsed, held_at=overrides["held_at"], zone="")
        if overrides["spokesperson"]:
            parsed = with_spokesperson(parsed, overrides["spokesperson"])
        return parsed

    def problem(self, parsed, allow_duplicate):
        """Why a transcript that was read must still not be saved, if it must not."""
        if not parsed.title.strip():
            # A briefing without a title has no name in lists, feeds or its own address.
            return (
                "no title found (a line such as “… Regular Press Conference on January 28, "
                "2021” above the date); add it to the file, or import it in the admin "
                "(Briefings > Import transcript), where you can enter it."
            )
        if parsed.held_at is None:
            # Dating it "now" would publish it on the wrong day; only a person can tell.
            return (
                "no date found under the title (e.g. 2021-01-28 19:34); add it to the file, "
                "or import it in the admin (Briefings > Import transcript), where you can enter it."
            )
        if problem := date_problem(parsed.held_at):
            return problem
        duplicate = None if allow_duplicate else find_duplicate(parsed.title, parsed.held_at)
        if duplicate:
            return (
                f"already imported as briefing {duplicate.pk} “{duplicate.title}” "
                f"({timezone.localtime(duplicate.held_at):%Y-%m-%d %H:%M}); skipped "
                "(--allow-duplicate imports it again)."
            )
        return None

    def describe(self, parsed, status, language=None):
        held_at = timezone.localtime(aware(parsed.held_at))
        # "2025-02-21 02:05 (13:05 EST where it was held)": the site's time, and the text's.
        where_held = f" ({parsed.held_at:%H:%M %Z} where it was held)" if parsed.zone else ""
        spokesperson = parsed.spokesperson or "no spokesperson named"
        language = language or transcript_language(parsed)
        return (
            f"“{parsed.title}” ({held_at:%Y-%m-%d %H:%M}{where_held}, {language}, {spokesperson}, "
            f"{len(parsed.exchanges)} exchanges, {len(parsed.warnings)} warnings, "
            f"{status.label.lower()})"
        )

    @staticmethod
    def as_json(parsed, language=None):
        data = parsed.to_dict()
        return {
            "title": data["title"],
            "held_at": data["held_at"],
            "zone": data["zone"],
            "language": language or transcript_language(parsed),
            "spokesperson": data["spokesperson"],
            "preamble": data["preamble"],
            "exchanges": [
                {key: exchange[key] for key in ("questioner", "question", "answer", "responder")}
                for exchange in data["exchanges"]
            ],
            "warnings": data["warnings"],
        }
