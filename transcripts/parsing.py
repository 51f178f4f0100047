"""Press-conference transcripts become plain dataclasses: text (or a page's HTML) in, briefing out.

Pure standard library on purpose: the importer, the admin and the tests all call `parse()`, and
none of them should need Django settings to read a transcript.

How a transcript is read, in four steps
=======================================
1. Lines. HTML blocks become lines (navigation, scripts, header and footer skipped); plain text
   keeps its lines and remembers where blank lines were. A metadata block at the very top
   (``title: ...``, ``date: 2021-07-28``, ``tags: ...``, ``source_url: ...``) is read for the
   title and date and left out of the text.
2. The header: everything before the first speaker label. Its furniture (site menu, section
   names, share buttons, "Print", breadcrumbs, copyright and contact lines, bare timestamps) is
   dropped and listed in `dropped_lines`. The title is the line that reads like a briefing title
   ("Press Conference", "Briefing", "记者会"...). The date comes from the first recogniser in
   `_DATE_FORMS` that reads a date line after the title, else the title's own date; a date
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
* held_at: naive local time, 00:00 when no time is given, None without a date (the command and
  the admin let staff give one).
* Warnings name source lines ("Line 14: ..."); for HTML, the line where the block starts.
* Nothing is lost: text that cannot be attributed stays in the opening remarks (or in the
  question/answer it follows) and a warning names its line. `parse()` never raises.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser

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

SPOKESPERSON, OFFICIAL, QUESTIONER = "spokesperson", "official", "questioner"
ROLES = (SPOKESPERSON, OFFICIAL, QUESTIONER)


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(text.split())


@dataclass
class ParsedExchange:
    questioner: str = ""  # the outlet as written; "" when unnamed ("Q:", "Reporter:", "问：")
    question: str = ""  # paragraphs joined by "\n\n", each stripped, text unchanged
    answer: str = ""  # same; "" when the question got no answer
    responder: str = ""  # who answered: the spokesperson's full name, another official's name


@dataclass
class ParsedSpeaker:
    """One label of the transcript and what the parser took it for."""

    label: str  # as first written: "MR. DEESE", "Xinhua News Agency", "Q"
    role: str  # SPOKESPERSON, OFFICIAL or QUESTIONER
    name: str = ""  # who, for an official: "Brian Deese"; "" for a questioner
    turns: int = 0


@dataclass
class ParsedBriefing:
    title: str = ""
    held_at: datetime.datetime | None = None  # naive local time
    spokesperson: str = ""
    spokesperson_role: str = ""  # "Foreign Ministry Spokesperson" when the title says so
    preamble: str = ""  # opening remarks and anything that could not be attributed
    exchanges: list[ParsedExchange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Page furniture left out (menus, breadcrumb, footer), so a reviewer can see what went.
    dropped_lines: list[str] = field(default_factory=list)
    # Every label, in order of first appearance, with its role: what the admin preview shows.
    speakers: list[ParsedSpeaker] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "held_at": self.held_at.isoformat(timespec="minutes") if self.held_at else None,
            "spokesperson": self.spokesperson,
            "spokesperson_role": self.spokesperson_role,
            "preamble": self.preamble,
            "exchanges": [asdict(exchange) for exchange in self.exchanges],
            "speakers": [asdict(speaker) for speaker in self.speakers],
            "warnings": list(self.warnings),
        }


PARAGRAPH_SEPARATOR = "\n\n"
BYTE_ORDER_MARK = "\ufeff"


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


@dataclass
class _Line:
    number: int  # 1-based, in the source, for warnings staff can look up
    text: str  # stripped, never empty
    after_gap: bool = True  # a blank line (or a block boundary) comes before it


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
        spokesperson=cast.spokesperson,
        spokesperson_role=cast.spokesperson_role,
        preamble=PARAGRAPH_SEPARATOR.join(reader.preamble),
        exchanges=reader.exchanges,
        warnings=reader.warnings,
        dropped_lines=header.dropped,
        speakers=cast.speakers_in_order(),
    )


def _text_lines(source: str) -> list[_Line]:
    lines, gap = [], True
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip():
            lines.append(_Line(number, line.strip(), gap))
            gap = False
        else:
            gap = True
    return lines


# --- HTML -------------------------------------------------------------------------------------

_HTML_SIGN = re.compile(
    r"<(?:!doctype\s+html|html|body|p|div|br|h[1-6]|li|table|article|span)\b[^<>]*>", re.I
)


def _looks_like_html(source: str) -> bool:
    return bool(_HTML_SIGN.search(source))


class _TranscriptHTML(HTMLParser):
    """Block elements become lines; navigation, scripts and page header/footer are skipped."""

    BLOCKS = _words(
        "p div br h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr td th table section article main aside "
        "blockquote pre hr form figure figcaption address center"
    )
    SKIPPED = _words("script style nav header footer head noscript template")
    _HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a &nbsp; is text the author typed

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self._parts: list[str] = []
        self._line_number = 0
        self._skip_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIPPED:
            self._skip_depth += 1
        if tag in self.BLOCKS:
            self._flush()
        if tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        if tag in self.BLOCKS:
            self._flush()
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._pre_depth:
            first, *others = data.split("\n")
            self._add(first)
            for other in others:
                self._flush()
                self._add(other)
        else:
            self._add(self._HTML_SPACE.sub(" ", data))

    def _add(self, text: str) -> None:
        if not self._parts:
            self._line_number = self.getpos()[0]
        self._parts.append(text)

    def _flush(self) -> None:
        text = "".join(self._parts).strip()
        if text:
            self.lines.append(_Line(self._line_number, text))
        self._parts = []

    def close(self) -> None:
        super().close()
        self._flush()


def _html_lines(source: str) -> list[_Line]:
    reader = _TranscriptHTML()
    try:
        reader.feed(source)
        reader.close()
        return reader.lines
    except Exception:
        # html.parser can still trip over some malformed markup; a crude tag strip keeps the text.
        stripped = html.unescape(re.sub(r"<[^>]*>", "\n", source))
        return _text_lines(stripped)


# --- Furniture ----------------------------------------------------------------------------------

_FURNITURE_PHRASE = (
    r"(?:suggest\s+to\s+a\s+friend|print(?:\s+this\s+page)?|close(?:\s+window)?|back\s+to\s+top"
    r"|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?)"
)
_SHARE_TARGET = r"(?:wechat|weibo|facebook|twitter|x|linkedin|e-?mail|whatsapp|微信|微博|qq)"
_FURNITURE = [
    # "Suggest To A Friend", "Print", or several of them on one line ("Suggest To A Friend Print").
    # The separator is written so that whitespace splits only one way: no catastrophic backtracking.
    re.compile(rf"{_FURNITURE_PHRASE}(?:(?:\s*[|·/]\s*|\s*){_FURNITURE_PHRASE})*", re.I),
    re.compile(r"(?:home|homepage|首页)\s*[>»›＞/].*", re.I),  # breadcrumb
    re.compile(r"(?:copyright|©|\(c\))[\s©]*(?:©|\(c\)|\d{4}).{0,200}", re.I),
    re.compile(r"all\s+rights\s+reserved\.?|版权所有.{0,200}", re.I),
    re.compile(r"(?:tel|fax|phone)\s*[:：.]?\s*[+(]?\d[\d\s()\-/.,+]{5,}", re.I),
    re.compile(r"e-?mail\s*[:：]\s*\S+@\S+", re.I),
    # Share buttons and their counters: "Share - WeChat", "Share: 12", "分享到：微信".
    re.compile(
        rf"(?:share(?:\s+(?:this|on|to))?|分享到?)\s*(?:[-–:：|]\s*)?(?:{_SHARE_TARGET}|\d{{1,6}})?"
        rf"(?:\s*[|/·,]\s*{_SHARE_TARGET})*",
        re.I,
    ),
    re.compile(r"\d{1,6}"),  # a counter (shares, views) or a page number
    re.compile(r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)"),  # a transcript service's bare timestamp
]


def _is_furniture(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _FURNITURE)


# --- Metadata -------------------------------------------------------------------------------------

# Keys of the metadata blocks archives and static sites write above a transcript.
_METADATA_KEYS = (
    "title date tags tag source_url source url link author category categories language lang "
    "slug id layout description published updated type speaker spokesperson location"
)
_METADATA_LINE = re.compile(rf"(?P<key>{'|'.join(_METADATA_KEYS.split())})\s*:\s*(?P<value>.*)")
_METADATA_FENCE = re.compile(r"-{3,}|\+{3,}")


@dataclass
class _Metadata:
    title: str = ""
    date: str = ""
    lines: list[str] = field(default_factory=list)  # left out of the text, listed as dropped


def _read_metadata(lines: list[_Line]) -> tuple[_Metadata, list[_Line]]:
    """A block of lowercase `key: value` lines at the top (front matter) is not transcript text."""
    fenced = bool(lines) and _METADATA_FENCE.fullmatch(lines[0].text) is not None
    count = 1 if fenced else 0
    entries = []
    while count < len(lines) and (entry := _METADATA_LINE.fullmatch(lines[count].text)):
        entries.append(entry)
        count += 1
    if fenced and count < len(lines) and _METADATA_FENCE.fullmatch(lines[count].text):
        count += 1
    if len(entries) < 2 and not (fenced and entries):
        return _Metadata(), lines
    values = {entry["key"].strip(): entry["value"].strip() for entry in entries}
    metadata = _Metadata(
        title=values.get("title", ""),
        date=values.get("date", ""),
        lines=[line.text for line in lines[:count]],
    )
    return metadata, lines[count:]


# --- Dates: one recogniser per form ---------------------------------------------------------------

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class _DateForm:
    name: str
    pattern: str
    has_year: bool = True


# Each form is tried in this order; the first that gives a real calendar date wins.
_DATE_FORMS = [
    _DateForm("iso", r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    _DateForm("chinese", r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    # "February 10, 2009", "Tuesday, February 10, 2009", "Sep 30, 2019"
    _DateForm(
        "month day year", rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})"
    ),
    # "24 April 2015", "15th October, 2020"
    _DateForm(
        "day month year",
        rf"{_WEEKDAY}(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})",
    ),
    # "9/16/24", "10/27/2025": American order, as the US government and its transcribers write.
    _DateForm("us numeric", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?!\d)"),
    # "January 22" in a title: the year comes from another date on the page.
    _DateForm("month day", rf"{_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL}(?![\d,])", has_year=False),
]
_TIME = (
    r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap])\.?\s*m\.?)?"
    r"(?:\s+\(?(?P<zone>(?-i:[A-Z]{2,5})|local)\)?)?"
)
# Whitespace before the time is matched one way only, so long blank runs cannot backtrack.
_BEFORE_TIME = r"(?:,|\s+-|\s+\|)?(?:\s+(?:at\s+)?|T|(?<=日))"
# A line that says when: an optional key ("Date:", "Updated:"), the date, its time, and a short
# tail that is not a sentence ("Ministry of Foreign Affairs", "| Press release").
_DATE_KEY = (
    r"(?:(?:date|updated|posted|published|released|time|日期|时间|發布時間|发布时间)\s*[:：]\s*)?"
)
_DATE_TAIL_MAX = 80
_DATE_LINES = [
    (
        form,
        re.compile(
            rf"{_DATE_KEY}\(?{form.pattern}\)?(?:{_BEFORE_TIME}{_TIME})?(?P<tail>.*)", re.I | re.S
        ),
    )
    for form in _DATE_FORMS
    if form.has_year
]
_DATES_IN_TEXT = [
    (form, re.compile(rf"(?<![\d/])(?:{form.pattern})", re.I)) for form in _DATE_FORMS
]
_TIME_LINE = re.compile(_TIME, re.I)
_MONTH_ORDER = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = {name: number for number, name in enumerate(_MONTH_ORDER.split(), start=1)}
_TWO_DIGIT_YEAR_PIVOT = 70  # "5/04/22" is 2022, "12/01/97" is 1997


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= _TWO_DIGIT_YEAR_PIVOT else 2000
    return year


def _datetime_from(
    match: re.Match, time: re.Match | None = None, year: int | None = None
) -> datetime.datetime | None:
    groups = match.groupdict()
    time_groups = time.groupdict() if time else groups
    try:
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["month"][:3].lower()]
        hour = int(time_groups.get("H") or 0)
        if time_groups.get("ampm"):
            hour = hour % 12 + (12 if time_groups["ampm"].lower() == "p" else 0)
        given_year = _year(groups["y"]) if groups.get("y") else year
        if given_year is None:
            return None
        return datetime.datetime(
            given_year, month, int(groups["d"]), hour, int(time_groups.get("M") or 0)
        )
    except (KeyError, ValueError, OverflowError, TypeError):
        return None


def _date_line(text: str) -> re.Match | None:
    """The match when `text` is a line that says when, and nothing much else."""
    if len(text) > 160:
        return None
    for _form, pattern in _DATE_LINES:
        match = pattern.fullmatch(text)
        if match and _datetime_from(match) and _is_date_tail(match["tail"]):
            return match
    return None


def _is_date_tail(tail: str) -> bool:
    """What may follow a date on its line: a place, a time zone, "| Press release"; no sentence."""
    tail = tail.strip(" \t\u00a0|·–—-,")
    return not tail or (
        len(tail) <= _DATE_TAIL_MAX
        and len(tail.split()) <= 6
        and not tail.endswith(_SENTENCE_END)
        and not _has_cjk(tail)
        and not _title_strength(tail)
    )


def _date_in_text(text: str, year: int | None = None) -> re.Match | None:
    """The first date written anywhere in `text` (a title); year-less ones need `year`."""
    for form, pattern in _DATES_IN_TEXT:
        if not form.has_year and year is None:
            continue
        for match in pattern.finditer(text):
            if _datetime_from(match, year=year):
                return match
    return None


def _date_at_start(text: str) -> re.Match | None:
    """A date that opens a line ("2012年11月16日,外交部发言人..."): the last resort."""
    for form, pattern in _DATES_IN_TEXT:
        if form.has_year and (match := pattern.match(text)) and _datetime_from(match):
            return match
    return None


# --- Title --------------------------------------------------------------------------------------

_STRONG_TITLE = re.compile(
    r"press\s+conference|briefing|news\s+conference|press\s+call|background\s+call|stakeout"
    r"|记者会|記者會|吹风会|吹風會|发布会|發布會",
    re.I,
)
_WEAK_TITLE = re.compile(r"remarks|transcript|答记者问|答記者問|谈话|談話", re.I)
_SENTENCE_END = tuple(".?!。？！:：;；,，")
_TITLE_MAX_LENGTH = 200


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _is_substantial(text: str) -> bool:
    return len(text.split()) >= 4 or _cjk_count(text) >= 8


def _could_be_title(text: str) -> bool:
    return (
        len(text) <= _TITLE_MAX_LENGTH
        and not text.endswith(_SENTENCE_END)
        and not _is_furniture(text)
        and not _date_line(text)
        and any(ch.isalpha() for ch in text)
    )


def _title_strength(text: str) -> int:
    if _STRONG_TITLE.search(text):
        return 2
    if _WEAK_TITLE.search(text) and _is_substantial(text):
        return 1
    return 0


def _find_title(zone: list[_Line]) -> int | None:
    """Index of the title line among the lines before the first speaker label.

    In order of preference: a line that says "Press Conference" (or "Briefing", "记者会"...) with
    a date under it; one that says so at some length (a site's section name, "Regular Press
    Conference", sits above the real title); "Remarks" or "Transcript" likewise; any substantial
    line with a date under it; a short "Press Conference"; the first substantial line.
    """
    candidates = [i for i, line in enumerate(zone) if _could_be_title(line.text)]

    def dated(i: int) -> bool:
        following = i + 1
        while following < len(zone) and _is_furniture(zone[following].text):
            following += 1
        return following < len(zone) and _date_line(zone[following].text) is not None

    preferences = [
        lambda i, text: _title_strength(text) == 2 and dated(i),
        lambda i, text: _title_strength(text) == 2 and _is_substantial(text),
        lambda i, text: _title_strength(text) == 1 and (dated(i) or _is_substantial(text)),
        lambda i, text: _is_substantial(text) and dated(i),
        lambda i, text: _title_strength(text) == 2,
    ]
    for preferred in preferences:
        for i in candidates:
            if preferred(i, zone[i].text):
                return i
    for i, line in enumerate(zone):
        if _is_furniture(line.text) or _date_line(line.text):
            continue
        if _is_substantial(line.text):
            return i if i in candidates else None
    return None


# --- Header -------------------------------------------------------------------------------------


@dataclass
class _Header:
    title: str
    held_at: datetime.datetime | None
    body: list[_Line]
    dropped: list[str]
    zone: list[_Line]  # lines before the first speaker label


def _read_header(lines: list[_Line], metadata: _Metadata) -> _Header:
    first_label = next(
        (
            i
            for i, line in enumerate(lines)
            if _speaker_label(line.text) and not _is_furniture(line.text)
        ),
        len(lines),
    )
    zone = lines[:first_label]
    title_index = _find_title(zone)
    title = metadata.title or (zone[title_index].text if title_index is not None else "")
    held_at, date_indexes = _find_held_at(zone, title_index, metadata)

    body, dropped = [], list(metadata.lines)
    for i, line in enumerate(lines):
        if i in date_indexes and (match := _date_line(line.text)) and match["tail"].strip():
            dropped.append(line.text)  # "July 6, 2016, 4:13 p.m.  Ministry of Foreign Affairs"
            continue
        if i == title_index or i in date_indexes:
            continue
        # Before the title is the site's menu; it is not part of the transcript. So are the
        # title's repeats and the furniture anywhere.
        before_title = title_index is not None and i < title_index
        repeated_title = i < first_label and bool(title) and line.text == title
        if before_title or repeated_title or _is_furniture(line.text):
            dropped.append(line.text)
        else:
            body.append(line)
    return _Header(title, held_at, body, dropped, zone)


def _find_held_at(
    zone: list[_Line], title_index: int | None, metadata: _Metadata
) -> tuple[datetime.datetime | None, set]:
    """When the briefing was held, and the indexes of the date and time lines that said so."""
    if metadata.date and (date := _date_in_text(metadata.date)):
        time = _TIME_LINE.search(metadata.date[date.end() :])
        return _datetime_from(date, time if time else None), set()
    start = 0 if title_index is None else title_index + 1
    after_title = range(start, len(zone))
    date_index = next((i for i in after_title if _date_line(zone[i].text)), None)
    line_date = _date_line(zone[date_index].text) if date_index is not None else None
    page_year = _page_year(zone, title_index)
    title_date = (
        _date_in_text(zone[title_index].text, year=page_year) if title_index is not None else None
    )
    used = set() if date_index is None else {date_index}
    if title_date and (not line_date or _published_after(line_date, title_date, page_year)):
        # The title says which day; a date a few days later under it is when the page was
        # published (a date far off, or before, is the file's own, and is kept: staff see it).
        held_at = _datetime_from(title_date, year=page_year)
        return _with_time_below(held_at, zone, title_index, title_date, page_year, used)
    if line_date:
        if line_date.groupdict().get("H"):
            return _datetime_from(line_date), used
        return _with_time_below(_datetime_from(line_date), zone, date_index, line_date, None, used)
    for i in after_title:
        if match := _date_at_start(zone[i].text):
            return _datetime_from(match), used
    return None, set()


_PUBLISHED_WITHIN_DAYS = 7  # how long after a briefing its transcript is put online


def _published_after(line_date: re.Match, title_date: re.Match, year: int | None) -> bool:
    held_at, published = _datetime_from(title_date, year=year), _datetime_from(line_date)
    delay = (published.date() - held_at.date()).days if held_at and published else 0
    return 0 < delay <= _PUBLISHED_WITHIN_DAYS


def _with_time_below(held_at, zone, index, date, year, used):
    """The time often has a line of its own: "2:14 p.m. EST" under "February 8, 2021"."""
    if date.groupdict().get("H"):
        return held_at, used
    for i in range(index + 1, min(index + 3, len(zone))):
        time = _TIME_LINE.fullmatch(zone[i].text)
        if time and (with_time := _datetime_from(date, time, year=year)):
            return with_time, used | {i}
    return held_at, used


def _page_year(zone: list[_Line], title_index: int | None) -> int | None:
    """The year of any dated line, for a title that gives only the month and day."""
    for line in zone:
        if match := _date_line(line.text):
            return _datetime_from(match).year
    return None


# --- Speaker labels: a table of shapes ------------------------------------------------------------

# Kana, CJK ideographs and Hangul: scripts without capitals, where labels are names or roles.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_ONLY = re.compile(f"{_CJK.pattern}+")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_TIMESTAMP = r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)"
_NOT_IN_LABEL = frozenset(';!?"“”«»()[]{}<>|\\/=+*#@$%^~`…，。；！？、（）「」『』【】')
# Words that open a sentence or a list item, never a speaker: "First question: ...", "Note: ...".
_NOT_SPEAKER_WORDS = _words(
    """first second third fourth fifth sixth firstly secondly thirdly finally lastly last next
    also note notes nb ps p.s however moreover besides meanwhile therefore thus so but and or yes
    no example update updated correction i we he she they it this that
    these those there here my our your his her their its what why how when where who which date
    time source sources author editor from by to subject tel fax phone email e-mail address add
    website url www http https keywords tags topics related category quote translation background
    step part chapter section article item point points reference see in on at for as if after
    before place venue location main briefer presenter title tag topic"""
)
_LOWERCASE_LABEL_WORDS = _words(
    "of and the de du des la le el al for für von van der di da & reporter correspondent journalist"
)
# Chinese answer paragraphs open with these ("第一：", "我们认为："); names and outlets do not.
_NOT_CJK_NAME_START = frozenset(
    "第一二三四五六七八九十首其最另此同总但而因所如即例注按据我你他她它这那对关在有是就要也还"
)
_FOLLOW_UP = re.compile(r"follow[\s-]?up(?:\s+question)?|追问|追問|又问|又問", re.I)


@dataclass(frozen=True)
class _LabelShape:
    """One way transcripts write who speaks; `pattern` has the groups `label` and `rest`."""

    name: str
    pattern: re.Pattern
    numbered: bool = False  # "1. VnExpress: ..." (the answer that follows carries no label)
    checked: bool = True  # the label must pass `_label_shaped` (the bare "Q" needs no check)


_LABEL_TEXT = r"[^:：\n]{1,80}?"
_LABEL_SHAPES = [
    # White House: a bare "Q" and a wide space, no colon ("Q    Thanks, Jen."), or alone.
    _LabelShape(
        "wide Q",
        re.compile(r"(?P<label>Q)\.?(?:[ \t\u00a0]{2,}(?P<rest>\S.*)|[ \t\u00a0]*)", re.S),
        checked=False,
    ),
    # Vietnam's ministry: "1. VnExpress: ..." with the answer unlabelled below.
    _LabelShape(
        "numbered",
        re.compile(
            rf"\d{{1,3}}[.)][ \t\u00a0]+(?P<label>{_LABEL_TEXT})[ \t]*[:：](?P<rest>.*)", re.S
        ),
        numbered=True,
    ),
    # Transcription services: "Matthew Miller (12:34):" and "Jen Psaki: (00:22)".
    _LabelShape(
        "timestamp before the colon",
        re.compile(
            rf"(?P<label>[^:：()\n]{{1,60}}?)[ \t]*{_TIMESTAMP}[ \t]*[:：](?P<rest>.*)", re.S
        ),
    ),
    _LabelShape(
        "timestamp after the colon",
        re.compile(
            rf"(?P<label>[^:：()\n]{{1,60}}?)[ \t]*[:：][ \t]*{_TIMESTAMP}(?P<rest>.*)", re.S
        ),
    ),
    # "AFP (follow-up):", "Reporter (inaudible):"
    _LabelShape(
        "label and a note",
        re.compile(
            r"(?P<label>[^:：()\n]{1,60}?)[ \t]*\((?P<note>[^()\n]{1,30})\)[ \t]*[:：](?P<rest>.*)",
            re.S,
        ),
    ),
    # "Q (Inaudible.)": what was heard, in brackets, after the Q.
    _LabelShape(
        "Q and a note",
        re.compile(r"(?P<label>Q)[ \t\u00a0]+(?P<rest>[(\[].*)", re.S),
        checked=False,
    ),
    # The common shape, "CCTV:", "Q :", "问：", "Abe, Asahi Shimbun:".
    _LabelShape(
        "label and colon", re.compile(rf"(?P<label>{_LABEL_TEXT})[ \t]*[:：](?P<rest>.*)", re.S)
    ),
    # Pasted White House text sometimes keeps a single space after the Q.
    _LabelShape(
        "narrow Q",
        re.compile(r"(?P<label>Q)\.?[ \t\u00a0](?=[A-Z“\"‘'])(?P<rest>.+)", re.S),
        checked=False,
    ),
]


@dataclass(frozen=True)
class _Label:
    label: str
    rest: str
    numbered: bool = False
    follow_up: bool = False  # "AFP (follow-up):"


def _speaker_label(text: str) -> _Label | None:
    """The label when the paragraph opens with something shaped like a speaker label."""
    for shape in _LABEL_SHAPES:
        match = (
            shape.pattern.fullmatch(text) if shape.name == "wide Q" else shape.pattern.match(text)
        )
        if not match:
            continue
        label, rest = match["label"].strip(), (match["rest"] or "").strip()
        note = match.groupdict().get("note") or ""
        if shape.checked and not _label_shaped(label, rest, numbered=shape.numbered):
            continue
        return _Label(
            label, rest, shape.numbered, bool(note and _FOLLOW_UP.fullmatch(note.strip()))
        )
    return None


def _label_shaped(label: str, rest: str, *, numbered: bool = False) -> bool:
    if not label or not (label[0].isupper() or _has_cjk(label[0]) or label[0] in "《"):
        return False
    if rest.startswith("//"):  # a URL scheme
        return False
    if label[-1].isdigit() and rest[:1].isdigit():  # a time or a ratio: "At 19:34"
        return False
    if _FOLLOW_UP.fullmatch(label):
        return True
    if _has_cjk(label):
        # 《》 quote an outlet's name ("《环球时报》记者"); a comma means a sentence.
        return len(label) <= 20 and not any(ch in _NOT_IN_LABEL or ch == "," for ch in label)
    if any(ch in _NOT_IN_LABEL or ch in "《》" for ch in label):
        return False
    # "Abe, Asahi Shimbun", "Mr. Fumio Kishida, Minister for Foreign Affairs": a few short parts.
    parts = [part.strip() for part in label.split(",")]
    if len(parts) > 3 or not all(parts) or (len(parts) == 1 and len(label) > 40):
        return False
    return all(
        _label_part_shaped(part, numbered=numbered, first=i == 0) for i, part in enumerate(parts)
    )


def _label_part_shaped(part: str, *, numbered: bool, first: bool) -> bool:
    words = part.split()
    if len(words) > 6 or words[0].casefold().rstrip(".") in _NOT_SPEAKER_WORDS:
        return False
    # After a comma, a name or an outlet ("Abe, Asahi Shimbun"), not a number ("2, 3 and 4").
    if not (words[0][0].isupper() or (first and words[0][0].isdigit())):
        return False
    # After a number, an outlet may be written in lower case: "1. Tuoi tre:".
    return numbered or all(_label_word(word) for word in words)


def _label_word(word: str) -> bool:
    if word.endswith(".") and "." not in word[:-1] and len(word) > 5:
        return False  # the end of a sentence, not an abbreviation like "MS." or "U.S."
    return word[0].isupper() or word[0].isdigit() or word.casefold() in _LOWERCASE_LABEL_WORDS


# --- Who speaks: the cast -----------------------------------------------------------------------

_GENERIC_QUESTION = _words(
    "q question questions reporter journalist correspondent audience participant 问 問 记者 記者 "
    "提问 提問 记者问 記者問"
)
_GENERIC_ANSWER = _words("a answer spokesperson spokesman spokeswoman 答 发言人 發言人 回答")
_PRESS_WORDS = _words("reporter journalist correspondent")
_CJK_PRESS_MARKS = ("记者", "記者", "记者问", "記者問")
_CJK_OUTLET_ENDINGS = (
    "社",
    "台",
    "报",
    "報",
    "网",
    "網",
    "刊",
    "电视",
    "電視",
    "新闻",
    "新聞",
    "》",
)
_ROLE_WORDS = _words("spokesperson spokesman spokeswoman")
# Words of a title, never of a name: "MR PRICE" is Ned Price, "Minister Kishida" is Fumio Kishida.
_TITLE_WORDS = _words(
    "mr mrs ms miss dr mister madam spokesperson spokesman spokeswoman deputy press secretary "
    "ambassador minister foreign director general coordinator advisor adviser admiral chair "
    "administrator commissioner envoy senior official officials moderator operator assistant "
    "principal under acting chief counselor"
)
# Labels that only an official wears: "MR. DEESE", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL".
_OFFICIAL_LABELS = [
    re.compile(r"(?:mr|mrs|ms|miss|dr|mister|madam)\.?\s+[^\W\d_][\w'’.\-]*", re.I),
    re.compile(r"moderator|operator|host|the\s+president|the\s+vice\s+president", re.I),
    re.compile(r"(?:[\w.\-]+\s+){0,5}officials?(?:\s+(?:one|two|three|four|#?\d))?", re.I),
]
# A title in the label: "Foreign Press Secretary Kawamura", "ASSISTANT SECRETARY TOLOUI".
_OFFICIAL_TITLE = re.compile(
    r"\b(?:secretary|minister|director(?:-general)?|ambassador|admiral|general|coordinator"
    r"|advis[eo]r|administrator|commissioner|envoy|spokes(?:person|man|woman)|counselor"
    r"|chair(?:man|woman)?|governor|deputy|under[- ]secretary)\b",
    re.I,
)
# An official bringing someone in: "joined by National Economic Council Director, Brian Deese",
# "I'd like to introduce my new colleague", "I'll turn it over to Brian".
_INTRODUCING = re.compile(
    r"joined\s+by|introduc(?:e|ing)|turn\s+it\s+over\s+to|hand\s+it\s+over\s+to"
    r"|(?:my|our)\s+(?:new\s+)?colleague|(?:special|our)\s+guests?|介绍|介紹",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def _normalised(label: str) -> str:
    """A label's key: "MR. PRICE", "Mr Price" and "MR PRICE:" are one speaker."""
    return " ".join(label.casefold().replace(".", " ").split())


_WORD = re.compile(r"[^\W\d_]+")
# Words that join a title's words, never a name's: "Minister for Foreign Affairs".
_CONNECTOR_WORDS = _words("for of the and")


@functools.lru_cache(maxsize=4096)
def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.casefold())) - _TITLE_WORDS - _CONNECTOR_WORDS


