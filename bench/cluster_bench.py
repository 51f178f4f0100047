"""Several servers on loopback: PostgreSQL, Redis, two gunicorn app servers, nginx in front.

    .venv/bin/python bench/cluster_bench.py                   # the demonstrations and the load
    .venv/bin/python bench/cluster_bench.py --peers           # and ../shared/bench-peers/run.sh
    .venv/bin/python bench/cluster_bench.py --help

What it starts (ports 18150-18199 unless told; all on 127.0.0.1; all stopped at the end, by PID):
- a PostgreSQL database it drops and creates (default embassy_bench_cluster on 127.0.0.1:5432;
  or with --database-url sqlite:////path a SQLite file, as the peer harness's Wagtail has):
  migrate, collectstatic, load_demo (the seed briefing of 8 exchanges and the menu), a
  briefing of 200 exchanges (the seed's 8, 25 times), 500 briefings of 10 exchanges, a superuser;
- redis-server (CACHE_URL of every app server: the page cache and the suggestion limits);
- an SMTP server (aiosmtpd, in this process) for "Suggest to a friend";
- two gunicorn app servers (2 sync workers each, DJANGO_ENV=production, as run.sh starts its
  peers), and a third with PAGE_CACHE=false for the rendering figures (with --peers, a fourth
  like it whose page templates are rendered once: bench/template_ceiling.py);
- nginx as the load balancer over the two (retrying an idempotent request on the other when
  one fails) with proxy_cache honouring Cache-Control as the CDN stand-in.

What it shows, in order: an edit made through one server (the admin's unpublish and publish
actions) is on the other at once and through nginx within s-maxage; the limits of "Suggest to
a friend" hold across servers; with wrk running through nginx, killing one app server loses no
request; 200 connections for 30 s through nginx (its cache on, then bypassed); a worker's
memory after 10,000 and 20,000 requests (cache on; cache off, rendering each time). With --peers
it then runs the peer harness with the project's targets, and measures 304 revalidation against
the harness's floor (serving the project's page bytes), started again on a port of ours.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import serving  # bench/serving.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from embassy.core.content import SITE  # noqa: E402
from embassy.core.generation import key_of  # noqa: E402
from embassy.core.watch import GENERATION_CHANNEL  # noqa: E402
from embassy.redis_cache import CHANGE_AND_ANNOUNCE  # noqa: E402
from tests.loopback import Mailbox  # noqa: E402
from tests.servers import (  # noqa: E402
    Browser,
    request,
    start_gunicorn,
    start_redis,
    wait_until_up,
)

PYTHON = str(ROOT / ".venv/bin/python")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# ../shared/bench-peers beside the project; BENCH_PEERS names another place (a worktree elsewhere).
PEERS = Path(os.environ.get("BENCH_PEERS", ROOT.parent / "shared/bench-peers")) / "run.sh"
FLOOR_PATH = "/press-conference-2021-01-28/"  # the only page the harness's floor serves
HOST = "127.0.0.1"
CONSULATE = "hcmc.localhost"  # the demo's second mission
GENERATION_KEY = key_of(SITE)
ADMIN = ("bench-admin", secrets.token_urlsafe(16))
CHANGELIST = "/admin/transcripts/briefing/"
ANSWER = "Xinjiang has never been more prosperous than it is now"

NGINX_CONF = (Path(__file__).resolve().parent / "nginx-cluster.conf").read_text()


def log(*args):
    print(*args, flush=True)


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def database(url, action):
    """Create or drop the bench's database: a PostgreSQL database, or a SQLite file."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "sqlite":
        if action == "drop":
            for suffix in ("", "-wal", "-shm"):
                Path(parts.path + suffix).unlink(missing_ok=True)
        return
    base = ["-h", parts.hostname or HOST, "-p", str(parts.port or 5432), "-U", parts.username]
    command = ["createdb"] if action == "create" else ["dropdb", "--if-exists"]
    subprocess.run([*command, *base, parts.path.lstrip("/")], check=True)


