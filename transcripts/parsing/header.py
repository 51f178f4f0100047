"""Step 2, the header: the metadata block, the page's furniture, the title and when it was held.

Everything before the first speaker label is the header. Its furniture (site menu, section names,
share buttons, "Print", breadcrumbs, copyright and contact lines, update stamps and author lines,
rules, bare timestamps) is dropped and listed in `dropped_lines`. The time is read with the zone
it is written in.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .dates import (
    _TIME_LINE,
    _date_at_start,
    _date_in_text,
    _date_line,
    _datetime_from,
    _zone_of,
)
from .labels import _speaker_label
from .lines import _Line
from .text import _SENTENCE_END, _words
from .titles import _NAME_WORD, _ROLE_PHRASE, _is_substantial, _title_strength

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
        rf"(?:[\s|/·,]+{_SHARE_TARGET})*",
        re.I,
    ),
    # A row of share buttons with no "Share" before it: "Facebook Twitter WeChat".
    re.compile(rf"{_SHARE_TARGET}(?:[\s|/·,]+{_SHARE_TARGET})+", re.I),
    # A Chinese page's stamps and tools: "更新时间:2023-06-09 11:56:09作者:未知", "来源：外交部",
    # "【字体：大 中 小】", "扫一扫在手机打开当前页".
    re.compile(
        r"【?(?:更新时间|更新時間|作者|来源|來源|责任编辑|責任編輯|编辑|編輯|浏览次数|瀏覽次數"
        r"|字体|字體|字号|字號)\s*[:：].{0,120}"
    ),
    re.compile(r"扫一扫.{0,30}|在手机打开当前页|手机版|分享[:：]?"),
    # An English page's author and update stamp ("Author: Staff", "Updated: June 9, 2023").
    re.compile(r"(?:author|written\s+by|posted\s+by|(?:last\s+)?updated)\s*[:：].{0,80}", re.I),
    re.compile(r"[-=_*~]{3,}"),  # a rule between the header and the text ("---")
    # The end mark of a White House transcript: "END           2:12 P.M. EST".
    re.compile(r"END\s+\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)?(?:\s+[A-Z]{2,5})?", re.I),
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
    """A block of lowercase `key: value` lines at the top (front matter) is not transcript text.

    A value may wrap onto the next lines ("title: Press Briefing by ... National Security" then
    "Advisor Mike Waltz") as long as another key or the closing fence follows.
    """
    fenced = bool(lines) and _METADATA_FENCE.fullmatch(lines[0].text) is not None
    count = 1 if fenced else 0
    entries: list[list[str]] = []  # [key, value]
    while count < len(lines):
        text = lines[count].text
        if entry := _METADATA_LINE.fullmatch(text):
            entries.append([entry["key"].strip(), entry["value"].strip()])
        elif entries and _METADATA_FENCE.fullmatch(text) is None and _block_goes_on(lines, count):
            entries[-1][1] = f"{entries[-1][1]} {text}".strip()
        else:
            break
        count += 1
    closed = count < len(lines) and _METADATA_FENCE.fullmatch(lines[count].text) is not None
    if closed and (fenced or entries):
        count += 1
    if len(entries) < 2 and not ((fenced or closed) and entries):
        return _Metadata(), lines
    values = {key: value for key, value in reversed(entries)}  # the first of a key counts
    metadata = _Metadata(
        title=values.get("title", ""),
        date=values.get("date", ""),
        lines=[line.text for line in lines[:count]],
    )
    return metadata, lines[count:]


_METADATA_WRAP_LINES = 2


def _block_goes_on(lines: list[_Line], index: int) -> bool:
    """Whether a line that is no `key: value` still belongs to the metadata block above it."""
    for line in lines[index + 1 : index + 1 + _METADATA_WRAP_LINES]:
        if _METADATA_LINE.fullmatch(line.text) or _METADATA_FENCE.fullmatch(line.text):
            return True
    return False


# Where a briefing was held, on a line of its own under the title: "James S. Brady Press Briefing
# Room" says "Briefing" but is no title.
_PLACE = re.compile(
    r".{0,80}\b(?:room|building|hall|auditorium|center|centre|via\s+teleconference)", re.I
)


def _could_be_title(text: str) -> bool:
    return (
        len(text) <= _TITLE_MAX_LENGTH
        and not text.endswith(_SENTENCE_END)
        and not _is_furniture(text)
        and not _PLACE.fullmatch(text)
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
        while following < len(zone) and (
            _is_furniture(zone[following].text) or _PLACE.fullmatch(zone[following].text)
        ):
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
    held_at: datetime.datetime | None  # aware when the text names the zone, else naive
    zone: str  # the IANA name of the zone the time was written in; "" when none was
    body: list[_Line]
    dropped: list[str]
    zone_lines: list[_Line]  # lines before the first speaker label


# A title that goes on to the next line: it stops on a word that joins ("and", "of", ","), or the
# next line carries on the list of who briefs ("Advisor Mike Waltz").
_TITLE_JOINS = _words("and of for the with by on at to in & , - – :")
_ROLE_AND_NAME = re.compile(rf"{_ROLE_PHRASE},?\s+{_NAME_WORD}")
_WRAPPED_TITLE_MAX_LINES = 3


def _title_lines(zone: list[_Line], index: int | None) -> list[int]:
    """The title's line and the lines it wraps onto."""
    if index is None:
        return []
    indexes, text = [index], zone[index].text
    for following in range(index + 1, min(index + _WRAPPED_TITLE_MAX_LINES, len(zone))):
        line = zone[following].text
        last_word = text.split()[-1].casefold() if text.split() else ""
        continues = (
            last_word in _TITLE_JOINS
            or text.endswith((",", "-", "–", "&"))
            or line[:1].islower()
            or (re.search(r"\bby\b", text, re.I) and _ROLE_AND_NAME.match(line))
        )
        if not continues or not _could_be_title(line) or len(text) + len(line) > _TITLE_MAX_LENGTH:
            break
        indexes.append(following)
        text = f"{text} {line}"
    return indexes


