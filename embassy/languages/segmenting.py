"""Words out of text that has no spaces between them (Chinese), and letters without their marks.

Pure functions, no Django. PostgreSQL's parser and SQLite's LIKE see a Chinese sentence as one
word, so a search for 反恐 finds nothing inside it. rjieba (jieba-rs, a maintained Rust
segmenter) cuts the sentence into words, the same way when text is indexed and when a query is
read; the words are then separated by spaces, which every search configuration understands.

Vietnamese is written with marks that a reader often leaves out (tieng for tiếng, dong for
đồng). searchable() is the one form search reads, on both databases: Chinese cut into words,
marks folded, lower case. Text and queries go through it alike, so neither database needs to
know a language.
"""

import functools
import re
import unicodedata

import rjieba

# Han ideographs (with their extensions and compatibility forms): the script written unspaced.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN_RUN = re.compile(f"[{_HAN}]+")
HAN_CHARACTER = re.compile(f"[{_HAN}]")
# A letter or digit that is not Han: what a word of a spaced script is made of (for regexes).
WORD_NOT_HAN = f"[^\\W{_HAN}]"
# Between two parts of a segmented copy (a question, then its answer): a control character no
# transcript holds, which PostgreSQL's split_part() can cut at.
PART_SEPARATOR = "\x1f"
_SPACE_BETWEEN_HAN = re.compile(
    f"(?<=[{_HAN}，。、；：！？“”（）《》]) (?=[{_HAN}，。、；：！？“”（）《》])"
)


def has_han(text):
    return bool(text) and HAN_CHARACTER.search(text) is not None


def han_share(text):
    """The share of letters that are Han characters (0 for text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if HAN_CHARACTER.match(c)) / len(letters)


def segmented(text):
    """`text` with a space between the words of each run of Chinese; the rest unchanged."""
    if not has_han(text):
        return text
    return HAN_RUN.sub(lambda run: " " + " ".join(rjieba.cut(run.group())) + " ", text).strip()


def unsegmented(text):
    """Undo segmented() for reading: no spaces between Chinese words (a snippet cut from the
    segmented copy)."""
    return _SPACE_BETWEEN_HAN.sub("", text)


def searchable(text):
    """`text` as search reads it: Chinese cut into words, diacritics folded, lower case.

    Composed first: Vietnamese typed with combining marks (as some keyboards do) reads as the
    same letters precomposed.
    """
    return folded(segmented(composed(text)))


def composed(text):
    return unicodedata.normalize("NFC", text)


def needs_search_copy(text):
    """Whether search must read a copy of `text` rather than the text itself: it has Chinese
    to cut or marks to fold (English, lower-cased by every search, needs none)."""
    if not text or text.isascii():
        return False
    return has_han(text) or folded(composed(text)) != text.lower()


def search_copy(*parts):
    """The parts made searchable and joined by PART_SEPARATOR, or "" when none needs it (the
    search then reads the text itself, which keeps the copy off English rows)."""
    if not any(needs_search_copy(part) for part in parts):
        return ""
    return PART_SEPARATOR.join(searchable(part or "") for part in parts)


def folded(text):
    """`text` without diacritics, one character for one (tiếng → tieng, Đà → Da), lower case.

    Keeping the length lets a match found in the folded text be highlighted in the original.
    """
    if text.isascii():  # English: every save of every exchange comes here
        return text.lower()
    return "".join(map(_folded_character, text))


@functools.lru_cache(maxsize=8192)
def _folded_character(char):
    base = unicodedata.normalize("NFD", char)[0]
    return {"đ": "d", "Đ": "d"}.get(char, base).lower()[:1] or char