def _names_match(label: str, name: str) -> bool:
    """Whether `label` designates the person called `name`: whole name, surname, "MR PRICE"."""
    if not name or not label:
        return False
    if _has_cjk(label + name):
        return label in name or name in label  # "赵立坚", "赵", "发言人赵立坚"
    said, named = _name_tokens(label), _name_tokens(name)
    # "Zhao" and "MR PRICE" name part of the person; "Spokesperson Zhao Lijian" all of them.
    return bool(said) and bool(named) and (said <= named or named <= said)


def _is_cjk_name_shaped(label: str) -> bool:
    return (
        2 <= len(label) <= 4 and _CJK_ONLY.fullmatch(label) and label[0] not in _NOT_CJK_NAME_START
    )


def _is_generic_question(label: str) -> bool:
    norm = _normalised(label)
    return (
        norm in _GENERIC_QUESTION
        or bool(set(norm.split()) & _PRESS_WORDS)
        or label.endswith(_CJK_PRESS_MARKS)
    )


def _is_generic_answer(label: str) -> bool:
    norm = _normalised(label)
    last_word = norm.split()[-1] if norm else ""
    return (
        norm in _GENERIC_ANSWER or last_word in _ROLE_WORDS or label.endswith(("发言人", "發言人"))
    )


def _looks_official(label: str) -> bool:
    return any(p.fullmatch(label) for p in _OFFICIAL_LABELS) or bool(_OFFICIAL_TITLE.search(label))


