"""How fast `manage.py import_briefing` imports transcripts into a fresh SQLite database.

    .venv/bin/python bench/import_bench.py            # 1,000 transcripts
    .venv/bin/python bench/import_bench.py --count 200 --database-url postgres://...

Generates transcripts shaped like the seed page (menu, title, date, "Outlet:" questions,
multi-paragraph answers, footer) in a temporary directory, migrates a fresh database, loads the
demo (for the Spokesperson's Remarks section), then times one `import_briefing` run over all
the files: wall time of the whole process, start-up included. Not part of the test suite.
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]

OUTLETS = [
    "CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "Reuters", "China Daily",
    "Phoenix TV", "Global Times", "CNN", "BBC", "Kyodo News", "TASS", "Yonhap", "EFE", "ANSA",
    "Bloomberg News", "The Paper", "Hubei Media Group", "Beijing Youth Daily", "CGTN",
    "Shenzhen TV", "Dragon TV", "RIA Novosti", "Al Jazeera", "Associated Press",
    "Wall Street Journal", "South China Morning Post", "Asahi Shimbun",
]  # fmt: skip
SPOKESPEOPLE = ["Zhao Lijian", "Hua Chunying", "Wang Wenbin"]
WORDS = [
    "cooperation", "development", "peace", "stability", "region", "countries", "relations",
    "position", "interests", "international", "community", "issue", "China", "side", "hope",
    "trade", "climate", "security", "dialogue", "people", "health", "science", "agreement",
    "partners", "consultation", "sovereignty", "future", "prosperity", "facts",
]  # fmt: skip
MENU = """Ambassador Imformation
     Embassy Imformation
     Consular Services
     Spokesperson's Remarks
Topics
     China Human Rights

HOME > Spokesperson's Remarks"""


def sentence(rng, words=18):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 24)) for _ in range(rng.randint(2, 5)))


def transcript(n, rng):
    day = datetime.date(2015, 1, 5) + datetime.timedelta(days=n)
    spokesperson = rng.choice(SPOKESPEOPLE)
    title = (
        f"Foreign Ministry Spokesperson {spokesperson}'s Regular Press Conference on "
        f"{day:%B} {day.day}, {day.year}"
    )
    parts = [MENU, title, f"{day:%Y-%m-%d} 15:{rng.randint(0, 59):02d}", ""]
    for _ in range(rng.randint(6, 14)):
        # Now and then an outlet never seen before, as in real life.
        outlet = rng.choice(OUTLETS) if rng.random() > 0.05 else f"Outlet {rng.randint(1, 10**6)}"
        parts.append(f"{outlet}: {sentence(rng, rng.randint(12, 40))[:-1]}?")
        parts.append("")
        answer = [paragraph(rng) for _ in range(rng.randint(1, 4))]
        parts.append(f"{spokesperson}: {answer[0]}")
        for more in answer[1:]:
            parts += ["", more]
        parts.append("")
    parts += ["Suggest To A Friend", "  Print"]
    return "\n".join(parts)


def manage(*args, env):
    result = subprocess.run(
        [*MANAGE, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--database-url", help="default: a fresh SQLite file in the temporary directory"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        tmp = Path(tmp)
        paths = []
        for n in range(args.count):
            path = tmp / f"briefing-{n:05d}.txt"
            path.write_text(transcript(n, rng), encoding="utf-8")
            paths.append(str(path))
        size = sum(Path(p).stat().st_size for p in paths)
        env = {
            **os.environ,
            "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
            "VAR_DIR": str(tmp / "var"),
            "DJANGO_SETTINGS_MODULE": "embassy.settings",
        }
        manage("migrate", "--noinput", env=env)
        manage("load_demo", env=env)
        started = time.perf_counter()
        result = manage("import_briefing", *paths, env=env)
        elapsed = time.perf_counter() - started
        imported = result.stdout.count(": imported ")
        exchanges = sum(int(line.split(" exchanges")[0].rsplit(" ", 1)[1])
                        for line in result.stdout.splitlines())  # fmt: skip
        print(f"{imported} transcripts ({size / 1024 / 1024:.1f} MB, {exchanges} exchanges)")
        print(f"imported in {elapsed:.1f} s wall time, start-up included")
        print(f"{imported / elapsed * 60:,.0f} transcripts a minute")
        if imported != args.count:
            sys.exit(f"only {imported} of {args.count} imported:\n{result.stderr[-2000:]}")


if __name__ == "__main__":
    main()
