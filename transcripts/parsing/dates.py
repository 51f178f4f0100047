"""The dates and times transcripts are written with, one recogniser per form."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .text import _SENTENCE_END, _has_cjk
from .titles import _title_strength

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
# The zones transcripts write after a time, to the place's zone (its clocks, summer time
# included): "1:05 P.M. EST" in Washington, "15:00 (Beijing time)", "10:00 ICT" in Hanoi. "CST"
# is left out: China's and the American Midwest's, it says nothing sure.
_ZONES = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "eastern": "America/New_York",
    "washington": "America/New_York",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "jst": "Asia/Tokyo",
    "tokyo": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "ict": "Asia/Ho_Chi_Minh",
    "hanoi": "Asia/Ho_Chi_Minh",
    "beijing": "Asia/Shanghai",
    "北京时间": "Asia/Shanghai",
    "北京時間": "Asia/Shanghai",
    "bjt": "Asia/Shanghai",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "utc": "UTC",
    "cet": "Europe/Brussels",
    "cest": "Europe/Brussels",
}
# The places' zones a briefing may be held in (Briefing.held_in_zone's choices).
PLACE_ZONES = tuple(sorted(set(_ZONES.values())))
_NAMED_ZONE = r"(?:beijing|washington|tokyo|hanoi)\s+time|eastern(?:\s+time)?|北京[时時]间"
_TIME = (
    r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap])\.?\s*m\.?)?"
    rf"(?:\s*[(（]?(?P<zone>{_NAMED_ZONE})[)）]?"
    rf"|\s+\(?(?P<abbreviation>(?-i:[A-Z]{{2,5}})|local)\)?)?"
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


def _zone_of(match: re.Match | None) -> str:
    """The zone a time was written in, as its IANA name ("America/New_York"); "" when none."""
    groups = match.groupdict() if match else {}
    written = " ".join((groups.get("zone") or groups.get("abbreviation") or "").casefold().split())
    return _ZONES.get(written.removesuffix(" time"), "")


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