@dataclass
class _Paragraph:
    line: _Line
    found: _Label | None = None

    @classmethod
    def of(cls, line: _Line) -> _Paragraph:
        return cls(line, _speaker_label(line.text))

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def label(self) -> str:
        return self.found.label if self.found else ""

    @property
    def rest(self) -> str:
        return self.found.rest if self.found else self.text

    @property
    def key(self) -> str:
        return _normalised(self.label)

    def unlabelled(self) -> None:
        self.found = None


def _demote_numbered_points(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """A numbered label that asks nothing ("1. Economy: it grew.") is a point of a list."""
    for paragraph in paragraphs:
        if (
            paragraph.found
            and paragraph.found.numbered
            and "?" not in paragraph.rest
            and "？" not in paragraph.rest
        ):
            paragraph.unlabelled()
    return paragraphs


# The spokesperson in a title: "Foreign Ministry Spokesperson Zhao Lijian's ...", "Press Briefing
# by Press Secretary Jen Psaki and National Economic Council Director Brian Deese", "Press
# Conference by Foreign Minister Fumio Kishida", "... by Deputy Press Secretary OHTAKA Masato".
_ROLE = (
    r"(?:Deputy\s+|Principal\s+Deputy\s+|Foreign\s+)?(?:Spokesperson|Spokesman|Spokeswoman"
    r"|Press\s+Secretary|Minister(?:\s+for\s+Foreign\s+Affairs)?|Director(?:-General)?"
    r"|Coordinator(?:\s+for\s+[A-Z]\w+(?:\s+[A-Z]\w+)*)?|Advis[eo]r|Secretary(?:\s+of\s+State)?"
    r"|Secretary-General|Ambassador|Admiral|Chair)"
)
_ROLE_PHRASE = rf"(?<![\w'’])(?P<role>(?:[A-Z][\w.\-]*\s+)*?{_ROLE})"
_NAME_WORD = r"[A-Z][\w.\-’']*"
_TITLED_PERSON = re.compile(rf"{_ROLE_PHRASE},?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
_CJK_TITLED_SPOKESPERSON = re.compile(
    r"(?P<role>[\u4e00-\u9fff]{0,10}?(?:发言人|發言人))(?P<name>[\u4e00-\u9fff]{2,4}?)"
    r"(?=主持|答记者问|答記者問|就|在|表示|例行|举行|舉行|$)"
)
# Words that end a name in a title: "Jen Psaki White House Press Conference Transcript".
_AFTER_NAME = _words(
    "white house press briefing conference transcript remarks on at in for of and the with "
    "regular daily department state"
)
_BYLINE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?),\s+"
    rf"(?P<role>(?:[A-Z][\w.\-]*\s+)*?(?:Spokesperson|Spokesman|Spokeswoman|Press\s+Secretary)"
    rf"(?:\s+(?:for\s+the\s+)?[A-Z][\w.\-]*){{0,3}})"
)
_BRIEFER = re.compile(
    rf"(?:Briefer|Presenter|Spokesperson|Spokesman)\s*[:：]\s*(?:{_ROLE_PHRASE}\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)
_BRIEFING_BY = re.compile(
    rf"briefing\s+by\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?),\s+(?P<role>(?:Deputy\s+|"
    rf"Associate\s+)?(?:Spokesperson|Spokesman|Spokeswoman))"
)
_NAME_LINE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}")


