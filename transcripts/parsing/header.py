"""Step 2, the header: the metadata block, the page's furniture, the title and when it was held.

Everything before the first speaker label is the header. Its furniture (site menu, section names,
share buttons, "Print", breadcrumbs, copyright and contact lines, bare timestamps) is dropped and
listed in `dropped_lines`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .dates import _TIME_LINE, _date_at_start, _date_in_text, _date_line, _datetime_from
from .labels import _speaker_label
from .lines import _Line
from .text import _SENTENCE_END
from .titles import _is_substantial, _title_strength

_TITLE_MAX_LENGTH = 200


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


def _could_be_title(text: str) -> bool:
    return (
        len(text) <= _TITLE_MAX_LENGTH
        and not text.endswith(_SENTENCE_END)
        and not _is_furniture(text)
        and not _date_line(text)
        and any(ch.isalpha() for ch in text)
    )


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