def populate():
    """In a subprocess with the bench's environment: the long briefing and the bulk."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from django.db import connection

    from tests import factories
    from transcripts.models import Briefing, Exchange

    seed = Briefing.objects.get(language="en")  # the demo also has its Chinese version
    seed_exchanges = list(seed.exchanges.order_by("position"))
    long = factories.make_briefing(
        "long",
        exchanges=0,
        title="Long Press Conference",
        slug="long-press-conference",
        held_at=factories.seed_time(hours=-9, minutes=-34),
        opening_remarks=seed.opening_remarks,
    )
    Exchange.objects.bulk_create(
        Exchange(
            briefing=long,
            position=n * len(seed_exchanges) + e.position,
            outlet=e.outlet,
            question=e.question,
            answer=e.answer,
        )
        for n in range(200 // len(seed_exchanges))
        for e in seed_exchanges
    )
    factories.make_many_briefings(500, exchanges=10, start=factories.seed_time(days=-1))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(json.dumps({"seed": [seed.pk, seed.get_absolute_url()], "long": long.get_absolute_url()}))


def rename_consulate():
    """In a subprocess: the consulate's name changed, as its staff would in the admin."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from embassy.siteinfo.models import SiteProfile

    profile = SiteProfile.objects.get(mission__slug="hcmc")
    profile.site_name_en += " (renamed)"
    profile.save()