@dataclass
class _Person:
    name: str
    role: str = ""


def _people_in_title(title: str, labels: list[str]) -> list[_Person]:
    """Everyone a title names with a role, in order: the first is the spokesperson."""
    undated = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "", title)
    if match := _CJK_TITLED_SPOKESPERSON.search(undated):
        return [_Person(match["name"], " ".join(match["role"].split()))]
    people = []
    for match in _TITLED_PERSON.finditer(title):
        name = _confirmed_name(match["name"].split(), labels)
        if name:
            people.append(_Person(name, " ".join(match["role"].split())))
    return people


def _confirmed_name(words: list[str], labels: list[str]) -> str:
    """The name among a title's words: the longest that a label confirms, else up to a non-name."""
    name = []
    for word in words:
        bare = word.removesuffix("'s").removesuffix("’s")
        if bare.casefold() in _AFTER_NAME:
            break
        name.append(bare)
        if bare != word:  # "Zhao Lijian's Regular Press Conference": the name ends there
            break
    for n in range(len(name), 1, -1):  # "Jen Psaki White House ...": the label says where to stop
        candidate = " ".join(name[:n])
        if any(_normalised(label) == _normalised(candidate) for label in labels):
            return candidate
    if len(name) >= 2 or (name and any(_names_match(label, name[0]) for label in labels)):
        return " ".join(name[:3])
    return ""


