"""Throughput of the public pages under load, through gunicorn. Not part of the test suite.

    .venv/bin/python bench/pages_bench.py          # fresh SQLite file in a temporary directory
    .venv/bin/python bench/pages_bench.py --database-url postgres://postgres@127.0.0.1:5432/embassy_pagesbench

It builds a fresh database (SQLite in a temporary directory, or the PostgreSQL database named by
--database-url, which it drops and creates, and drops again at the end), migrates it, runs
`manage.py load_demo` (menu, articles, the seed briefing with its 8 exchanges), then adds in a
subprocess, with bulk_create as the test suite's fixtures do, 500 published briefings of 10
exchanges each, one a day back from 2021-01-27, and one briefing of 200 exchanges (on
PostgreSQL, then VACUUM ANALYZE, as autovacuum would soon leave the tables). The same
subprocess counts the SQL queries of one request to each page (Django's test client, after an
uncounted request that fills the process caches).

It then serves the site with gunicorn on 127.0.0.1 (2 workers, DEBUG=false,
ALLOWED_HOSTS=127.0.0.1; development mode: DJANGO_ENV=production would need the HTTPS settings),
checks that every page answers 200, and runs `wrk -t2 -c4 -d10s --latency` on each, one after the
other. It prints requests/s, p50 and p99 latency, the page's size and its queries.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import serving  # bench/serving.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
HOST = "127.0.0.1"

BULK_BRIEFINGS = 500
BULK_EXCHANGES = 10
LONG_EXCHANGES = 200


def populate():
    """Runs in a subprocess with DATABASE_URL set: adds the content, counts each page's queries
    and prints the pages as JSON on its last line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests import factories
    from transcripts.models import Briefing, Exchange

    started = time.perf_counter()
    seed = Briefing.objects.get()  # load_demo's one briefing
    section, outlet = factories.remarks_section(), factories.outlet("Reuters")
    long = factories.make_briefing(
        "long",
        exchanges=0,
        title="Long Press Conference",
        slug="long-press-conference",
        # The same day as the seed briefing, earlier: the seed stays the newest.
        held_at=factories.seed_time(hours=-9, minutes=-34),
        opening_remarks="Opening remarks of the long briefing.",
    )
    factories.make_many_briefings(
        BULK_BRIEFINGS, exchanges=BULK_EXCHANGES, start=factories.seed_time(days=-1)
    )
    factories.add_bulk_exchanges([(long, LONG_EXCHANGES)], outlet)
    if connection.vendor == "postgresql":
        # As autovacuum would leave it within a minute: without statistics, the planner takes
        # the freshly loaded tables for nearly empty (the outlet page then costs 78 ms, not 12).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    built = time.perf_counter() - started

    briefing_url = long.get_absolute_url()
    pages = [
        ("home", "/"),
        ("section", reverse("sections:section", kwargs={"slug": section.slug})),
        (
            "section, page 10",
            reverse("sections:section", kwargs={"slug": section.slug}) + "?page=10",
        ),
        ("seed briefing (8 exchanges)", seed.get_absolute_url()),
        ("briefing, 200 exchanges", briefing_url),
        ("its print version", briefing_url + "print/"),
        ("one exchange", long.exchanges.order_by("position")[100].get_absolute_url()),
        ("outlet (Reuters)", outlet.get_absolute_url()),
        ("archive", reverse("transcripts:archive")),
        ("RSS feed", reverse("transcripts:feed-rss")),
        ("sitemap index", "/sitemap.xml"),
    ]
    client = Client(HTTP_HOST=HOST)
    result = []
    for label, url in pages:
        client.get(url)  # fills the process-wide caches, as a running worker has them
        with CaptureQueriesContext(connection) as warm:
            response = client.get(url)
        cache.clear()  # the sitemap is cached (cache_page): its cost once in 15 minutes
        with CaptureQueriesContext(connection) as cold:
            client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code} in the test client")
        result.append(
            {"label": label, "url": url, "queries": len(warm), "queries_uncached": len(cold)}
        )
    counts = {
        "briefings": Briefing.objects.count(),
        "exchanges": Exchange.objects.count(),
        "built_s": round(built, 2),
    }
    print(json.dumps({"pages": result, "content": counts}))


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def postgres(url, action):
    """createdb / dropdb the database of a postgres:// URL."""
    parts = urllib.parse.urlsplit(url)
    command = ["createdb"] if action == "create" else ["dropdb", "--if-exists"]
    command += ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    if parts.username:
        command += ["-U", parts.username]
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = urllib.parse.unquote(parts.password)
    subprocess.run([*command, parts.path.lstrip("/")], check=True, env=env)


