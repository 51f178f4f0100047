"""What reads like a briefing's title ("Press Conference", "Briefing", "记者会")."""

from __future__ import annotations

import re

from .text import _cjk_count

_STRONG_TITLE = re.compile(
    r"press\s+conference|briefing|news\s+conference|press\s+call|background\s+call|stakeout"
    r"|记者会|記者會|吹风会|吹風會|发布会|發布會",
    re.I,
)
_WEAK_TITLE = re.compile(r"remarks|transcript|答记者问|答記者問|谈话|談話", re.I)


def _is_substantial(text: str) -> bool:
    return len(text.split()) >= 4 or _cjk_count(text) >= 8


def _title_strength(text: str) -> int:
    if _STRONG_TITLE.search(text):
        return 2
    if _WEAK_TITLE.search(text) and _is_substantial(text):
        return 1
    return 0


# Who a title names: "Press Secretary Jen Psaki", "National Economic Council Director Brian Deese".
_ROLE = (
    r"(?:Deputy\s+|Principal\s+Deputy\s+|Foreign\s+)?(?:Spokesperson|Spokesman|Spokeswoman"
    r"|Press\s+Secretary|Minister(?:\s+for\s+Foreign\s+Affairs)?|Director(?:-General)?"
    r"|Coordinator(?:\s+for\s+[A-Z]\w+(?:\s+[A-Z]\w+)*)?|Advis[eo]r|Secretary(?:\s+of\s+State)?"
    r"|Secretary-General|Ambassador|Admiral|Chair)"
)
_ROLE_PHRASE = rf"(?<![\w'’])(?P<role>(?:[A-Z][\w.\-]*\s+)*?{_ROLE})"
_NAME_WORD = r"[A-Z][\w.\-’']*"
_TITLED_PERSON = re.compile(rf"{_ROLE_PHRASE},?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