def _without_key(title: str) -> str:
    """ "title: Press Briefing ..." read as a line: the key is not part of the title."""
    entry = _METADATA_LINE.fullmatch(title)
    return entry["value"].strip() if entry and entry["key"] == "title" else title


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _repeats_of(title: str, zone: list[_Line], skip: set[int]) -> set[int]:
    """The lines that say the title again (a page repeats its heading), wrapped or not."""
    title, repeats = _spaced(title), set()
    for i, line in enumerate(zone):
        if i in skip or i in repeats or not title.startswith(_spaced(line.text)):
            continue
        text, run = _spaced(line.text), [i]
        while text != title and run[-1] + 1 < len(zone) and len(run) < _WRAPPED_TITLE_MAX_LINES:
            text, run = _spaced(f"{text} {zone[run[-1] + 1].text}"), [*run, run[-1] + 1]
        if text == title:
            repeats.update(run)
    return repeats


def _read_header(lines: list[_Line], metadata: _Metadata) -> _Header:
    first_label = next(
        (
            i
            for i, line in enumerate(lines)
            # "发布时间：2023-06-09 10:12" is shaped like a label, but says when, not who.
            if _speaker_label(line.text)
            and not _is_furniture(line.text)
            and not _date_line(line.text)
        ),
        len(lines),
    )
    zone = lines[:first_label]
    title_indexes = _title_lines(zone, _find_title(zone))
    title_index = title_indexes[0] if title_indexes else None
    written_title = _without_key(" ".join(zone[i].text for i in title_indexes))
    title = metadata.title or written_title
    held_at, zone_name, date_indexes = _find_held_at(zone, title_indexes, written_title, metadata)
    repeats = _repeats_of(title, zone, set(title_indexes)) if title else set()

    body, dropped = [], list(metadata.lines)
    for i, line in enumerate(lines):
        if i in date_indexes and (match := _date_line(line.text)) and match["tail"].strip():
            dropped.append(line.text)  # "July 6, 2016, 4:13 p.m.  Ministry of Foreign Affairs"
            continue
        if i in title_indexes or i in date_indexes:
            continue
        # Before the title is the site's menu; it is not part of the transcript. So are the
        # title's repeats and the furniture anywhere.
        before_title = title_index is not None and i < title_index
        # The header's other dates (the day again in another language, when the page was put
        # up) are no part of what was said.
        header_date = i < first_label and _date_line(line.text) is not None
        if before_title or i in repeats or header_date or _is_furniture(line.text):
            dropped.append(line.text)
        else:
            body.append(line)
    return _Header(title, _in_zone(held_at, zone_name), zone_name, body, dropped, zone)


