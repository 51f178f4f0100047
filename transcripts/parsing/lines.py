"""Step 1, lines: a transcript's text (plain, Markdown or a web page's HTML) as numbered lines.

HTML blocks become lines (navigation, scripts, header and footer skipped); plain text keeps its
lines and remembers where blank lines were.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .text import _words

BYTE_ORDER_MARK = "\ufeff"


@dataclass
class _Line:
    number: int  # 1-based, in the source, for warnings staff can look up
    text: str  # stripped, never empty
    after_gap: bool = True  # a blank line (or a block boundary) comes before it


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


# --- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(source: str) -> str:
    """A Markdown transcript as plain text: headings and bold labels lose their markup.

    "# Regular Press Conference" is a title line and "**CCTV:** ..." a label; the words stay.
    """
    return _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub(r"\1", source))
