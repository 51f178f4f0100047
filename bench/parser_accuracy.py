"""How many real transcripts the parser reads right: the held-out set in bench/transcripts/.

Each `NAME.txt` (or `.html`) is a real transcript, trimmed but not edited, beside `NAME.json`,
what a reader finds in it: the number of exchanges, who asked each question ("" when unnamed),
the day of the briefing (null when the text does not say) and the spokesperson. None of these
files is used by the tests, so the figure measures the parser on text it was not tuned to.

A transcript is right when all four match and no word of it is lost. Run:

    .venv/bin/python bench/parser_accuracy.py [-v]

It prints one line per transcript and the share right; the target is at least 9 in 10.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcripts.parsing import parse  # noqa: E402 (the project root goes on the path first)

HELD_OUT = Path(__file__).resolve().parent / "transcripts"
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr"}
_TIMESTAMP = re.compile(r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)")
_LABEL = re.compile(r"(?:\d{1,3}[.)]\s+)?[^:：]{1,80}[:：](?P<rest>.*)", re.S)


def same_person(found: str, expected: str) -> bool:
    """ "MR PRICE" is Ned Price: the surname is enough when the text gives no more."""
    if found.casefold() == expected.casefold():
        return True
    said = set(re.findall(r"[^\W\d_]+", found.casefold())) - _HONORIFICS
    named = set(re.findall(r"[^\W\d_]+", expected.casefold()))
    return bool(said) and said <= named


def words_lost(source: str, briefing) -> list[str]:
    """Source words missing from the output, other than dropped furniture, title and labels."""
    out = " ".join(
        [briefing.title, briefing.preamble, *briefing.dropped_lines]
        + [f"{e.questioner} {e.question} {e.answer} {e.responder}" for e in briefing.exchanges]
    )
    out_words = set(out.split())
    lost = []
    for line in source.splitlines():
        line = _TIMESTAMP.sub(" ", line).strip()
        if not line or line in out:
            continue
        rest = match["rest"] if (match := _LABEL.match(line)) else line
        rest = re.sub(r"^Q\s+", "", rest.strip())
        lost += [word for word in rest.split() if word not in out_words and not _date_word(word)]
    return lost


def _date_word(word: str) -> bool:
    # Date and time lines become held_at; their words need not survive as text.
    return bool(
        re.fullmatch(r"[\d:/,.\-()]+|[ap]\.?m\.?|[A-Z]{2,4}|\w+day,?|\w+,?", word, re.I)
    ) and (any(ch.isdigit() for ch in word) or word.rstrip(",.").casefold() in _DATE_WORDS)


_DATE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """a.m p.m am pm est edt january february march april may june july august september
        october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
        wednesday thursday friday saturday sunday""",
    )
)


def check(path: Path) -> tuple[bool, list[str]]:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    source = path.read_text(encoding="utf-8")
    briefing = parse(source)
    found_date = briefing.held_at.date().isoformat() if briefing.held_at else None
    problems = []
    if len(briefing.exchanges) != expected["exchanges"]:
        problems.append(f"{len(briefing.exchanges)} exchanges, not {expected['exchanges']}")
    questioners = [e.questioner for e in briefing.exchanges]
    if questioners != expected["questioners"]:
        problems.append(f"questioners {questioners}, not {expected['questioners']}")
    if found_date != expected["date"]:
        problems.append(f"date {found_date}, not {expected['date']}")
    if not same_person(briefing.spokesperson, expected["spokesperson"]):
        problems.append(f"spokesperson {briefing.spokesperson!r}, not {expected['spokesperson']!r}")
    if lost := words_lost(source, briefing):
        problems.append(f"words lost: {lost[:8]}")
    return not problems, problems


def main(verbose: bool) -> int:
    paths = sorted(p for p in HELD_OUT.iterdir() if p.suffix in {".txt", ".html"})
    right = 0
    for path in paths:
        ok, problems = check(path)
        right += ok
        print(f"{'right' if ok else 'WRONG'}  {path.name}")
        if verbose or not ok:
            for problem in problems:
                print(f"         {problem}")
    share = right / len(paths) if paths else 0
    print(f"\n{right} of {len(paths)} right ({share:.0%}); the target is at least 90%")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