def fetch(url):
    """Status and body size of one GET (no redirects followed, as wrk does not follow them)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def measure(database_url, env, pages, seconds, port):
    server = serving.start_gunicorn(env, port)
    base = f"http://{HOST}:{port}"
    try:
        for page in pages:
            status, size = fetch(base + page["url"])
            page["bytes"] = size
            if status != 200:
                raise SystemExit(f"{page['url']} answered {status}; nothing measured")
        print(f"every page answers 200; wrk -t2 -c4 -d{seconds}s --latency on each")
        for page in pages:
            figures = serving.wrk(base + page["url"], seconds=seconds)
            if figures["non_2xx"] or figures["errors"]:
                print(
                    f"  {page['label']}: {figures['non_2xx']} non-2xx, {figures['errors']} errors"
                )
            page.update({k: v for k, v in figures.items() if k != "output"})
            print(
                f"  {page['label']:<28} {page['requests_per_s']:>8.1f} req/s  "
                f"p50 {page['p50']:.1f} ms  p99 {page['p99']:.1f} ms",
                flush=True,
            )
    finally:
        serving.stop(server)


def table(pages):
    print(
        f"\n{'page':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>9} {'queries':>8}  url"
    )
    for page in pages:
        queries = str(page["queries"])
        if page["queries_uncached"] != page["queries"]:
            queries += f" ({page['queries_uncached']})"
        print(
            f"{page['label']:<28} {page['requests_per_s']:>7.1f} {page['p50']:>7.1f} "
            f"{page['p99']:>7.1f} {page['bytes']:>9,} {queries:>8}  {page['url']}"
        )
    if any(p["queries_uncached"] != p["queries"] for p in pages):
        print("(n): queries when the page is not in the cache (cache_page)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        help="postgres://user@host:port/name: a database this benchmark drops, creates and "
        "drops again (default: a fresh SQLite file in a temporary directory)",
    )
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per page")
    parser.add_argument("--port", type=int, help="default: a free port")
    parser.add_argument(
        "--keep", action="store_true", help="PostgreSQL: keep the database afterwards"
    )
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        return populate()
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a postgres:// URL (SQLite is the default)")

    with tempfile.TemporaryDirectory(prefix="pages-bench-") as tmp:
        database_url = args.database_url or f"sqlite:///{tmp}/db.sqlite3"
        env = serving.server_env(database_url, ALLOWED_HOSTS=HOST)
        if args.database_url:
            postgres(database_url, "drop")
            postgres(database_url, "create")
        try:
            started = time.perf_counter()
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
            run([PYTHON, "manage.py", "load_demo"], env, stdout=subprocess.DEVNULL)
            out = run(
                [PYTHON, str(Path(__file__).resolve()), "--populate"],
                env,
                capture_output=True,
                text=True,
            ).stdout
            built = json.loads(out.strip().splitlines()[-1])
            pages, content = built["pages"], built["content"]
            engine = "PostgreSQL" if args.database_url else "SQLite"
            load = os.getloadavg()
            print(
                f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} cores; load average "
                f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {engine}: {content['briefings']} "
                f"briefings, {content['exchanges']} exchanges (built in "
                f"{time.perf_counter() - started:.1f} s)"
            )
            measure(database_url, env, pages, args.seconds, args.port or serving.free_port())
            table(pages)
            load = os.getloadavg()
            print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        finally:
            if args.database_url and not args.keep:
                postgres(database_url, "drop")


if __name__ == "__main__":
    main()
