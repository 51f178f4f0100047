"""Word differences between two texts, for people: pure Python, no Django.

Latin-script text is compared word by word; Chinese, Japanese and Korean characters one by one,
since their words are not separated by spaces.
"""

import difflib
import re

SAME, ADDED, REMOVED = "same", "added", "removed"

# The characters of Chinese, Japanese and Korean, as a regular expression's class.
CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A CJK character alone, a run of other non-space characters, or a run of spaces.
_TOKEN = re.compile(rf"[{CJK}]|[^\s{CJK}]+|\s+")


def tokens(text):
    return _TOKEN.findall(text or "")


def word_diff(old, new):
    """[(kind, text), ...] that reads `old` into `new`: kind is SAME, ADDED or REMOVED.

    A replaced stretch is given as removed, then added; neighbours of one kind are merged.
    """
    a, b = tokens(old), tokens(new)
    segments = []

    def add(kind, parts):
        text = "".join(parts)
        if not text:
            return
        if segments and segments[-1][0] == kind:
            segments[-1] = (kind, segments[-1][1] + text)
        else:
            segments.append((kind, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(SAME, a[i1:i2])
        elif tag == "replace":
            # What both sides share at the ends of a replaced stretch (the spaces or line
            # breaks after it) is not part of the change.
            removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
            tail = len(_common_suffix(removed, added))
            add(REMOVED, [removed[: len(removed) - tail]])
            add(ADDED, [added[: len(added) - tail]])
            add(SAME, [added[len(added) - tail :]])
        else:
            add(REMOVED, a[i1:i2])
            add(ADDED, b[j1:j2])
    return segments


def _common_suffix(x, y):
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n] and x[-1 - n].isspace():
        n += 1
    return x[len(x) - n :]


def is_changed(segments):
    return any(kind != SAME for kind, _ in segments)
