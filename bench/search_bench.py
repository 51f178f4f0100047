"""Search latency over 100,000 exchanges on PostgreSQL. Not part of the test suite.

    .venv/bin/python bench/search_bench.py            # build embassy_bench, measure API and HTTP
    .venv/bin/python bench/search_bench.py --reuse    # measure again without rebuilding

It (re)creates its own database (default embassy_bench on 127.0.0.1:5432 as postgres), migrates
it, generates briefings and exchanges whose words follow the seed transcript's vocabulary and
frequencies (plus a few words at known rates), loads them with COPY (the triggers of migration
0002 fill the search vectors as rows arrive), then measures:

- the search API, `embassy.search.query.search()`: the three counts (capped at
  search.MOST_COUNTED) and one page of 20 hits with their headlines, as the page does,
  REPEAT times per query; p50 and p95 in milliseconds;
- the page over HTTP: gunicorn on 127.0.0.1 (2 workers, DEBUG off), a bounded sequential loop of
  requests per query (p50/p95), then wrk for throughput with 4 connections.
"""

import argparse
import io
import os
import random
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import serving  # bench/serving.py, next to this script
from serving import percentile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("rare word", {"q": "genocide"}),
    ("common word", {"q": "China"}),
    ("two words", {"q": "Xinjiang cotton"}),
    ("phrase", {"q": '"climate change"'}),
    ("stemmed form", {"q": "questions"}),
    ("word, newest first", {"q": "Xinjiang", "sort": "newest"}),
    (
        "word + outlet + year",
        {
            "q": "cooperation",
            "outlet": "bloomberg",
            "date_from": "2021-01-01",
            "date_to": "2021-12-31",
        },
    ),
    (
        "no word: outlet + year",
        {"outlet": "bloomberg", "date_from": "2021-01-01", "date_to": "2021-12-31"},
    ),
    ("no match", {"q": "zzyzx"}),
]
# Words planted at known rates (share of exchanges), so results sizes are known.
PLANTED = {"genocide": 0.002, "Xinjiang": 0.05, "cotton": 0.01, "climate change": 0.03}
OUTLETS = [
    "CCTV",
    "Bloomberg",
    "AFP",
    "Reuters",
    "NPR",
    "Xinhua News Agency",
    "China Daily",
    "Global Times",
    "Phoenix TV",
    "China News Service",
    "Kyodo News",
    "NHK",
    "TASS",
    "RIA Novosti",
    "EFE",
    "Dragon TV",
    "Hubei Media Group",
    "CNR",
    "Beijing Youth Daily",
    "The Paper",
    "Yonhap",
    "Al Jazeera",
    "BBC",
    "CNN",
    "Associated Press",
    "Anadolu Agency",
    "Prasar Bharati",
    "Bernama",
    "Shenzhen TV",
    "Macau Monthly",
]
SPOKESPEOPLE = ["Zhao Lijian", "Hua Chunying", "Wang Wenbin", "Geng Shuang", "Mao Ning"]


def vocabulary():
    """Words of the seed transcript with their counts: generated text reads like a briefing."""
    text = (ROOT / "embassy/demo/spokespersons_remarks_2021-01-28.txt").read_text()
    counts = {}
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text):
        counts[word] = counts.get(word, 0) + 1
    for planted in ("genocide", "Xinjiang", "cotton", "climate", "zzyzx"):
        counts.pop(planted, None)
    return list(counts), list(counts.values())


def sentence_maker(rng):
    words, weights = vocabulary()

    def text(n_words):
        chosen = rng.choices(words, weights, k=n_words)
        for planted, rate in PLANTED.items():
            if rng.random() < rate:
                chosen.insert(rng.randrange(len(chosen) + 1), planted)
        # Sentences of about 15 words.
        out = []
        for i in range(0, len(chosen), 15):
            out.append(" ".join(chosen[i : i + 15]).capitalize() + ".")
        return " ".join(out)

    return text


def build(database, n_exchanges, seed):
    import datetime

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from embassy.pages.publishing import Status
    from sections.models import Section
    from transcripts.models import Briefing, Outlet, Spokesperson

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    make_text = sentence_maker(rng)
    started = time.perf_counter()
    section = Section.objects.create(title="Spokesperson's Remarks", slug="spokespersons-remarks")
    spokespeople = [
        Spokesperson.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        for name in SPOKESPEOPLE
    ]
    outlets = [
        Outlet.objects.create(name=name, slug=re.sub(r"[^a-z0-9]+", "-", name.lower()))
        for name in OUTLETS
    ]
    # One briefing a working day, about 15 exchanges each, going back from 2024.
    per_briefing = 15
    n_briefings = -(-n_exchanges // per_briefing)
    day = datetime.date(2024, 12, 31)
    briefings = []
    while len(briefings) < n_briefings:
        if day.weekday() < 5:
            held_at = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 15))
            briefings.append(
                Briefing(
                    title=f"Regular Press Conference on {day:%B %-d, %Y}",
                    slug=f"regular-press-conference-{day:%Y-%m-%d}",
                    spokesperson=rng.choice(spokespeople),
                    held_at=held_at,
                    section=section,
                    # One in fifty is a draft: drafts must cost nothing and never show.
                    status=Status.DRAFT if rng.random() < 0.02 else Status.PUBLISHED,
                    opening_remarks=make_text(rng.randint(0, 80)),
                )
            )
        day -= datetime.timedelta(days=1)
    Briefing.objects.bulk_create(briefings, batch_size=1000)
    briefing_ids = list(Briefing.objects.order_by("id").values_list("id", flat=True))

    buffer = io.StringIO()
    written = 0
    for briefing_id in briefing_ids:
        for position in range(1, per_briefing + 1):
            if written == n_exchanges:
                break
            question = make_text(rng.randint(20, 80))
            answer = make_text(rng.randint(40, 300))
            outlet = rng.choice(outlets).id
            row = [str(briefing_id), str(position), str(outlet), question, answer]
            buffer.write("\t".join(field.replace("\\", "\\\\") for field in row) + "\n")
            written += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY transcripts_exchange (briefing_id, position, outlet_id, question, answer) "
            "FROM STDIN",
            buffer,
        )
        # As autovacuum would leave it: statistics, hint bits and the visibility map set (the
        # covering briefing index is read without visiting the table).
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(
        f"built {database}: {len(briefing_ids)} briefings, {written} exchanges, "
        f"{time.perf_counter() - started:.1f} s, database {size}"
    )


