"""Two versions of a piece of staff HTML (an article's body) as one rendered page: its
formatting, links and images shown, with what was removed in <del>, what was added in <ins>,
and text whose formatting or link changed in <mark>. No Django: tags and words in, HTML out.

The versions compared were sanitized when saved; the result is sanitized again (nh3) with the
markers allowed, since joining two documents can leave a tag unclosed.
"""

import difflib
import re

import nh3

from .wording import CJK

# A tag, or the text between tags.
_PIECE = re.compile(r"<[^>]*>|[^<]+")
# In text: a CJK character alone, a word, a run of spaces, a punctuation mark alone (a word
# that gains its formatting keeps its full stop outside it).
_WORD = re.compile(rf"[{CJK}]|(?:(?![{CJK}])\w)+|\s+|[^\w\s]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Formatting that text can gain or lose while its words stay: marked where it changed.
FORMATTING = {"strong", "em", "u", "s", "a", "code", "sub", "sup"}

# What the rendered comparison may hold: the editor's tags (sections/richtext.py sanitized the
# versions with them when they were saved) and the markers.
SHOWN_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "blockquote", "ul", "ol", "li"),
    *("table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img"),
    *FORMATTING,
    *("ins", "del", "mark"),
}
SHOWN_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "mark": {"class"},
}
_cleaner = nh3.Cleaner(
    tags=SHOWN_TAGS,
    attributes=SHOWN_ATTRIBUTES,
    link_rel="noopener noreferrer",
    url_schemes={"http", "https", "mailto", "tel"},
)


def _tokens(html):
    """Tags whole, images as one word each, text as words (a CJK character each) and spaces."""
    found = []
    for piece in _PIECE.findall((html or "").replace("\r\n", "\n")):
        found.extend([piece] if piece.startswith("<") else _WORD.findall(piece))
    return found


def _name(token):
    match = _TAG_NAME.match(token)
    return match.group(1).lower() if match and token.startswith("<") else ""


def _is_content(token):
    """Text, or an image (which is content, not formatting)."""
    return not token.startswith("<") or _name(token) == "img"


def _is_formatting(token):
    return _name(token) in FORMATTING


def rendered_diff(old, new):
    """The new version rendered, with the old version's removed words and images in <del>,
    the added ones in <ins>, and unchanged words whose formatting or link changed in <mark>."""
    a, b = _tokens(old), _tokens(new)
    out = []
    marking = False  # between a changed formatting tag and the next end of formatting

    def wrap(marker, run):
        if run and "".join(run).strip():
            out.append(f"<{marker}>{''.join(run)}</{marker.split()[0]}>")
        elif run:
            out.append("".join(run))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            marked = []
            for token in b[j1:j2]:
                if _is_content(token) and marking:
                    marked.append(token)
                    continue
                wrap('mark class="format"', marked)
                marked = []
                if not _is_content(token) and (token.startswith("</") or not _is_formatting(token)):
                    marking = False  # the changed formatting ends here
                out.append(token)
            wrap('mark class="format"', marked)
            continue
        removed = a[i1:i2]
        wrap("del", [t for t in removed if _is_content(t)])
        if any(_is_formatting(t) for t in removed):
            marking = True
        run = []
        for token in b[j1:j2]:
            if _is_content(token):
                run.append(token)
                continue
            wrap("ins", run)
            run = []
            if _is_formatting(token):
                marking = not token.startswith("</")
            out.append(token)
        wrap("ins", run)
    return _cleaner.clean("".join(out))