@dataclass
class _Cast:
    """Everyone who speaks, and in which role: read once, before the exchanges are assembled."""

    spokesperson: str
    spokesperson_role: str
    speakers: dict[str, ParsedSpeaker]  # by normalised label, in order of first appearance

    @classmethod
    def identify(
        cls, header: _Header, paragraphs: list[_Paragraph], overrides: dict[str, str]
    ) -> _Cast:
        for paragraph in paragraphs:
            if paragraph.found and _label_kind(paragraph.label, "") is None:
                paragraph.unlabelled()  # "我们认为：..." opens a Chinese sentence
        labelled = [p for p in paragraphs if p.found]
        labels = [p.label for p in labelled]
        people = _people_in_title(header.title, labels)
        spokesperson, role = (people[0].name, people[0].role) if people else ("", "")
        if not people and (match := re.search(_ROLE_PHRASE, header.title)):
            role = " ".join(match["role"].split())
        if not spokesperson:
            spokesperson, role = _spokesperson_in_byline(header.zone, role)
        if not spokesperson and not any(_is_generic_answer(label) for label in labels):
            spokesperson = _spokesperson_from_labels(header.zone, labelled)
        for paragraph in labelled:
            if _has_cjk(paragraph.label) and _label_kind(paragraph.label, spokesperson) is None:
                paragraph.unlabelled()  # neither the spokesperson nor the press: Chinese text
        labelled = [p for p in labelled if p.found]
        cast = cls(spokesperson, role, {})
        guests = [person.name for person in people[1:]]
        for paragraph in labelled:
            cast._meet(paragraph, guests)
        cast._introduced(labelled)
        cast._answering_the_press(labelled)
        for key, wanted in overrides.items():
            if (speaker := cast.speakers.get(_normalised(key))) and wanted in ROLES:
                speaker.role = wanted
                speaker.name = cast._name_for(speaker.label, wanted)
        _demote_headings_in_answers(paragraphs, cast, {_normalised(key) for key in overrides})
        return cast

    def _meet(self, paragraph: _Paragraph, guests: list[str]) -> None:
        key = paragraph.key
        if key in self.speakers:
            self.speakers[key].turns += 1
            return
        role = self._first_guess(paragraph, guests)
        self.speakers[key] = ParsedSpeaker(
            paragraph.label, role, self._name_for(paragraph.label, role, guests), 1
        )

    def _first_guess(self, paragraph: _Paragraph, guests: list[str]) -> str:
        label = paragraph.label
        if _FOLLOW_UP.fullmatch(label) or _is_generic_question(label):
            return QUESTIONER
        if _is_generic_answer(label) or self.names_spokesperson(label):
            return SPOKESPERSON
        if paragraph.found.numbered:
            return QUESTIONER
        if _has_cjk(label):
            return QUESTIONER  # Chinese officials are named (the spokesperson) or titled
        if _looks_official(label) or any(_names_match(label, guest) for guest in guests):
            return OFFICIAL
        return QUESTIONER

    def names_spokesperson(self, label: str) -> bool:
        if _names_match(label, self.spokesperson):
            return True
        # The bare role: "Minister:" for the Minister for Foreign Affairs.
        said = set(_normalised(label).split())
        return (
            bool(said)
            and bool(self.spokesperson_role)
            and said <= set(_normalised(self.spokesperson_role).split())
            and not _is_generic_question(label)
        )

    def _name_for(self, label: str, role: str, guests: list[str] = ()) -> str:
        if role == SPOKESPERSON:
            return self.spokesperson
        if role == QUESTIONER:
            return ""
        known = [*guests, *(s.name for s in self.speakers.values() if s.role == OFFICIAL)]
        return next((name for name in known if name and _names_match(label, name)), label)

    def _introduced(self, labelled: list[_Paragraph]) -> None:
        """Whoever an official brings in, and whoever brings someone in, is an official."""
        introduced: dict[str, str] = {}  # a name's words, as officials said them, to the name
        for paragraph in labelled:
            speaker = self.speakers[paragraph.key]
            if speaker.role in (SPOKESPERSON, OFFICIAL):
                introduced.update(_names_introduced(paragraph.rest))
                continue
            if paragraph.found.numbered or _FOLLOW_UP.fullmatch(paragraph.label):
                continue
            if _is_generic_question(paragraph.label):
                continue
            tokens = _name_tokens(paragraph.label)
            if tokens and all(token in introduced for token in tokens):
                speaker.role = OFFICIAL
                speaker.name = introduced[next(iter(tokens))]
            elif _INTRODUCING.search(paragraph.rest) and self._mentions_official(paragraph.rest):
                speaker.role = OFFICIAL
                speaker.name = paragraph.label

    def _mentions_official(self, text: str) -> bool:
        names = [self.spokesperson, *(s.name for s in self.speakers.values() if s.role == OFFICIAL)]
        return any(name and name in text for name in names)

    def _answering_the_press(self, labelled: list[_Paragraph]) -> None:
        """A named label that answers the press's "Q"/"QUESTION" is an official."""
        after_question, turns = Counter(), Counter()
        previous = None
        for paragraph in labelled:
            turns[paragraph.key] += 1
            if previous is not None and _is_generic_question(previous.label):
                after_question[paragraph.key] += 1
            previous = paragraph
        for key, count in after_question.items():
            speaker = self.speakers[key]
            named = not _is_generic_question(speaker.label) and not _FOLLOW_UP.fullmatch(
                speaker.label
            )
            cjk = _has_cjk(speaker.label)
            if speaker.role == QUESTIONER and named and not cjk and count * 2 >= turns[key]:
                speaker.role = OFFICIAL
                speaker.name = speaker.label

    def role_of(self, paragraph: _Paragraph) -> str | None:
        speaker = self.speakers.get(paragraph.key) if paragraph.found else None
        return speaker.role if speaker else None

    def name_of(self, paragraph: _Paragraph) -> str:
        speaker = self.speakers.get(paragraph.key)
        return speaker.name if speaker else ""

    def person_of(self, paragraph: _Paragraph) -> str:
        """Who speaks, whatever the label's form: "Hua:" and "Spokesperson Hua Chunying:" agree."""
        if self.role_of(paragraph) == SPOKESPERSON:
            return SPOKESPERSON
        return _normalised(self.name_of(paragraph) or paragraph.label)

    def speakers_in_order(self) -> list[ParsedSpeaker]:
        return list(self.speakers.values())


