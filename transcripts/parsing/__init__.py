"""Press-conference transcripts become plain dataclasses: text (or a page's HTML) in, briefing out.

Pure standard library on purpose: the importer, the admin and the tests all call `parse()`, and
none of them should need Django settings to read a transcript. One module per stage: `lines`
(text and HTML), `header` (metadata, furniture, title, with `dates` and `titles`), `wraps`
(hard-wrapped text), `labels` (the shapes of speaker labels), `cast` (who is who) and `reader`
(the exchanges); `briefing` holds what comes out.

How a transcript is read, in four steps
=======================================
1. Lines. HTML blocks become lines (navigation, scripts, header and footer skipped); plain text
   keeps its lines and remembers where blank lines were. A metadata block at the very top
   (``title: ...``, ``date: 2021-07-28``, ``tags: ...``, ``source_url: ...``) is read for the
   title and date and left out of the text.
2. The header: everything before the first speaker label. Its furniture (site menu, section
   names, share buttons, "Print", breadcrumbs, copyright and contact lines, update stamps and
   author lines, rules, bare timestamps, the title's repeats, its other dates) is dropped and
   listed in `dropped_lines`. The title is the line that reads like a briefing title ("Press
   Conference", "Briefing", "记者会"...; not the room it was held in), with the lines it wraps
   onto. The time may stand a few lines below, with its zone as written ("1:05 P.M. EST",
   "15:00 Beijing time"): `zone` names it, and `held_at` is aware in it. The date comes from
   the first recogniser in `_DATE_FORMS` that reads a date line after the title (an update
   stamp only when nothing else says), else the title's own date; a date
   *before* the title is the page's (when it was posted, crawled or printed), never the
   briefing's, but it lends its year to a title that says only "January 22". When a date line
   falls a few days after the title's day, the title wins: the line is when the page was
   published (the Foreign Ministry publishes the evening's transcript after midnight).
3. Paragraphs. Plain text that is hard-wrapped (most lines broken near one width, mid-sentence)
   is re-flowed: a line that follows a full line without a blank between continues its
   paragraph. Other text keeps one paragraph per line. Each paragraph is matched against the
   table of label shapes, `_LABEL_SHAPES`: "CCTV:", "Q    ", "Q (Inaudible.)", "Q :",
   "1. VnExpress:" (numbered, the answer unlabelled), "Matthew Miller (12:34):",
   "Jen Psaki: (00:22)", "AFP (follow-up):", "Abe, Asahi Shimbun:", "《环球时报》记者：", "問：",
   and a label alone on its line.
4. The cast and the reader. Every label gets a role: the spokesperson, another official, or a
   questioner (`_Cast`). The reader (`_Reader`) then walks the paragraphs with three states,
   opening remarks, asking and answering, and named transitions: `ask()`, `answer()`,
   `carry_on()`.

Who is who
----------
* The spokesperson: named in the title ("Foreign Ministry Spokesperson Zhao Lijian's Regular
  Press Conference", "Press Briefing by Press Secretary Jen Psaki and ...", "Press Conference by
  Foreign Minister Fumio Kishida", "外交部发言人赵立坚主持例行记者会"), else in a byline
  ("Ned Price, Department Spokesperson", "Briefer: Nicholas Burns", "noon briefing by Stéphane
  Dujarric, Spokesman for ..."), else a name line in the header that is the label answering
  most ("John Kirby" above "MR KIRBY:"), else the label answering most. A label names the
  spokesperson when it is their name or part of it ("Zhao", "MR PRICE", "Minister Kishida",
  "赵立坚"), a generic answer label ("A", "Spokesperson", "答"), or the spokesperson's bare role
  ("Minister:").
* Other officials: anyone else the title names, anyone an official introduces ("joined by
  National Economic Council Director, Brian Deese"), anyone who introduces someone (an outgoing
  spokesperson presenting the new one), labels shaped `MR./MS. SURNAME`, `MODERATOR`,
  `SENIOR ... OFFICIAL`, labels carrying a title (Minister, Press Secretary, Director-General,
  Admiral...), and a named label that answers the generic "Q"/"QUESTION" of the press.
* Questioners: "Q", "Question", "Reporter", "问", "記者" are unnamed; any other label is the
  outlet (or reporter) asking, as written ("Fujita, Fuji TV", "新华社记者").
* Staff can overrule any of these: `parse(text, roles={"MR. DEESE": "questioner"})`.

Decisions
---------
* Opening remarks: everything before the first question. The spokesperson's label is removed
  there ("Zhao Lijian: At the invitation of ..." keeps only what was said); another official's
  label is kept, so that who said what survives.
* An answer is given by the official who first answers the question (`responder`: the
  spokesperson's full name, or the other official's name: the full name when the text gives
  it, else the label as written). When another official speaks in the same answer, their turn
  stays in the answer with its label ("SENIOR ADMINISTRATION OFFICIAL: Hi, everyone.").
* Back-to-back questions: a question turn before the answer from the same asker (the same label,
  or a follow-up label) continues that question, as one question of several paragraphs; from a
  different asker it is its own exchange, kept with an empty answer and a warning. A numbered
  question is one paragraph: the unlabelled paragraphs after it are its answer.
* "Follow-up:" after an answer starts a new exchange with the previous questioner.
* A capitalised phrase and a colon inside an answer ("Xinjiang: ...") is text, not a new
  questioner, when it asks nothing (no "?") and no answer follows it.
* held_at: the time as written, aware in its zone when the text names one ("1:05 P.M. EST",
  "15:00 Beijing time", `zone` gives the zone's name), else naive; 00:00 when no time is given,
  None without a date (the command and the admin let staff give one).
* Warnings name source lines ("Line 14: ..."); for HTML, the line where the block starts.
* Nothing is lost: text that cannot be attributed stays in the opening remarks (or in the
  question/answer it follows) and a warning names its line. `parse()` never raises.
"""

