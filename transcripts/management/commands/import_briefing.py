"""manage.py import_briefing PATH [PATH ...]: transcripts from files become briefings.

Each file is its own transaction: a file that cannot be imported is reported on stderr and
leaves nothing behind, the other files are still imported, and the exit status is 1 if any
file failed. A transcript already imported (same title, same day) is skipped with a warning
unless --allow-duplicate. --dry-run reads, checks and reports exactly as a real run would,
and writes nothing.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
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
)


class Command(BaseCommand):
    help = (
        "Import press-conference transcripts (.txt or .html, UTF-8) as briefings, one "
        "transaction per file. Drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files")
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
        status = Status.PUBLISHED if publish else Status.DRAFT
        understood = []
        failures = 0
        for path in paths:
            try:
                parsed = self.read(path)
            except TranscriptError as error:
                failures += 1
                self.stderr.write(f"{path}: {error}")
                continue
            understood.append(parsed)
            for warning in parsed.warnings:
                self.stderr.write(f"{path}: warning: {warning}")
            problem = self.problem(parsed, allow_duplicate)
            if problem:
                failures += 1
                self.stderr.write(f"{path}: {problem}")
            elif dry_run:
                if format == "text":
                    self.stdout.write(f"{path}: would import {self.describe(parsed, status)}")
            else:
                briefing = save_briefing(
                    parsed,
                    section=section,
                    status=status,
                    comment=f"Imported from {Path(path).name} by manage.py import_briefing.",
                )
                admin_url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
                self.stdout.write(f"{path}: imported {self.describe(parsed, status)} {admin_url}")
        if dry_run and format == "json":
            objects = [self.as_json(parsed) for parsed in understood]
            if len(paths) > 1:
                self.stdout.write(json.dumps(objects, ensure_ascii=False, indent=2))
            elif objects:
                self.stdout.write(json.dumps(objects[0], ensure_ascii=False, indent=2))
        if failures:
            verb = "would not be imported" if dry_run else "not imported"
            raise CommandError(f"{failures} of {len(paths)} file(s) {verb}.")

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

    def read(self, path):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise TranscriptError(f"cannot read the file ({error.strerror or error}).") from None
        return read_transcript(decode_transcript(data))

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

    def describe(self, parsed, status):
        held_at = timezone.localtime(aware(parsed.held_at))
        spokesperson = parsed.spokesperson or "no spokesperson named"
        return (
            f"“{parsed.title}” ({held_at:%Y-%m-%d %H:%M}, {spokesperson}, "
            f"{len(parsed.exchanges)} exchanges, {len(parsed.warnings)} warnings, "
            f"{status.label.lower()})"
        )

    @staticmethod
    def as_json(parsed):
        data = parsed.to_dict()
        return {
            "title": data["title"],
            "held_at": data["held_at"],
            "spokesperson": data["spokesperson"],
            "preamble": data["preamble"],
            "exchanges": [
                {key: exchange[key] for key in ("questioner", "question", "answer", "responder")}
                for exchange in data["exchanges"]
            ],
            "warnings": data["warnings"],
        }