def _names_introduced(text: str) -> dict[str, str]:
    """Names an official brings in, by each of their words: "joined by National Economic
    Council Director, Brian Deese" gives {"brian": "Brian Deese", "deese": "Brian Deese"}."""
    if not (_INTRODUCING.search(text) or _OFFICIAL_TITLE.search(text)):
        return {}
    found = {}
    for cue in (*_INTRODUCING.finditer(text), *_OFFICIAL_TITLE.finditer(text)):
        after = text[cue.end() : cue.end() + 120]
        for match in re.finditer(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}", after):
            name = match.group().rstrip(".")
            for token in _name_tokens(name):
                found.setdefault(token, name)
            break
    return found


# Pages converted to Traditional Chinese by some sites annotate a character's reading:
# "發(fā)言人". The annotation is not part of the name or the role.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def _spokesperson_in_byline(zone: list[_Line], role: str) -> tuple[str, str]:
    for line in zone:
        if match := _CJK_TITLED_SPOKESPERSON.search(_READING.sub("", line.text)):
            return match["name"], " ".join(match["role"].split())
        if match := _BYLINE.fullmatch(line.text):
            return match["name"], " ".join(match["role"].split())
        if match := _BRIEFER.fullmatch(line.text):
            return match["name"], role
        if match := _BRIEFING_BY.search(line.text):
            return match["name"], " ".join(match["role"].split())
    return "", role