from __future__ import annotations

from .briefing import (
    OFFICIAL,
    PARAGRAPH_SEPARATOR,
    QUESTIONER,
    ROLES,
    SPOKESPERSON,
    ParsedBriefing,
    ParsedExchange,
    ParsedSpeaker,
)
from .cast import _Cast
from .header import _read_header, _read_metadata
from .labels import _demote_numbered_points, _Paragraph
from .lines import BYTE_ORDER_MARK, _html_lines, _looks_like_html, _text_lines, markdown_to_text
from .reader import _Reader
from .wraps import _reflow

# The tests read these through the package, as when it was one module: the word lists that a
# generated transcript must avoid, and a label's key. ("x as x" says they are re-exported.)
from .cast import _CONNECTOR_WORDS as _CONNECTOR_WORDS  # isort: skip
from .cast import _GENERIC_ANSWER as _GENERIC_ANSWER  # isort: skip
from .cast import _GENERIC_QUESTION as _GENERIC_QUESTION  # isort: skip
from .cast import _TITLE_WORDS as _TITLE_WORDS  # isort: skip
from .labels import _NOT_SPEAKER_WORDS as _NOT_SPEAKER_WORDS  # isort: skip
from .text import _normalised as _normalised  # isort: skip

__all__ = [
    "OFFICIAL",
    "QUESTIONER",
    "ROLES",
    "SPOKESPERSON",
    "ParsedBriefing",
    "ParsedExchange",
    "ParsedSpeaker",
    "markdown_to_text",
    "parse",
]


def parse(source: str, roles: dict[str, str] | None = None) -> ParsedBriefing:
    """The briefing in `source`, plain text or HTML. Never raises.

    `roles` overrules the parser's guess for some labels ({"MR. DEESE": OFFICIAL}), as staff do
    in the import preview; a label is matched ignoring case and spacing.
    """
    try:
        return _parse(source, roles or {})
    except Exception as error:
        # A parser bug must not block an import or lose the transcript: keep every line as
        # opening remarks and say so; staff fix it by hand.
        lines = [line.strip() for line in str(source).splitlines() if line.strip()]
        return ParsedBriefing(
            preamble=PARAGRAPH_SEPARATOR.join(lines),
            warnings=[
                f"The transcript could not be read ({type(error).__name__}); "
                "all its text was kept in the opening remarks"
            ],
        )


def _parse(source: str, roles: dict[str, str]) -> ParsedBriefing:
    source = source.removeprefix(BYTE_ORDER_MARK)  # files saved by Windows editors start with one
    is_html = _looks_like_html(source)
    lines = _html_lines(source) if is_html else _text_lines(source)
    metadata, lines = _read_metadata(lines)
    header = _read_header(lines, metadata)
    body = header.body if is_html else _reflow(header.body)
    paragraphs = _demote_numbered_points([_Paragraph.of(line) for line in body])
    cast = _Cast.identify(header, paragraphs, roles)
    reader = _Reader(cast)
    for paragraph in paragraphs:
        reader.read(paragraph)
    reader.finish()
    return ParsedBriefing(
        title=header.title,
        held_at=header.held_at,
        zone=header.zone,
        spokesperson=cast.spokesperson,
        spokesperson_role=cast.spokesperson_role,
        preamble=PARAGRAPH_SEPARATOR.join(reader.preamble),
        exchanges=reader.exchanges,
        warnings=reader.warnings,
        dropped_lines=header.dropped,
        speakers=cast.speakers_in_order(),
    )
