"""The parser package stays pure: reading a transcript needs no Django, in any of its stages."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_parser_imports_no_django():
    script = (
        "import sys, transcripts.parsing as p; "
        "p.parse('Title Press Conference\\n2021-01-28\\nCCTV: Why?\\nA: Because.'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"


def test_every_stage_is_a_module_of_its_own():
    stages = {path.stem for path in (ROOT / "transcripts" / "parsing").glob("*.py")}
    assert {"lines", "dates", "header", "labels", "cast", "reader"} <= stages
    assert not (ROOT / "transcripts" / "parsing.py").exists()
