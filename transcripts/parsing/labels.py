"""Step 3, labels: the table of shapes in which transcripts write who speaks ("CCTV:", "Q    ")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import _Line
from .text import _has_cjk, _normalised, _words

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
    " viên báo từ của"  # Vietnamese: "Phóng viên báo Tuổi Trẻ"
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


_NUMBERED_QUESTION = re.compile(r"(?:question|câu\s+hỏi|问|問)(?:\s+from\s+.*)?", re.I | re.S)


def _demote_numbered_points(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """A numbered label that asks nothing ("1. Economy: it grew.") is a point of a list; a
    numbered "Question:" is a question, with or without its question mark."""
    for paragraph in paragraphs:
        if (
            paragraph.found
            and paragraph.found.numbered
            and not _NUMBERED_QUESTION.fullmatch(paragraph.label)
            and "?" not in paragraph.rest
            and "？" not in paragraph.rest
        ):
            paragraph.unlabelled()
    return paragraphs


# The spokesperson in a title: "Foreign Ministry Spokesperson Zhao Lijian's ...", "Press Briefing
# by Press Secretary Jen Psaki and National Economic Council Director Brian Deese", "Press