class Cluster:
    def __init__(self, args, tmp):
        self.args, self.tmp = args, Path(tmp)
        ports = iter(range(args.first_port, args.first_port + 50))
        self.redis_port, self.smtp_port = next(ports), next(ports)
        self.app_ports = [next(ports), next(ports)]
        self.uncached_port, self.nginx_port = next(ports), next(ports)
        self.floor_port, self.ceiling_port = next(ports), next(ports)
        self.processes = {}
        self.env = serving.server_env(
            args.database_url,
            DJANGO_ENV="production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS=f"{HOST},localhost,{CONSULATE}",
            CACHE_URL=f"redis://{HOST}:{self.redis_port}/0",
            VAR_DIR=str(self.tmp),
            STATIC_ROOT=str(self.tmp / "static"),
            SECURE_SSL_REDIRECT="false",
            SECURE_PROXY_SSL_HEADER="true",
            TRUSTED_PROXY_COUNT="1",
            EMAIL_HOST=HOST,
            EMAIL_PORT=str(self.smtp_port),
            SUGGEST_LIMIT_PER_HOUR="3",
            # The script edits through the admin with a password only: what it measures is the
            # cache across servers, not the sign-in (tested in tests/embassy/signin/).
            STAFF_REQUIRE_SECOND_FACTOR="false",
            DJANGO_SUPERUSER_USERNAME=ADMIN[0],
            DJANGO_SUPERUSER_PASSWORD=ADMIN[1],
            DJANGO_SUPERUSER_EMAIL="bench@example.org",
        )
        self.env.pop("REDIS_URL", None)
        self.nginx = f"http://{HOST}:{self.nginx_port}"

    def build(self):
        started = time.perf_counter()
        database(self.args.database_url, "drop")
        database(self.args.database_url, "create")
        development = {**self.env, "DJANGO_ENV": "development"}  # load_demo refuses production
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], self.env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], self.env)
        run([PYTHON, "manage.py", "load_demo"], development, stdout=subprocess.DEVNULL)
        out = run(
            [PYTHON, __file__, "--populate"], development, capture_output=True, text=True
        ).stdout
        self.pages = json.loads(out.strip().splitlines()[-1])
        run([PYTHON, "manage.py", "createsuperuser", "--noinput"], self.env)
        log(f"database built in {time.perf_counter() - started:.0f} s")

    def start_redis(self):
        self.processes["redis"] = start_redis(self.redis_port, self.tmp)

    def start(self):
        for n, port in enumerate(self.app_ports, 1):
            self.start_app(f"app{n}", port, self.env)
        self.start_app("uncached", self.uncached_port, {**self.env, "PAGE_CACHE": "false"})
        if self.args.peers:  # what the uncached page would serve if its templates cost nothing
            self.start_app(
                "ceiling",
                self.ceiling_port,
                {**self.env, "PAGE_CACHE": "false"},
                app="bench.template_ceiling",
            )
        # nginx's workers run as nobody: their own directory, open to them.
        self.tmp.chmod(0o755)
        place = self.tmp / "nginx"
        place.mkdir(mode=0o777)
        place.chmod(0o777)
        (place / "nginx.conf").write_text(
            NGINX_CONF.format(
                tmp=place, port=self.nginx_port, app1=self.app_ports[0], app2=self.app_ports[1]
            )
        )
        self.processes["nginx"] = subprocess.Popen(
            [NGINX, "-c", str(place / "nginx.conf"), "-p", str(place), "-g", "daemon off;"],
            start_new_session=True,
        )
        wait_until_up(self.nginx + "/robots.txt", self.processes["nginx"])

    def start_app(self, name, port, env, app="embassy.wsgi"):
        self.processes[name] = start_gunicorn(port, env, workers=2, app=app)

    def stop(self):
        for name, process in reversed(self.processes.items()):
            if name == "redis":
                process.terminate()
                process.wait(timeout=10)
            else:
                serving.stop(process)

    def app(self, n):
        return f"http://{HOST}:{self.app_ports[n]}"

    # --- the demonstrations ------------------------------------------------------------------

    def edit_is_everywhere(self):
        pk, url = self.pages["seed"]
        # Every server is asked for the same site, as nginx passes the Host on.
        one, other = (Browser(self.app(n), secure=True, host=HOST) for n in (0, 1))
        cdn = Browser(self.nginx)
        assert one.get(url)[0] == 200 and other.get(url)[0] == 200
        cdn.get(url)
        editor = Browser(self.app(0), secure=True, host=HOST)
        editor.log_in(*ADMIN)
        for through, action, expected in ((1, "unpublish", 404), (2, "publish", 200)):
            editor.admin_action(CHANGELIST, action, [pk])
            edited = time.monotonic()
            statuses = [one.get(url)[0], other.get(url)[0]]
            log(
                f"  {action} through app server {through}: app 1 answers {statuses[0]}, "
                f"app 2 {statuses[1]}"
                f" on the next request (expected {expected})"
            )
            assert statuses == [expected, expected]
            while True:
                status, headers, _ = cdn.get(url)
                if status == expected or time.monotonic() - edited > 10:
                    break
                time.sleep(0.05)
            log(
                f"  through nginx's cache: {status} after {time.monotonic() - edited:.2f} s "
                f"(X-Cache {headers.get('x-cache')}; s-maxage is the bound)"
            )
            editor = Browser(self.app(1), secure=True, host=HOST)  # and back through the other
            editor.log_in(*ADMIN)

    def two_missions(self):
        """Both of the demo's missions through nginx by host name; the consulate renamed
        through the database: on both app servers at once, and the embassy's stored pages
        still current."""
        _, url = self.pages["seed"]
        embassy, consulate = (Browser(self.nginx, host=host) for host in (HOST, CONSULATE))
        names = {}
        for label, reader in (("embassy", embassy), ("consulate", consulate)):
            status, headers, body = reader.get(url)
            names[label] = re.search(r'data-print-site="([^"]*)"', body.decode())[1]
            log(f"  {label}: {status}, named {names[label]!r} (X-Cache {headers.get('x-cache')})")
        assert names["embassy"] != names["consulate"]
        # Stored on the app servers (behind nginx, over https) before the consulate's edit.
        for host in (HOST, CONSULATE):
            assert Browser(self.app(0), secure=True, host=host).get(url)[0] == 200
        run([PYTHON, __file__, "--rename-consulate"], self.env)
        for n in (0, 1):
            _, _, body = Browser(self.app(n), secure=True, host=CONSULATE).get(url)
            renamed = "(renamed)" in body.decode()
            log(f"  the consulate renamed: app server {n + 1} shows it at once: {renamed}")
            assert renamed
        check = [
            PYTHON,
            str(ROOT / "bench/missions_bench.py"),
            "--inspect",
            url,
            "--scheme",
            "https",
        ]
        current = json.loads(run(check, self.env, capture_output=True, text=True).stdout)
        # The consulate's page was rendered again by the reads above; the embassy's was not.
        log(f"  after the consulate's edit, the seed's stored page still current: {current}")
        assert current["embassy"]

    def suggest_limits_hold(self, mailbox):
        _, url = self.pages["seed"]
        friends = ["a@example.net, b@example.net", "c@example.net, d@example.net"]
        results = []
        for n, friend_list in enumerate(friends):
            visitor = Browser(self.app(n), secure=True, host=HOST)
            token = visitor.csrf_token(url + "suggest/")
            status, _, _ = visitor.post(
                url + "suggest/",
                {
                    "csrfmiddlewaretoken": token,
                    "name": "Alice",
                    "email": "alice@example.org",
                    "friends": friend_list,
                    "note": "",
                },
                headers={"X-Forwarded-For": "198.51.100.7"},
            )
            results.append(status)
        log(
            f"  limit 3 an hour: 2 friends through app 1 -> {results[0]}, 2 more through app 2 "
            f"-> {results[1]} (refused: the count is shared); {len(mailbox.messages)} mails sent"
        )
        assert results == [302, 429] and len(mailbox.messages) == 2

    def kill_one_under_load(self):
        _, url = self.pages["seed"]
        wrk = subprocess.Popen(
            [
                serving.WRK,
                "-t2",
                "-c32",
                "-d12s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                "X-Bypass-CDN: 1",
                self.nginx + url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(4)
        victim = self.processes.pop("app1")
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
        output = wrk.communicate(timeout=60)[0]
        figures = parse_wrk(output)
        log(
            f"  app server 1 killed (SIGKILL) 4 s into 12 s of wrk -c32 through nginx, its cache "
            f"bypassed: {figures['requests']} requests, {figures['errors']} socket errors, "
            f"{figures['non_2xx']} non-2xx"
        )
        self.start_app("app1", self.app_ports[0], self.env)
        return figures

    def load(self, bypass):
        _, url = self.pages["seed"]
        command = [
            serving.WRK,
            "-t2",
            "-c200",
            f"-d{self.args.seconds}s",
            "--latency",
            "--timeout",
            "10s",
        ]
        if bypass:
            command += ["-H", "X-Bypass-CDN: 1"]
        output = subprocess.run(
            [*command, self.nginx + url], capture_output=True, text=True, check=True
        ).stdout
        figures = parse_wrk(output)
        how = "cache bypassed" if bypass else "cache on"
        log(
            f"  200 connections, {self.args.seconds} s, nginx {how}: "
            f"{figures['requests_per_s']:.0f} req/s, p50 {figures['p50']:.1f} ms, "
            f"p99 {figures['p99']:.1f} ms, {figures['errors']} socket errors, "
            f"{figures['non_2xx']} non-2xx"
        )
        return figures

    def made_up_query_strings(self, count=1000):
        """What a stranger's made-up query strings cost Redis: `count` reads of the stored seed
        briefing through one app server, each with parameters of its own."""
        _, url = self.pages["seed"]
        server = redis.Redis(host=HOST, port=self.redis_port)
        visitor = Browser(self.app(0), secure=True, host=HOST)
        assert visitor.get(url)[0] == 200
        before = server.info("memory")["used_memory"]
        keys = server.dbsize()
        started = time.perf_counter()
        for number in range(count):
            assert visitor.get(f"{url}?anything={number}&cb={number * 7}")[0] == 200
        took = time.perf_counter() - started
        grown = server.info("memory")["used_memory"] - before
        log(
            f"  {count:,} reads with made-up query parameters: Redis grew by {grown / 1024:.0f} "
            f"KiB, {server.dbsize() - keys} keys more ({took / count * 1000:.1f} ms a read)"
        )
        server.close()
        return grown

    def failed_sign_ins(self, count=20):
        """A loop of wrong passwords, each followed by a read of the stored seed briefing: the
        read after each costs what a hit costs, and the generation does not move."""
        _, url = self.pages["seed"]
        server = redis.Redis(host=HOST, port=self.redis_port)
        key = f":1:{GENERATION_KEY}"
        reader = Browser(self.app(1), secure=True, host=HOST)
        reader.get(url)
        hits = []
        for _ in range(count):
            started = time.perf_counter()
            assert reader.get(url)[0] == 200
            hits.append((time.perf_counter() - started) * 1000)
        generation = server.get(key)
        after = []
        for attempt in range(count):
            stranger = Browser(self.app(attempt % 2), secure=True, host=HOST)
            token = stranger.csrf_token("/admin/login/")
            stranger.post(
                "/admin/login/",
                {"csrfmiddlewaretoken": token, "username": f"victim{attempt}", "password": "no"},
            )
            started = time.perf_counter()
            assert reader.get(url)[0] == 200
            after.append((time.perf_counter() - started) * 1000)
        moved = server.get(key) != generation
        log(
            f"  {count} failed sign-ins, each followed by a read of the stored page: p50 "
            f"{serving.percentile(after, 0.5):.1f} ms after one, against "
            f"{serving.percentile(hits, 0.5):.1f} ms for a plain hit; the generation "
            f"{'moved' if moved else 'did not move'}"
        )
        server.close()

    def first_visitor(self, count=40):
        """What the first visitor after an edit waits for: sequential requests to the server
        with the page cache off, each right after a change of the content generation (every
        memo keyed by it is cold; what is keyed by content, as an unchanged exchange's HTML, is
        not), against the same requests with nothing changed."""
        client = redis.Redis(host=HOST, port=self.redis_port)
        change = client.register_script(CHANGE_AND_ANNOUNCE)
        key, channel = (f":1:{name}" for name in (GENERATION_KEY, GENERATION_CHANNEL))
        base = f"http://{HOST}:{self.uncached_port}"
        for label, url in (
            ("seed briefing", self.pages["seed"][1]),
            ("200 exchanges", self.pages["long"]),
        ):
            for after_edit in (False, True):
                times = []
                for _ in range(count):
                    if after_edit:
                        change(keys=[key], args=[1, channel])
                    started = time.perf_counter()
                    status = request(base + url)[0]
                    times.append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        raise RuntimeError(f"{url}: HTTP {status}")
                how = "after an edit" if after_edit else "nothing changed"
                p50, p90 = (serving.percentile(times, share) for share in (0.5, 0.9))
                log(
                    f"  {label}, page cache off, {how}: p50 {p50:.1f} ms, p90 {p90:.1f} ms "
                    f"({count} requests, one at a time)"
                )
        client.close()

    def memory(self, name, url, label):
        port = {"app2": self.app_ports[1], "uncached": self.uncached_port}[name]
        workers = children(self.processes[name].pid)
        readings = []
        for _ in range(2):
            hammer(f"http://{HOST}:{port}{url}", self.args.requests)
            readings.append({pid: rss_kib(pid) for pid in workers})
        growth = {pid: readings[1][pid] - readings[0][pid] for pid in workers}
        log(
            f"  {label}: worker RSS after {self.args.requests:,} requests "
            f"{', '.join(f'{readings[0][p] / 1024:.1f}' for p in workers)} MiB; after "
            f"{2 * self.args.requests:,} "
            f"{', '.join(f'{readings[1][p] / 1024:.1f}' for p in workers)} MiB "
            f"(growth {', '.join(f'{growth[p]:+d}' for p in workers)} KiB)"
        )
        return readings


def children(pid):
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def rss_kib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1])


