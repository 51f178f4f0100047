"""The text side of search, without Django: shortening a query, splitting it into terms,
cutting a snippet around the matched words and highlighting them as safe HTML.

PostgreSQL parses queries and highlights in the database; these serve SQLite and turn the
database's marked headlines into HTML. Everything returned as HTML is escaped first, so text
from a transcript or a visitor can never bring its own markup.
"""

import html
import re

from embassy.languages.segmenting import HAN_CHARACTER, WORD_NOT_HAN, composed, folded

# Long enough for any real question, short enough to keep the database's work bounded.
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 30

# Private-use characters: never in a transcript, so they can mark matches in a database headline.
MARK_START = "\ue000"
MARK_STOP = "\ue001"

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_EDGES = re.compile(r"^\W+|\W+$")


def shorten(query, limit=MAX_QUERY_LENGTH):
    """The query with its whitespace collapsed and cut to `limit` characters at a word break.

    Returns (query, whether it was cut).
    """
    query = " ".join(query.split())
    if len(query) <= limit:
        return query, False
    cut = query[:limit]
    if query[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(), True


def terms(query):
    """The words and "quoted phrases" of a query, each of which must match.

    A quote left open runs to the end. Punctuation around a word is dropped, and so is a term
    with no letter or digit at all (";", "--"), as PostgreSQL's parser does.
    """
    found = []
    for match in _TERM.finditer(query):
        phrase, word = match.groups()
        if word is not None:
            term = _WORD_EDGES.sub("", word)
        else:
            term = _WORD_EDGES.sub("", " ".join(phrase.split()))
        if (
            term
            and any(c.isalnum() for c in term)
            and term.lower() not in {t.lower() for t in found}
        ):
            found.append(term)
    return found


def _pattern(search_terms, whole_words=False):
    """Matches of the terms in folded text (the terms folded too: tieng finds tiếng)."""
    alternatives = []
    for term in sorted({folded(t) for t in search_terms}, key=len, reverse=True):
        alternative = re.escape(term)
        if whole_words:
            # Chinese is written without spaces: a Chinese word has no edge to look for.
            if not HAN_CHARACTER.match(term[0]):
                alternative = f"(?<!{WORD_NOT_HAN}){alternative}"
            if not HAN_CHARACTER.match(term[-1]):
                alternative = f"{alternative}(?!{WORD_NOT_HAN})"
        alternatives.append(alternative)
    return re.compile("|".join(alternatives))


def contains_every(text, search_terms, whole_words=False):
    """Whether each term is somewhere in `text`, as highlight() would mark it."""
    folded_text = folded(composed(text))
    return all(_pattern([term], whole_words).search(folded_text) for term in search_terms)


def highlight(text, search_terms, words=SNIPPET_WORDS, whole_words=False):
    """About `words` words of `text` around the first match, escaped, matches in <mark>.

    Matches are found in the folded text, which has the text's length, and marked in the text
    as written: tieng marks "tiếng". `whole_words`: a Latin term marks whole words only (what
    PostgreSQL matched); otherwise any occurrence (what SQLite matched). Without terms (or
    without a match) it is the text's opening words.
    """
    text = " ".join(composed(text).split())
    start = 0
    pattern = _pattern(search_terms, whole_words) if search_terms else None
    match = pattern.search(folded(text)) if pattern else None
    if match:
        before = text[: match.start()].split(" ")
        if len(before) > words - 10:
            # Far into the text: start a few words before the match.
            start = match.start() - len(" ".join(before[-6:]))
    tail = text[start:].split(" ")
    snippet = " ".join(tail[:words])
    if start > 0:
        snippet = "… " + snippet
    if len(tail) > words:
        snippet += " …"
    if not search_terms:
        return html.escape(snippet)
    pieces = []
    position = 0
    for found in pattern.finditer(folded(snippet)):
        pieces.append(html.escape(snippet[position : found.start()]))
        pieces.append(f"<mark>{html.escape(snippet[found.start() : found.end()])}</mark>")
        position = found.end()
    pieces.append(html.escape(snippet[position:]))
    # A Chinese word the query was cut into (新冠肺炎: 新冠, 肺炎) is marked as one.
    return "".join(pieces).replace("</mark><mark>", "")


def marked_to_html(headline, from_html=False):
    """A database headline whose matches are between MARK_START and MARK_STOP, as safe HTML.

    `from_html`: the headline was cut from HTML (an article's body); PostgreSQL dropped the tags
    but left the character references, which are decoded before escaping.
    """
    headline = " ".join(headline.split())
    pieces = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_STOP}]", headline)):
        if from_html:
            piece = html.unescape(piece)
        piece = html.escape(piece)
        # Even pieces are outside the markers, odd ones inside.
        pieces.append(f"<mark>{piece}</mark>" if i % 2 and piece else piece)
    return "".join(pieces)