_CONTENDERS = 20


def _spokesperson_from_labels(zone: list[_Line], labelled: list[_Paragraph]) -> str:
    """The label that speaks most, ties going to the one that follows questions; its full name
    when a line of the header gives it ("John Kirby" above "MR KIRBY:")."""
    # Numbered labels ask ("1. VnExpress:"): never the spokesperson.
    speakers = [p for p in labelled if _label_kind(p.label, "") == OTHER and not p.found.numbered]
    counts = Counter(p.label for p in speakers)
    # Only the most frequent labels can win; this keeps the pairwise comparison below small.
    contenders = [label for label, _ in counts.most_common(_CONTENDERS)]
    after_question = Counter()
    previous = None
    for p in labelled:
        if (
            p.label
            and previous is not None
            and (previous.rest.endswith(("?", "？")) or _is_generic_question(previous.label))
        ):
            after_question[p.label] += 1
        previous = p

    # Labels grouped by their name's words: "Outlet1" and "Outlet2" are compared once, not 5000
    # times each.
    groups: dict[frozenset[str], list[str]] = {}
    for label in counts:
        if not _has_cjk(label):
            groups.setdefault(_name_tokens(label), []).append(label)

    def same_person_as(label: str) -> list[str]:
        if _has_cjk(label):  # Chinese names match by characters ("赵" is 赵立坚)
            return [other for other in counts if _has_cjk(other) and _names_match(other, label)]
        said = _name_tokens(label)
        if not said:
            return []
        return [
            other
            for words, labels in groups.items()
            if words and (words <= said or said <= words)
            for other in labels
        ]

    def score(label: str) -> tuple[int, int, int]:
        # "Zhao:" and "Zhao Lijian:" are one person; credit the fuller form.
        same_person = same_person_as(label)
        return (
            sum(counts[other] for other in same_person),
            sum(after_question[other] for other in same_person),
            len(label),
        )

    winner = max(contenders, key=score, default="")
    if match := _TITLED_PERSON.fullmatch(winner):  # "Spokesperson Wang Wenbin"
        return match["name"]
    for line in zone:
        if _NAME_LINE.fullmatch(line.text) and winner and _names_match(winner, line.text):
            return line.text
    return winner


QUESTION, FOLLOW_UP, ANSWER, OTHER = "question", "follow-up", "answer", "other"


def _label_kind(label: str, spokesperson: str) -> str | None:
    """What a label says on its own; None when it turns out not to be a label (Chinese text)."""
    if _FOLLOW_UP.fullmatch(label):
        return FOLLOW_UP
    if _is_generic_question(label):
        return QUESTION
    if _is_generic_answer(label) or _names_match(label, spokesperson):
        return ANSWER
    if _has_cjk(label):
        if label.endswith(_CJK_OUTLET_ENDINGS) or label.startswith("《"):
            return QUESTION
        return OTHER if not spokesperson and _is_cjk_name_shaped(label) else None
    return OTHER


def _demote_headings_in_answers(
    paragraphs: list[_Paragraph], cast: _Cast, chosen: set[str]
) -> None:
    """A questioner's label inside an answer that asks nothing and gets no answer is text.

    "Xinjiang: the so-called genocide is a lie." within the spokesperson's answer is a heading,
    not a new outlet; an unanswered real question ("AFP: One?") asks something and stays.
    """
    answering = False
    asked_before: set[str] = set()
    labelled = [i for i, p in enumerate(paragraphs) if p.found]
    for position, i in enumerate(labelled):
        paragraph = paragraphs[i]
        role = cast.role_of(paragraph)
        if role in (SPOKESPERSON, OFFICIAL):
            answering = True
            continue
        if not answering or role != QUESTIONER or _is_generic_question(paragraph.label):
            asked_before.add(paragraph.key)
            answering = False
            continue
        if (
            paragraph.key in asked_before
            or paragraph.key in chosen
            or _FOLLOW_UP.fullmatch(paragraph.label)
        ):
            answering = False
            continue
        if paragraph.found.numbered:
            answering = False
            continue
        end = labelled[position + 1] if position + 1 < len(labelled) else len(paragraphs)
        asked = " ".join(p.text for p in paragraphs[i:end])
        answered = end < len(paragraphs) and cast.role_of(paragraphs[end]) in (
            SPOKESPERSON,
            OFFICIAL,
        )
        if "?" in asked or "？" in asked or answered:
            asked_before.add(paragraph.key)
            answering = False
            continue
        speaker = cast.speakers.get(paragraph.key)
        paragraph.unlabelled()  # stays in the answer, as written
        if speaker and speaker.turns <= 1:
            del cast.speakers[_normalised(speaker.label)]
        elif speaker:
            speaker.turns -= 1