def hammer(url, count):
    """`count` GETs of url from 4 threads (gunicorn's sync workers close each connection)."""
    from concurrent.futures import ThreadPoolExecutor

    def some(n):
        for _ in range(n):
            status = request(url)[0]
            if status != 200:
                raise RuntimeError(f"{url}: HTTP {status}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(some, [count // 4] * 4))


def parse_wrk(output):
    figures = {"non_2xx": 0, "errors": 0, "requests": 0, "output": output}
    for line in output.splitlines():
        line = line.strip()
        if match := re.fullmatch(r"(50|75|90|99)%\s+(\S+)", line):
            figures[f"p{match[1]}"] = serving._duration_ms(match[2])
        elif match := re.fullmatch(r"Requests/sec:\s+([\d.]+)", line):
            figures["requests_per_s"] = float(match[1])
        elif match := re.fullmatch(r"(\d+) requests in .*", line):
            figures["requests"] = int(match[1])
        elif match := re.fullmatch(r"Non-2xx or 3xx responses:\s+(\d+)", line):
            figures["non_2xx"] = int(match[1])
        elif line.startswith("Socket errors:"):
            figures["errors"] = sum(int(n) for n in re.findall(r"\d+", line))
    return figures


def peers(cluster):
    """The peer harness with the project's targets: cache on (app server 2, as run.sh starts
    its peers: 2 sync workers), cache off, and the 200-exchange briefing with the cache off."""
    _, seed = cluster.pages["seed"]
    long = cluster.pages["long"]
    on, off = f"http://{HOST}:{cluster.app_ports[1]}", f"http://{HOST}:{cluster.uncached_port}"
    ceiling = f"http://{HOST}:{cluster.ceiling_port}"
    command = [
        str(PEERS),
        "--target",
        f"cms-cache-on={on}{seed}",
        "--target",
        f"cms-cache-off={off}{seed}",
        "--target",
        f"cms-200-off={off}{long}",
        "--target",
        f"cms-off-no-templates={ceiling}{seed}",
        "--floor-from",
        "cms-cache-on",
    ]
    log("== " + " ".join(command))
    subprocess.run(
        command, check=True, env={**os.environ, "BENCH_PEERS_DIR": cluster.args.peers_dir}
    )


def revalidation(cluster, seconds=10):
    """wrk as run.sh runs it (-t2 -c16, warm-up discarded, alternating, as many rounds as its
    ROUNDS): the floor serving our page's bytes, our stored page, and our 304 to
    If-None-Match."""
    rounds = int(os.environ.get("ROUNDS", 2))
    _, seed = cluster.pages["seed"]
    app = f"http://{HOST}:{cluster.app_ports[1]}{seed}"
    etag = request(app)[1]["etag"]
    peers_dir = Path(cluster.args.peers_dir)
    floor_port = cluster.floor_port
    floor = subprocess.Popen(
        [
            str(peers_dir / ".venv-limit/bin/gunicorn"),
            *("--workers", "2", "--worker-class", "sync", "--no-control-socket"),
            *("--log-level", "warning", "--bind", f"{HOST}:{floor_port}"),
            *("--chdir", str(peers_dir / "limit_django"), "limit.wsgi:application"),
        ],
        start_new_session=True,
    )
    # The floor has one address; run.sh --floor-from left our page's bytes in its page.html.
    floor_url = f"http://{HOST}:{floor_port}{FLOOR_PATH}"
    targets = {
        "floor (our page's bytes)": ([], floor_url),
        "cache on, 200": ([], app),
        "cache on, 304": (["-H", f"If-None-Match: {etag}"], app),
    }
    figures = {name: [] for name in targets}
    try:
        wait_until_up(floor_url, floor)
        for _ in range(rounds):
            for name, (headers, url) in targets.items():
                base = [serving.WRK, "-t2", "-c16", *headers]
                subprocess.run([*base, "-d3s", url], capture_output=True, check=True)
                out = subprocess.run(
                    [*base, f"-d{seconds}s", "--timeout", "10s", "--latency", url],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                figures[name].append(parse_wrk(out))
    finally:
        serving.stop(floor)
    for name, runs in figures.items():
        rates = [f["requests_per_s"] for f in runs]
        median = sorted(rates)[len(rates) // 2] if len(rates) % 2 else sum(rates) / len(rates)
        log(
            f"  {name:<26} {median:>7.0f} req/s ({' / '.join(f'{r:.0f}' for r in rates)}), "
            f"p99 {runs[-1]['p99']:.1f} ms, errors {sum(r['errors'] + r['non_2xx'] for r in runs)}"
        )
        figures[name] = median
    floor_rate = figures["floor (our page's bytes)"]
    for name in ("cache on, 200", "cache on, 304"):
        log(f"  {name}: {figures[name] / floor_rate:.2f}x the floor")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/embassy_bench_cluster",
        help="PostgreSQL (dropped and created) or sqlite:////absolute/path (the file replaced)",
    )
    parser.add_argument("--first-port", type=int, default=18150)
    parser.add_argument("--seconds", type=int, default=30, help="the 200-connection runs")
    parser.add_argument(
        "--peers", action="store_true", help="also run ../shared/bench-peers/run.sh"
    )
    parser.add_argument(
        "--requests", type=int, default=10_000, help="per memory reading (twice per server)"
    )
    parser.add_argument("--peers-dir", default="/tmp/bench-peers")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rename-consulate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        return populate()
    if args.rename_consulate:
        return rename_consulate()

    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as tmp:
        cluster = Cluster(args, tmp)
        load = os.getloadavg()
        log(
            f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} cores; load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        try:
            cluster.start_redis()
            cluster.build()
            mailbox = Mailbox()
            smtp = Controller(mailbox, hostname=HOST, port=cluster.smtp_port)
            smtp.start()
            try:
                cluster.start()
                log("== an edit through one server")
                cluster.edit_is_everywhere()
                log("== two missions by host name")
                cluster.two_missions()
                log("== Suggest to a friend across servers")
                cluster.suggest_limits_hold(mailbox)
            finally:
                smtp.stop()
            log("== what a stranger can do to the page cache")
            cluster.made_up_query_strings()
            cluster.failed_sign_ins()
            log("== one app server killed under load")
            cluster.kill_one_under_load()
            log("== 200 connections through nginx and two app servers")
            cluster.load(bypass=False)
            cluster.load(bypass=True)
            log("== the first visitor after an edit")
            cluster.first_visitor()
            log("== memory")
            cluster.memory("app2", cluster.pages["seed"][1], "cache on, seed")
            cluster.memory("uncached", cluster.pages["seed"][1], "cache off, seed")
            if args.peers:
                peers(cluster)
                log("== 304 revalidation and the stored page against the floor")
                revalidation(cluster)
        finally:
            cluster.stop()
            if not args.keep:
                database(args.database_url, "drop")
        load = os.getloadavg()
        log(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
