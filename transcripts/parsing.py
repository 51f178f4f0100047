"""Press-conference transcripts become plain dataclasses: text (or a page's HTML) in, briefing out.

Pure standard library on purpose: the importer, the admin and the tests all call `parse()`, and
none of them should need Django settings to read a transcript.

What a transcript looks like, and how it is read
================================================
A transcript page is page furniture, a header, then the body.

* Furniture: everything before the title (the site menu, "Topics", the breadcrumb), and, anywhere,
  lines that are *entirely* one of a few explicit patterns (`_FURNITURE`): breadcrumbs
  ("HOME > ..."), "Suggest To A Friend", "Print", "Close", copyright lines ("Copyright © ...",
  "All rights reserved."), "Tel:/Fax:/E-mail:" contact lines. A body line that merely contains
  "Print" is kept. Dropped lines are listed in `ParsedBriefing.dropped_lines` for auditing.
* Title: the line before the first speaker label that reads like a briefing title ("Press
  Conference", "Briefing", "Remarks", "记者会"...), preferring one directly followed by a date
  line; otherwise the first substantial line (4+ words) that is not a sentence.
* Date line: "2021-01-28 19:34", "2021年1月28日", "February 8, 2021" (optionally followed by a
  time line such as "2:14 p.m. EST").
* Body: every non-empty line is a paragraph, kept exactly as written (only surrounding whitespace
  is stripped). A paragraph may start with a speaker label: a short prefix before ":" or "："
  (up to 6 words / 40 characters, capitalised or CJK, no sentence punctuation), or the bare "Q"
  of White House transcripts.

Who is speaking
---------------
The spokesperson comes from the title ("Foreign Ministry Spokesperson Zhao Lijian's Regular
Press Conference", "Press Briefing by Press Secretary Jen Psaki", "外交部发言人赵立坚主持
例行记者会"), else from a byline ("Ned Price, Department Spokesperson"), else it is the label
that answers most (State Department style: "MR PRICE"). A label is an answer when it is the
spokesperson's name or part of it ("Zhao", "MR PRICE" for Ned Price, "赵立坚") or a generic
answer label ("A", "Spokesperson", "答"). "Q", "Question", "Reporter", "Journalist", "问",
"记者" are questions from an unnamed questioner; any other label is the outlet asking
("Xinhua News Agency", outlets never seen before included). Chinese questioners are always
marked ("...记者", "问"), so a short Chinese prefix that is neither the spokesperson nor
marked as press is read as text, not as a label.

Decisions
---------
* Opening remarks: everything between the header and the first question, including a paragraph
  labelled with the spokesperson ("Zhao Lijian: At the invitation of ..."), which is kept whole.
* Follow-ups: "Follow-up:" starts a new exchange with the previous questioner. A question label
  that comes before the previous question was answered continues that question when it is a
  follow-up or the same label; a different questioner leaves the first question as an exchange
  with an empty answer, with a warning.
* held_at: the date line with its time (on the same line or the next), else the date in the
  title (with a time line under it, if any); 00:00 when no time is given; None without a date.
  Always naive local time.
* Warnings name source lines ("Line 14: ..."); for HTML, the line where the block starts.
* Nothing is lost: text that cannot be attributed stays in the opening remarks (or in the
  question/answer it follows) and a warning names its line. `parse()` never raises.

Known limits
------------
* Each line is a paragraph: text hard-wrapped inside a paragraph gives one paragraph per line.
* A label with a parenthesis ("AFP (follow-up):") is not read as a label; the paragraph stays
  with the text before it. A capitalised heading inside an answer ("Xinjiang: ...") is read as a
  new questioner.
* Another official answering in a briefing whose spokesperson is known is read as a questioner.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser

__all__ = ["ParsedBriefing", "ParsedExchange", "parse"]


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(text.split())


@dataclass
class ParsedExchange:
    questioner: str = ""  # the outlet as written; "" when unnamed ("Q:", "Reporter:", "问：")
    question: str = ""  # paragraphs joined by "\n\n", each stripped, text unchanged
    answer: str = ""  # same; "" when the question got no answer
    responder: str = ""  # the spokesperson's full name when known, else ""


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

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "held_at": self.held_at.isoformat(timespec="minutes") if self.held_at else None,
            "spokesperson": self.spokesperson,
            "spokesperson_role": self.spokesperson_role,
            "preamble": self.preamble,
            "exchanges": [asdict(exchange) for exchange in self.exchanges],
            "warnings": list(self.warnings),
        }


PARAGRAPH_SEPARATOR = "\n\n"
BYTE_ORDER_MARK = "\ufeff"


def parse(source: str) -> ParsedBriefing:
    """The briefing in `source`, plain text or HTML. Never raises."""
    try:
        return _parse(source)
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


def _parse(source: str) -> ParsedBriefing:
    source = source.removeprefix(BYTE_ORDER_MARK)  # files saved by Windows editors start with one
    lines = _html_lines(source) if _looks_like_html(source) else _text_lines(source)
    header = _read_header(lines)
    paragraphs = [_Paragraph.of(line) for line in header.body]
    spokesperson, role = _identify_spokesperson(header, paragraphs)
    for paragraph in paragraphs:
        paragraph.classify(spokesperson)
    preamble, exchanges, warnings = _assemble(paragraphs, spokesperson)
    return ParsedBriefing(
        title=header.title,
        held_at=header.held_at,
        spokesperson=spokesperson,
        spokesperson_role=role,
        preamble=PARAGRAPH_SEPARATOR.join(preamble),
        exchanges=exchanges,
        warnings=warnings,
        dropped_lines=header.dropped,
    )


def _text_lines(source: str) -> list[_Line]:
    return [
        _Line(number, line.strip())
        for number, line in enumerate(source.splitlines(), start=1)
        if line.strip()
    ]


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


# --- Furniture, title and date ------------------------------------------------------------------

_FURNITURE_PHRASE = (
    r"(?:suggest\s+to\s+a\s+friend|print(?:\s+this\s+page)?|close(?:\s+window)?|back\s+to\s+top"
    r"|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?)"
)
_FURNITURE = [
    # "Suggest To A Friend", "Print", or several of them on one line ("Suggest To A Friend Print").
    # The separator is written so that whitespace splits only one way: no catastrophic backtracking.
    re.compile(rf"{_FURNITURE_PHRASE}(?:(?:\s*[|·/]\s*|\s*){_FURNITURE_PHRASE})*", re.I),
    re.compile(r"(?:home|homepage|首页)\s*[>»›＞/].*", re.I),  # breadcrumb
    re.compile(r"(?:copyright|©|\(c\))[\s©]*(?:©|\(c\)|\d{4}).{0,200}", re.I),
    re.compile(r"all\s+rights\s+reserved\.?|版权所有.{0,200}", re.I),
    re.compile(r"(?:tel|fax|phone)\s*[:：.]?\s*[+(]?\d[\d\s()\-/.,+]{5,}", re.I),
    re.compile(r"e-?mail\s*[:：]\s*\S+@\S+", re.I),
]


def _is_furniture(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _FURNITURE)


_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATES = [
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})",
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
    rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})",
    rf"{_WEEKDAY}(?P<d>\d{{1,2}})\s+{_MONTH},?\s+(?P<y>\d{{4}})",
]
_TIME = (
    r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap])\.?\s*m\.?)?(?:\s+[A-Z]{2,4})?"
)
# Whitespace before the time is matched one way only, so long blank runs cannot backtrack.
_BEFORE_TIME = r",?(?:\s+(?:at\s+)?|T|(?<=日))"
_DATE_LINES = [re.compile(rf"{date}(?:{_BEFORE_TIME}{_TIME})?", re.I) for date in _DATES]
_DATES_IN_TEXT = [re.compile(rf"(?<!\d){date}", re.I) for date in _DATES]
_TIME_LINE = re.compile(_TIME, re.I)
_MONTH_ORDER = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = {name: number for number, name in enumerate(_MONTH_ORDER.split(), start=1)}


def _datetime_from(match: re.Match, time: re.Match | None = None) -> datetime.datetime | None:
    groups = match.groupdict()
    time_groups = time.groupdict() if time else groups
    try:
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["month"][:3].lower()]
        hour = int(time_groups.get("H") or 0)
        if time_groups.get("ampm"):
            hour = hour % 12 + (12 if time_groups["ampm"].lower() == "p" else 0)
        return datetime.datetime(
            int(groups["y"]), month, int(groups["d"]), hour, int(time_groups.get("M") or 0)
        )
    except (KeyError, ValueError, OverflowError):
        return None


def _date_line(text: str) -> re.Match | None:
    for pattern in _DATE_LINES:
        match = pattern.fullmatch(text)
        if match and _datetime_from(match):
            return match
    return None


def _date_in_text(text: str) -> re.Match | None:
    for pattern in _DATES_IN_TEXT:
        for match in pattern.finditer(text):
            if _datetime_from(match):
                return match
    return None


_STRONG_TITLE = re.compile(
    r"press\s+conference|briefing|news\s+conference|记者会|吹风会|发布会", re.I
)
_WEAK_TITLE = re.compile(r"remarks|transcript|答记者问|谈话", re.I)
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
    """Index of the title line among the lines before the first speaker label."""
    candidates = [i for i, line in enumerate(zone) if _could_be_title(line.text)]
    for i in candidates:
        following = i + 1
        while following < len(zone) and _is_furniture(zone[following].text):
            following += 1
        titled = _title_strength(zone[i].text) or _is_substantial(zone[i].text)
        if titled and following < len(zone) and _date_line(zone[following].text):
            return i
    for strength in (2, 1):
        for i in candidates:
            if _title_strength(zone[i].text) == strength:
                return i
    for i, line in enumerate(zone):
        if _is_furniture(line.text) or _date_line(line.text):
            continue
        if _is_substantial(line.text):
            return i if i in candidates else None
    return None


@dataclass
class _Header:
    title: str
    held_at: datetime.datetime | None
    body: list[_Line]
    dropped: list[str]
    zone: list[_Line]  # lines before the first speaker label


def _read_header(lines: list[_Line]) -> _Header:
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
    held_at, date_indexes = _find_held_at(zone, title_index)
    title = zone[title_index].text if title_index is not None else ""

    body, dropped = [], []
    for i, line in enumerate(lines):
        if i == title_index or i in date_indexes:
            continue
        # Before the title is the site's menu; it is not part of the transcript.
        before_title = title_index is not None and i < title_index
        if before_title or _is_furniture(line.text):
            dropped.append(line.text)
        else:
            body.append(line)
    return _Header(title, held_at, body, dropped, zone)


def _find_held_at(
    zone: list[_Line], title_index: int | None
) -> tuple[datetime.datetime | None, set]:
    """When the briefing was held, and the indexes of the date and time lines that said so."""
    after_title = range(0 if title_index is None else title_index + 1, len(zone))
    before_title = range(title_index or 0)
    date_index = next((i for i in [*after_title, *before_title] if _date_line(zone[i].text)), None)
    if date_index is not None:
        date, used = _date_line(zone[date_index].text), {date_index}
    elif title_index is not None and (date := _date_in_text(zone[title_index].text)):
        used = set()
    else:
        return None, set()
    if not date.groupdict().get("H"):
        # The time often has a line of its own: "2:14 p.m. EST" under "February 8, 2021".
        start = (title_index if date_index is None else date_index) + 1
        for i in range(start, min(start + 2, len(zone))):
            time = _TIME_LINE.fullmatch(zone[i].text)
            if time and (held_at := _datetime_from(date, time)):
                return held_at, used | {i}
    return _datetime_from(date), used


# --- Speaker labels -----------------------------------------------------------------------------

# Kana, CJK ideographs and Hangul: scripts without capitals, where labels are names or roles.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_ONLY = re.compile(f"{_CJK.pattern}+")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_LABEL = re.compile(r"(?P<label>[^:：\n]{1,40})[:：](?P<rest>.*)", re.S)
# White House transcripts mark questions with a bare "Q" and a wide space, no colon; pasted
# text sometimes keeps a single space.
_WIDE_Q = re.compile(r"(?P<label>Q)\.?[ \t\u00a0]{2,}(?P<rest>\S.*)", re.S)
_NARROW_Q = re.compile(r"(?P<label>Q)\.?[ \t\u00a0](?=[A-Z“\"‘'])(?P<rest>.+)", re.S)
_NOT_IN_LABEL = frozenset(',;!?"“”«»()[]{}<>|\\/=+*#@$%^~`…，。；！？、（）《》「」『』【】')
# Words that open a sentence or a list item, never a speaker: "First question: ...", "Note: ...".
_NOT_SPEAKER_WORDS = _words(
    """first second third fourth fifth sixth firstly secondly thirdly finally lastly last next
    also note notes nb ps p.s however moreover besides meanwhile therefore thus so but and or yes
    no example update updated correction i we he she they it this that
    these those there here my our your his her their its what why how when where who which date
    time source sources author editor from by to subject tel fax phone email e-mail address add
    website url www http https keywords tags topics related category quote translation background
    step part chapter section article item point points reference see in on at for as if after
    before"""
)
_LOWERCASE_LABEL_WORDS = _words(
    "of and the de du des la le el al for für von van der di da & reporter correspondent journalist"
)
# Chinese answer paragraphs open with these ("第一：", "我们认为："); names and outlets do not.
_NOT_CJK_NAME_START = frozenset(
    "第一二三四五六七八九十首其最另此同总但而因所如即例注按据我你他她它这那对关在有是就要也还"
)
_FOLLOW_UP = re.compile(r"follow[\s-]?up(?:\s+question)?|追问|又问", re.I)
_GENERIC_QUESTION = _words(
    "q question questions reporter journalist correspondent audience participant 问 记者 提问 "
    "记者问"
)
_GENERIC_ANSWER = _words("a answer spokesperson spokesman spokeswoman 答 发言人 回答")
_PRESS_WORDS = _words("reporter journalist correspondent")
_CJK_PRESS_MARKS = ("记者", "记者问")
_CJK_OUTLET_ENDINGS = ("社", "台", "报", "网", "刊", "电视", "新闻")
_ROLE_WORDS = _words("spokesperson spokesman spokeswoman")
# Honorifics and titles are not part of a name: "MR PRICE" is Ned Price.
_TITLE_WORDS = _words(
    "mr mrs ms miss dr mister madam spokesperson spokesman spokeswoman deputy press secretary "
    "ambassador minister"
)


def _speaker_label(text: str) -> tuple[str, str] | None:
    """(label, rest) when the paragraph opens with something shaped like a speaker label."""
    if match := _WIDE_Q.match(text):
        return match["label"], match["rest"].strip()
    match = _LABEL.match(text)
    if match:
        label, rest = match["label"].strip(), match["rest"].strip()
        if _label_shaped(label, rest):
            return label, rest
    if match := _NARROW_Q.match(text):
        return match["label"], match["rest"].strip()
    return None


def _label_shaped(label: str, rest: str) -> bool:
    if not label or not (label[0].isupper() or _has_cjk(label[0])):
        return False
    if rest.startswith("//"):  # a URL scheme
        return False
    if label[-1].isdigit() and rest[:1].isdigit():  # a time or a ratio: "At 19:34"
        return False
    if any(ch in _NOT_IN_LABEL for ch in label):
        return False
    if _FOLLOW_UP.fullmatch(label):
        return True
    words = label.split()
    if len(words) > 6 or words[0].casefold().rstrip(".") in _NOT_SPEAKER_WORDS:
        return False
    if _has_cjk(label):
        return len(label) <= 20
    return all(_label_word(word) for word in words)


def _label_word(word: str) -> bool:
    if word.endswith(".") and "." not in word[:-1] and len(word) > 5:
        return False  # the end of a sentence, not an abbreviation like "MS." or "U.S."
    return word[0].isupper() or word[0].isdigit() or word.casefold() in _LOWERCASE_LABEL_WORDS


def _normalised(label: str) -> str:
    return " ".join(label.casefold().rstrip(".").split())


def _name_tokens(name: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", name.casefold())) - _TITLE_WORDS


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


QUESTION, FOLLOW_UP, ANSWER, OTHER = "question", "follow-up", "answer", "other"


def _label_kind(label: str, spokesperson: str) -> str | None:
    """What a label says about its paragraph; None when it turns out not to be a label."""
    norm = _normalised(label)
    words = set(norm.split())
    cjk = _has_cjk(label)
    if _FOLLOW_UP.fullmatch(label):
        return FOLLOW_UP
    if norm in _GENERIC_QUESTION or words & _PRESS_WORDS or label.endswith(_CJK_PRESS_MARKS):
        return QUESTION
    last_word = norm.split()[-1] if norm else ""
    if norm in _GENERIC_ANSWER or last_word in _ROLE_WORDS or label.endswith("发言人"):
        return ANSWER
    if _names_match(label, spokesperson):
        return ANSWER
    if cjk:
        if label.endswith(_CJK_OUTLET_ENDINGS):
            return QUESTION
        return OTHER if not spokesperson and _is_cjk_name_shaped(label) else None
    return OTHER


@dataclass
class _Paragraph:
    line: _Line
    label: str = ""
    rest: str = ""
    kind: str | None = None  # QUESTION, FOLLOW_UP, ANSWER or None for plain text

    @classmethod
    def of(cls, line: _Line) -> _Paragraph:
        found = _speaker_label(line.text)
        if not found:
            return cls(line)
        label, rest = found
        return cls(line, label, rest)

    @property
    def text(self) -> str:
        return self.line.text

    def classify(self, spokesperson: str) -> None:
        if not self.label:
            return
        kind = _label_kind(self.label, spokesperson)
        if kind == OTHER:
            # With the spokesperson settled, any other label is someone asking; a short Chinese
            # prefix that is neither is plain text ("我们认为：...").
            cjk = _has_cjk(self.label)
            kind = None if cjk else QUESTION
        self.kind = kind

    @property
    def questioner(self) -> str:
        return "" if _normalised(self.label) in _GENERIC_QUESTION else self.label


# --- The spokesperson ---------------------------------------------------------------------------

_ROLE = r"(?:Deputy\s+)?(?:Spokesperson|Spokesman|Spokeswoman|Press\s+Secretary)"
_ROLE_PHRASE = rf"(?<![\w'’])(?P<role>(?:[A-Z][\w.\-]*\s+)*?{_ROLE})"
_NAME = r"(?P<name>[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*){0,3}?)"
_TITLED_SPOKESPERSON = re.compile(
    rf"{_ROLE_PHRASE}\s+{_NAME}(?=['’]s\b|\s*[,–—-]|\s+(?:on|at|in|for|of)\b|\s*$)"
)
_TITLED_ROLE = re.compile(_ROLE_PHRASE)
_CJK_TITLED_SPOKESPERSON = re.compile(
    r"(?P<role>[\u4e00-\u9fff]{0,10}?发言人)(?P<name>[\u4e00-\u9fff]{2,4}?)"
    r"(?=主持|答记者问|就|在|表示|例行|举行|$)"
)
_BYLINE = re.compile(
    rf"{_NAME},\s+(?P<role>(?:[A-Z][\w.\-]*\s+)*?{_ROLE}(?:\s+[A-Z][\w.\-]*){{0,3}})"
)


def _spokesperson_in_title(title: str) -> tuple[str, str]:
    undated = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "", title)
    for pattern in (_TITLED_SPOKESPERSON, _CJK_TITLED_SPOKESPERSON):
        if match := pattern.search(undated):
            return match["name"], " ".join(match["role"].split())
    if match := _TITLED_ROLE.search(title):
        return "", " ".join(match["role"].split())
    return "", ""


def _identify_spokesperson(header: _Header, paragraphs: list[_Paragraph]) -> tuple[str, str]:
    name, role = _spokesperson_in_title(header.title)
    if name:
        return name, role
    for line in header.zone:
        if match := _BYLINE.fullmatch(line.text):
            return match["name"], " ".join(match["role"].split())
    labels = [p.label for p in paragraphs if p.label and _label_kind(p.label, "") is not None]
    if any(_label_kind(label, "") == ANSWER for label in labels):
        return "", role  # answers are labelled "A:"/"Spokesperson:"; the name is not given
    candidate = _most_answering_label(paragraphs)
    if not candidate:
        return "", role
    match = _TITLED_SPOKESPERSON.fullmatch(candidate)  # "Spokesperson Wang Wenbin"
    if match:
        return match["name"], role or " ".join(match["role"].split())
    return candidate, role


_CONTENDERS = 20


def _most_answering_label(paragraphs: list[_Paragraph]) -> str:
    """The label that speaks most, ties going to the one that follows questions."""
    speakers = [p for p in paragraphs if p.label and _label_kind(p.label, "") == OTHER]
    counts = Counter(p.label for p in speakers)
    # Only the most frequent labels can win; this keeps the pairwise comparison below small.
    contenders = [label for label, _ in counts.most_common(_CONTENDERS)]
    after_question = Counter()
    previous = None
    for p in paragraphs:
        if p.label and previous is not None and previous.text.endswith(("?", "？")):
            after_question[p.label] += 1
        previous = p

    def score(label: str) -> tuple[int, int, int]:
        # "Zhao:" and "Zhao Lijian:" are one person; credit the fuller form.
        same_person = [other for other in counts if _names_match(other, label)]
        return (
            sum(counts[other] for other in same_person),
            sum(after_question[other] for other in same_person),
            len(label),
        )

    return max(contenders, key=score, default="")


# --- Exchanges ----------------------------------------------------------------------------------


@dataclass
class _Draft:
    """An exchange being read: its question, then (once the spokesperson speaks) its answer."""

    questioner: str
    label: str
    line: int
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    answered: bool = False

    def add(self, text: str) -> None:
        if text:
            (self.answer if self.answered else self.question).append(text)

    def exchange(self, responder: str) -> ParsedExchange:
        return ParsedExchange(
            questioner=self.questioner,
            question=PARAGRAPH_SEPARATOR.join(self.question),
            answer=PARAGRAPH_SEPARATOR.join(self.answer),
            responder=responder if self.answered else "",
        )


def _assemble(
    paragraphs: list[_Paragraph], spokesperson: str
) -> tuple[list[str], list[ParsedExchange], list[str]]:
    preamble: list[str] = []
    preamble_lines: list[int] = []
    exchanges: list[ParsedExchange] = []
    warnings: list[str] = []
    draft: _Draft | None = None

    def close(draft: _Draft | None) -> None:
        if draft is None:
            return
        if not draft.answered:
            asker = f"the question from {draft.questioner}" if draft.questioner else "a question"
            warnings.append(
                f"Line {draft.line}: {asker} got no answer; "
                "it was kept as an exchange with an empty answer"
            )
        exchanges.append(draft.exchange(spokesperson))

    for paragraph in paragraphs:
        if paragraph.kind in (QUESTION, FOLLOW_UP):
            questioner = paragraph.questioner
            if paragraph.kind == FOLLOW_UP:
                previous = draft or (exchanges[-1] if exchanges else None)
                questioner = previous.questioner if previous else ""
            if draft and not draft.answered and _same_asker(draft, paragraph):
                draft.add(paragraph.rest)  # still the same person asking
                continue
            close(draft)
            draft = _Draft(questioner, paragraph.label, paragraph.line.number)
            draft.add(paragraph.rest)
        elif paragraph.kind == ANSWER and draft is not None:
            draft.answered = True
            draft.add(paragraph.rest)
        elif draft is not None:
            draft.add(paragraph.text)
        else:
            if paragraph.kind == ANSWER and preamble and preamble[-1].endswith(("?", "？")):
                warnings.append(
                    f"Line {preamble_lines[-1]}: text before the first answer could not be "
                    "attributed (a question without a questioner?) and was kept in the opening "
                    "remarks"
                )
            # An answer label before any question opens the briefing: keep it whole.
            preamble.append(paragraph.text)
            preamble_lines.append(paragraph.line.number)
    close(draft)
    if preamble and not exchanges:
        warnings.append(
            "No questions and answers were recognised; all the text was kept in the opening remarks"
        )
    return preamble, exchanges, warnings


def _same_asker(draft: _Draft, paragraph: _Paragraph) -> bool:
    return paragraph.kind == FOLLOW_UP or _normalised(paragraph.label) == _normalised(draft.label)