def _in_zone(held_at: datetime.datetime | None, zone_name: str) -> datetime.datetime | None:
    if held_at is None or not zone_name:
        return held_at
    try:
        return held_at.replace(tzinfo=ZoneInfo(zone_name))
    except ZoneInfoNotFoundError:  # a system without the zone database: the time as written
        return held_at


def _find_held_at(
    zone: list[_Line], title_indexes: list[int], title: str, metadata: _Metadata
) -> tuple[datetime.datetime | None, str, set]:
    """When the briefing was held, the zone it was written in, and the indexes of the date and
    time lines that said so."""
    title_index = title_indexes[0] if title_indexes else None
    start = title_indexes[-1] + 1 if title_indexes else 0
    if metadata.date and (date := _date_in_text(metadata.date)):
        time = _TIME_LINE.search(metadata.date[date.end() :])
        if time:
            return _datetime_from(date, time), _zone_of(time), set()
        return _with_time_below(_datetime_from(date), zone, start - 1, date, None, set())
    after_title = range(start, len(zone))
    dated = [i for i in after_title if _date_line(zone[i].text)]
    # "Updated: ..." is when the page changed: the briefing's day only when nothing else says.
    held = [i for i in dated if not _PAGE_STAMP.match(zone[i].text)]
    date_index = (held or dated or [None])[0]
    line_date = _date_line(zone[date_index].text) if date_index is not None else None
    page_year = _page_year(zone, title_index)
    title_date = _date_in_text(title, year=page_year) if title_index is not None else None
    used = set() if date_index is None else {date_index}
    if title_date and (not line_date or _published_after(line_date, title_date, page_year)):
        # The title says which day; a date a few days later under it is when the page was
        # published (a date far off, or before, is the file's own, and is kept: staff see it).
        held_at = _datetime_from(title_date, year=page_year)
        return _with_time_below(held_at, zone, start - 1, title_date, page_year, used)
    if line_date:
        if line_date.groupdict().get("H"):
            return _datetime_from(line_date), _zone_of(line_date), used
        held_at, zone_name, used = _with_time_below(
            _datetime_from(line_date), zone, date_index, line_date, None, used
        )
        if held_at.hour or held_at.minute:
            return held_at, zone_name, used
        # The day said again further down with its time: "THURSDAY, JANUARY 16, 1997, 11:45 A.M."
        for i in dated:
            again = _date_line(zone[i].text)
            when = _datetime_from(again)
            if again.groupdict().get("H") and when.date() == held_at.date():
                return when, _zone_of(again), used | {i}
        return held_at, zone_name, used
    for i in after_title:
        if match := _date_at_start(zone[i].text):
            return _datetime_from(match), "", used
    return None, "", set()


# When the page was put up or changed, not when the briefing was held.
_PAGE_STAMP = re.compile(
    r"(?:(?:last\s+)?updated|posted|published|发布时间|發布時間|更新时间|更新時間)\s*[:：]", re.I
)
_PUBLISHED_WITHIN_DAYS = 7  # how long after a briefing its transcript is put online


def _published_after(line_date: re.Match, title_date: re.Match, year: int | None) -> bool:
    held_at, published = _datetime_from(title_date, year=year), _datetime_from(line_date)
    delay = (published.date() - held_at.date()).days if held_at and published else 0
    return 0 < delay <= _PUBLISHED_WITHIN_DAYS


# The time often has a line of its own, under the date or a line or two further down (the
# room): "James S. Brady Press Briefing Room" then "1:05 P.M. EST".
_TIME_WITHIN_LINES = 4


def _with_time_below(held_at, zone, index, date, year, used):
    """The day with the time of its own line: "2:14 p.m. EST" under "February 8, 2021"."""
    if date.groupdict().get("H"):
        return held_at, _zone_of(date), used
    for i in range(index + 1, min(index + 1 + _TIME_WITHIN_LINES, len(zone))):
        if i in used:
            continue
        time = _TIME_LINE.fullmatch(zone[i].text)
        if time and (with_time := _datetime_from(date, time, year=year)):
            return with_time, _zone_of(time), used | {i}
    return held_at, "", used


def _page_year(zone: list[_Line], title_index: int | None) -> int | None:
    """The year of any dated line, for a title that gives only the month and day."""
    for line in zone:
        if match := _date_line(line.text):
            return _datetime_from(match).year
    return None
