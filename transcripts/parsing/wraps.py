"""Step 3, paragraphs: hard-wrapped plain text joined back into its paragraphs."""

from __future__ import annotations

import re

from .labels import _speaker_label
from .lines import _Line
from .text import _SENTENCE_END

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
