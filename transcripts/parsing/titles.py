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