def criteria_for(params):
    import datetime

    from embassy.search import query as search
    from transcripts.models import Outlet

    return search.Criteria(
        text=params.get("q", ""),
        outlet=Outlet.objects.get(slug=params["outlet"]) if "outlet" in params else None,
        date_from=datetime.date.fromisoformat(params["date_from"])
        if "date_from" in params
        else None,
        date_to=datetime.date.fromisoformat(params["date_to"]) if "date_to" in params else None,
        sort=params.get("sort", search.RELEVANCE),
    )


def measure_api(repeat):
    from django.db import connection, reset_queries

    from embassy.search import query as search

    print(f"\nAPI: search.search(), counts + one page of 20 with headlines, {repeat} runs each")
    print(f"{'query':<26} {'hits':>7} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7}")
    everything = []
    for label, params in QUERIES:
        criteria = criteria_for(params)
        search.search(criteria)  # warm
        timings = []
        for _ in range(repeat):
            reset_queries()
            started = time.perf_counter()
            results = search.search(criteria)
            list(results.page)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
        everything += timings
        hits = f">{results.most_counted}" if results.more_than_counted else results.total
        print(
            f"{label:<26} {hits:>7} {queries:>7} "
            f"{percentile(timings, 0.5):>7.1f} {percentile(timings, 0.95):>7.1f}"
        )
    print(
        f"{'all queries':<26} {'':>7} {'':>7} "
        f"{percentile(everything, 0.5):>7.1f} {percentile(everything, 0.95):>7.1f}"
    )


def measure_http(database_url, repeat, port, wrk_seconds):
    env = serving.server_env(database_url)
    server = serving.start_gunicorn(env, port, ready_path="/search/")
    base = f"http://127.0.0.1:{port}/search/"
    try:
        print(
            f"\nHTTP: GET /search/ through gunicorn (2 workers), {repeat} sequential requests each"
        )
        print(f"{'query':<26} {'p50 ms':>7} {'p95 ms':>7}")
        everything = []
        for label, params in QUERIES:
            url = base + "?" + urllib.parse.urlencode(params)
            urllib.request.urlopen(url).read()
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                with urllib.request.urlopen(url) as response:
                    response.read()
                    assert response.status == 200, url
                timings.append((time.perf_counter() - started) * 1000)
            everything += timings
            print(f"{label:<26} {percentile(timings, 0.5):>7.1f} {percentile(timings, 0.95):>7.1f}")
        print(
            f"{'all queries':<26} {percentile(everything, 0.5):>7.1f} "
            f"{percentile(everything, 0.95):>7.1f}"
        )
        if os.access(serving.WRK, os.X_OK):
            for label, params in (QUERIES[0], QUERIES[1], QUERIES[7]):
                url = base + "?" + urllib.parse.urlencode(params)
                print(f"\nwrk, 2 threads, 4 connections, {wrk_seconds} s: {label} ({url})")
                output = serving.wrk(url, seconds=wrk_seconds)["output"]
                for line in output.splitlines():
                    if re.match(r"\s+(50|90|99)%|Requests/sec|\s+Non-2xx", line):
                        print("  " + line.strip())
    finally:
        serving.stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="embassy_bench")
    parser.add_argument("--host", default="postgres@127.0.0.1:5432")
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="measure the existing database")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()

    database_url = f"postgres://{args.host}/{args.database}"
    if not args.reuse:
        user_host, port = args.host.rsplit(":", 1)
        user, host = user_host.split("@")
        for command in ("dropdb", "createdb"):
            extra = ["--if-exists"] if command == "dropdb" else []
            subprocess.run(
                [command, "-h", host, "-p", port, "-U", user, *extra, args.database], check=True
            )
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    os.environ["DEBUG"] = "true"  # records queries, to report how many a search takes
    import django

    django.setup()
    if not args.reuse:
        build(args.database, args.exchanges, args.seed)
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}")
    measure_api(args.repeat)
    if not args.no_http:
        measure_http(database_url, args.repeat, args.port, args.wrk_seconds)


if __name__ == "__main__":
    main()
