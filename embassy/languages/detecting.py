"""Which of the site's languages a text is written in, from its letters. Pure, no Django.

Enough for transcripts, which are long and in one language: mostly Han characters is Chinese
(the parser reads 问/答 and 记者：), Latin letters carrying Vietnamese marks (ơ, ư, đ, ế…) is
Vietnamese, anything else the site's default. Nothing finer is needed, so no library.
"""

import unicodedata

from .segmenting import han_share

# More than half the letters Han: Chinese, even with English names and numbers in it.
HAN_SHARE = 0.5
# Vietnamese writes a mark on about one letter in four; English text naming places has few.
VIETNAMESE_SHARE = 0.15
_VIETNAMESE_BASES = set("ăâđêôơư")
_VIETNAMESE_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


def _is_vietnamese_letter(char):
    lower = char.lower()
    if lower in _VIETNAMESE_BASES:
        return True
    decomposed = unicodedata.normalize("NFD", lower)
    return decomposed[0] in "aeiouy" and any(mark in _VIETNAMESE_TONES for mark in decomposed[1:])


def vietnamese_share(text):
    """The share of Latin letters that carry a Vietnamese mark (0 without Latin letters)."""
    latin = [
        c
        for c in text
        if c.isalpha() and (unicodedata.normalize("NFD", c)[0].isascii() or c in "đĐ")
    ]
    if not latin:
        return 0.0
    return sum(1 for c in latin if _is_vietnamese_letter(c)) / len(latin)


def written_language(text, offered, default):
    """The code among `offered` (language codes) that `text` is written in, else `default`."""
    chinese = next((code for code in offered if code.startswith("zh")), None)
    if chinese and han_share(text) > HAN_SHARE:
        return chinese
    if "vi" in offered and vietnamese_share(text) > VIETNAMESE_SHARE:
        return "vi"
    return default
