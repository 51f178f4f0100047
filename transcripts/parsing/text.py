"""What every stage of the parser reads text with: word lists, scripts, a label's key."""

from __future__ import annotations

import functools
import re


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(text.split())


# Kana, CJK ideographs and Hangul: scripts without capitals, where labels are names or roles.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_ONLY = re.compile(f"{_CJK.pattern}+")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _normalised(label: str) -> str:
    """A label's key: "MR. PRICE", "Mr Price" and "MR PRICE:" are one speaker."""
    return " ".join(label.casefold().replace(".", " ").split())


_SENTENCE_END = tuple(".?!。？！:：;；,，")


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))