# --- Hard wraps ---------------------------------------------------------------------------------

_WRAP_MIN_LINES = 8  # too few lines to tell a wrap from short paragraphs
_WRAP_MAX_WIDTH = 100
_WRAP_SLACK = 0.8  # a line at least this share of the width was broken by the wrap
_LIST_ITEM = re.compile(r"(?:\d[\d,\-.]*|[-•*–]|\(\w{1,3}\))\s")


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width the text was hard-wrapped at, or None when its lines are its paragraphs.

    Wrapped text has many lines of nearly one length that stop mid-sentence; paragraphs have
    lengths all over the place and end with their sentence.
    """
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 30)
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]  # the longest lines, less a few strays
    if width > _WRAP_MAX_WIDTH:
        return None
    full = [line for line in lines if width * _WRAP_SLACK <= len(line.text) <= width + 5]
    mid_sentence = [line for line in full if not line.text.endswith(_SENTENCE_END)]
    if len(full) < 4 or len(full) * 4 < len(lengths) or len(mid_sentence) * 2 <= len(full):
        return None
    return width


def _reflow(lines: list[_Line]) -> list[_Line]:
    """Hard-wrapped lines joined back into their paragraphs; other text as it is."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    paragraphs: list[_Line] = []
    last_line = ""
    for line in lines:
        continues = (
            paragraphs
            and not line.after_gap
            and len(last_line) >= width * _WRAP_SLACK
            and not _speaker_label(line.text)
            and not _LIST_ITEM.match(line.text)
            and not line.text.isupper()
        )
        if continues:
            previous = paragraphs[-1]
            paragraphs[-1] = _Line(
                previous.number, f"{previous.text} {line.text}", previous.after_gap
            )
        else:
            paragraphs.append(line)
        last_line = line.text
    return paragraphs


# --- The reader ---------------------------------------------------------------------------------

OPENING, ASKING, ANSWERING = "opening remarks", "asking", "answering"


@dataclass
class _Draft:
    """An exchange being read: its question, then (once an official speaks) its answer."""

    questioner: str
    label: str
    line: int
    numbered: bool = False
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    responder: str = ""
    answered: bool = False

    def exchange(self) -> ParsedExchange:
        return ParsedExchange(
            questioner=self.questioner,
            question=PARAGRAPH_SEPARATOR.join(self.question),
            answer=PARAGRAPH_SEPARATOR.join(self.answer),
            responder=self.responder if self.answered else "",
        )


class _Reader:
    """Paragraphs in, exchanges out: three states and the transitions between them."""

    def __init__(self, cast: _Cast) -> None:
        self.cast = cast
        self.state = OPENING
        self.preamble: list[str] = []
        self.preamble_lines: list[int] = []
        self.exchanges: list[ParsedExchange] = []
        self.warnings: list[str] = []
        self.draft: _Draft | None = None
        self.speaking = ""  # who the current block of text is by (a normalised label)
        self.pending_label = ""  # an official's label alone on its line, for the next paragraph

    def read(self, paragraph: _Paragraph) -> None:
        role = self.cast.role_of(paragraph)
        if role == QUESTIONER:
            self.ask(paragraph)
        elif role in (SPOKESPERSON, OFFICIAL):
            self.answer(paragraph)
        else:
            self.carry_on(paragraph.text, paragraph.line.number)

    # Transitions

    def ask(self, paragraph: _Paragraph) -> None:
        follow_up = bool(_FOLLOW_UP.fullmatch(paragraph.label)) or paragraph.found.follow_up
        if self.state == ASKING and (follow_up or paragraph.key == _normalised(self.draft.label)):
            self._add(paragraph.rest)  # still the same person asking
            return
        questioner = "" if paragraph.key in _GENERIC_QUESTION else paragraph.label
        if _FOLLOW_UP.fullmatch(paragraph.label):
            previous = self.draft or (self.exchanges[-1] if self.exchanges else None)
            questioner = previous.questioner if previous else ""
        self._close()
        self.draft = _Draft(
            questioner, paragraph.label, paragraph.line.number, paragraph.found.numbered
        )
        self.state, self.speaking, self.pending_label = ASKING, paragraph.key, ""
        self._add(paragraph.rest)

    def answer(self, paragraph: _Paragraph) -> None:
        speaker = self.cast.name_of(paragraph)
        if self.state == ASKING:
            self.draft.answered, self.draft.responder = True, speaker
            self.state, self.speaking = ANSWERING, self.cast.person_of(paragraph)
            self._add(paragraph.rest)
            return
        if self.state == OPENING and self.preamble and self.preamble[-1].endswith(("?", "？")):
            self.warnings.append(
                f"Line {self.preamble_lines[-1]}: text before the first answer could not be "
                "attributed (a question without a questioner?) and was kept in the opening "
                "remarks"
            )
        person = self.cast.person_of(paragraph)
        same_speaker = person == self.speaking
        opening_by_spokesperson = (
            self.state == OPENING and self.cast.role_of(paragraph) == SPOKESPERSON
        )
        self.speaking = person
        if same_speaker or opening_by_spokesperson:
            self._add(paragraph.rest, paragraph.line.number)
        elif paragraph.rest:
            # Another official in the same block: their turn keeps who said it.
            self._add(f"{paragraph.label}: {paragraph.rest}", paragraph.line.number)
        else:
            self.pending_label = paragraph.label

    def carry_on(self, text: str, line: int) -> None:
        if self.state == ASKING and self.draft.numbered:
            # "1. VnExpress: ...?" then the answer, unlabelled, from the spokesperson.
            self.draft.answered, self.draft.responder = True, self.cast.spokesperson
            self.state = ANSWERING
        self._add(text, line)

    def finish(self) -> None:
        self._close()
        if self.preamble and not self.exchanges:
            self.warnings.append(
                "No questions and answers were recognised; "
                "all the text was kept in the opening remarks"
            )

    # Helpers

    def _add(self, text: str, line: int = 0) -> None:
        if not text:
            return
        if self.pending_label:
            text, self.pending_label = f"{self.pending_label}: {text}", ""
        if self.state == OPENING:
            self.preamble.append(text)
            self.preamble_lines.append(line)
        elif self.state == ASKING:
            self.draft.question.append(text)
        else:
            self.draft.answer.append(text)

    def _close(self) -> None:
        draft = self.draft
        if draft is None:
            return
        if not draft.answered:
            asker = f"the question from {draft.questioner}" if draft.questioner else "a question"
            self.warnings.append(
                f"Line {draft.line}: {asker} got no answer; "
                "it was kept as an exchange with an empty answer"
            )
        self.exchanges.append(draft.exchange())
        self.draft = None


# --- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(source: str) -> str:
    """A Markdown transcript as plain text: headings and bold labels lose their markup.

    "# Regular Press Conference" is a title line and "**CCTV:** ..." a label; the words stay.
    """
    return _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub(r"\1", source))
