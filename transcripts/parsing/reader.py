"""Step 4, the reader: paragraphs in, exchanges out, in three states with named transitions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .briefing import OFFICIAL, PARAGRAPH_SEPARATOR, QUESTIONER, SPOKESPERSON, ParsedExchange
from .cast import _Cast, _outlet_of
from .labels import _FOLLOW_UP, _Paragraph
from .text import _has_cjk, _normalised

OPENING, ASKING, ANSWERING = "opening remarks", "asking", "answering"

_COURTESY = re.compile(
    r"(?:thank\s+you|thanks)(?:[\s,]+(?:very\s+much|all|everyone|\w+))?[.!]?|谢谢[。！!]?|謝謝[。！!]?"
    r"|(?:xin\s+)?cảm\s+ơn[\w\s,]{0,20}[.!]?",
    re.I,
)


def _is_courtesy(paragraphs: list[str]) -> bool:
    return len(paragraphs) == 1 and bool(_COURTESY.fullmatch(paragraphs[0].strip()))


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
        translated = (
            self.cast.bilingual
            and self.state == ASKING
            and _has_cjk(paragraph.label) != _has_cjk(self.draft.label)
        )
        same_asker = self.state == ASKING and paragraph.key == _normalised(self.draft.label)
        if (self.state == ASKING and follow_up) or same_asker or translated:
            self._add(paragraph.rest)  # still the same person asking
            return
        questioner = _outlet_of(paragraph.label)
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
        draft = self.draft
        if draft and not draft.answered and self.exchanges and _is_courtesy(draft.question):
            # "Q    Thank you." closes a White House briefing: the press thanks, asks nothing.
            last = self.exchanges[-1]
            label = draft.label or draft.questioner
            thanks = PARAGRAPH_SEPARATOR.join(draft.question)
            last.answer = PARAGRAPH_SEPARATOR.join(
                filter(None, [last.answer, f"{label}: {thanks}"])
            )
            self.draft = None
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
