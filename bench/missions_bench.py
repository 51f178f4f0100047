"""300 missions on one installation (issue 27): the seed briefing on one mission's host, the page
cache per mission, and what a Redis holds.

    cd bench && ../.venv/bin/python missions_bench.py     # 300 missions, 3,000 briefings
    cd bench && ../.venv/bin/python missions_bench.py --peers   # and the peers on one host
    cd bench && ../.venv/bin/python missions_bench.py --missions 20 --briefings 200   # quick

It needs PostgreSQL on 127.0.0.1:5432 (user postgres) and redis-server; it drops and creates its
own database. Each mission answers a loopback address of its own (127.0.1.1, 127.0.1.2, …: every
127.x address reaches this machine, and gunicorn binds the one measured), so wrk and the peer
harness ask for a mission by its host like a reader's browser would. The demo's two missions
come first (the embassy at 127.0.0.1, the consulate at hcmc.localhost); the others are founded
with `found_mission`, each with the template's menu and one article of its own. Every briefing is
the ministry's, shown on every mission.

It reports:
- the build (missions, briefings, exchanges, seconds);
- the seed briefing read once on every mission's host (each stored), then an edit of mission 7's
  article: how many of the other missions' stored pages are still current (looked up in Redis
  as the middleware looks them up), and whether mission 7's is not;
- Redis' memory per stored page, and so what 1 GiB holds;
- with --peers: ../shared/bench-peers/run.sh with the page cache on and off on mission 150's host.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import serving  # bench/serving.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from tests.servers import start_redis  # noqa: E402

PYTHON = str(ROOT / ".venv/bin/python")
PEERS = Path(os.environ.get("BENCH_PEERS", ROOT.parent / "shared/bench-peers")) / "run.sh"
MEASURED = 150  # the mission whose host wrk asks


def host_of(n):
    """The loopback address mission number `n` (from 3) answers."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


def log(*args):
    print(*args, flush=True)


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def populate(missions, briefings, exchanges):
    """In a subprocess with the bench's environment: the missions and the ministry's briefings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from django.db import connection

    from embassy.founding.founding import found_mission
    from embassy.missions.models import Mission
    from embassy.pages.publishing import Status
    from sections.models import Article, Section
    from tests import factories
    from transcripts.models import Briefing, Exchange

    started = time.perf_counter()
    for n in range(3, missions + 1):
        found_mission(
            host=host_of(n), name=f"Mission {n}", languages=["en", "vi"], slug=f"mission-{n}"
        )
    Article.objects.bulk_create(
        Article(
            section=section,
            title=f"Visa hours of {section.mission.slug}",
            slug="visa-hours",
            language="en",
            status=Status.PUBLISHED,
            publish_at=factories.seed_time(days=-30),
            body="<p>Monday to Friday.</p>",
        )
        for section in Section.objects.filter(slug="consular-services").select_related("mission")
    )
    founded = time.perf_counter() - started
    factories.make_many_briefings(
        briefings, exchanges=exchanges, start=factories.seed_time(days=-1)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seed = Briefing.objects.get(language="en", slug__startswith="foreign-ministry")
    hosts = {
        mission.slug: (mission.pk, mission.hosts.get(is_canonical=True).host)
        for mission in Mission.objects.prefetch_related("hosts")
    }
    print(
        json.dumps(
            {
                "seed": seed.get_absolute_url(),
                "hosts": hosts,
                "founded_seconds": round(founded, 1),
                "briefings": Briefing.objects.count(),
                "exchanges": Exchange.objects.count(),
            }
        )
    )


def inspect(path, scheme):
    """In a subprocess: which missions' stored pages of `path` (asked for over `scheme`) are
    current, by mission slug."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from embassy.missions.models import Mission
    from embassy.pagecache import store

    current = {}
    for mission in Mission.objects.prefetch_related("hosts"):
        host = mission.hosts.get(is_canonical=True).host
        lookup = store.look_up(store.page_key(scheme, host, path), mission.scope, time.time())
        current[mission.slug] = lookup is not None and lookup.page is not None
    print(json.dumps(current))


def edit_article(slug):
    """In a subprocess: mission `slug`'s article edited as staff's save does it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    import django

    django.setup()
    from sections.models import Article

    article = Article.objects.get(section__mission__slug=slug, slug="visa-hours")
    article.title += " (changed)"
    article.save()


def start_gunicorn(env, port, hosts):
    binds = [arg for host in ("127.0.0.1", *hosts) for arg in ("--bind", f"{host}:{port}")]
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "embassy.wsgi", *binds, "--workers", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1).read()
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                serving.stop(server)
                raise RuntimeError(f"gunicorn did not answer on port {port}") from None
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/embassy_bench_missions"
    )
    parser.add_argument("--missions", type=int, default=300)
    parser.add_argument("--briefings", type=int, default=3000)
    parser.add_argument("--exchanges", type=int, default=20)
    parser.add_argument("--first-port", type=int, default=18250)
    parser.add_argument("--peers", action="store_true")
    parser.add_argument("--peers-dir", default="/tmp/bench-peers")
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--inspect", help=argparse.SUPPRESS)
    parser.add_argument("--scheme", default="http", help=argparse.SUPPRESS)
    parser.add_argument("--edit", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        return populate(args.missions, args.briefings, args.exchanges)
    if args.inspect:
        return inspect(args.inspect, args.scheme)
    if args.edit:
        return edit_article(args.edit)

    load = os.getloadavg()
    log(f"{time.strftime('%Y-%m-%d %H:%M %Z')}; load average {load[0]:.2f} {load[1]:.2f}")
    parts = urllib.parse.urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    pg = ["-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username]
    subprocess.run(["dropdb", "--if-exists", *pg, name], check=True)
    subprocess.run(["createdb", *pg, name], check=True)
    redis_port, on_port, off_port = (args.first_port + n for n in range(3))
    with tempfile.TemporaryDirectory(prefix="missions-bench-") as tmp:
        redis_server = start_redis(redis_port, Path(tmp))
        env = serving.server_env(
            args.database_url,
            SECRET_KEY=secrets.token_urlsafe(48),
            # The missions' host names are the allowed hosts (a list of 300 that Django
            # scans on every request cost 0.2-0.3 ms of each).
            ALLOWED_HOSTS_FROM_MISSIONS="true",
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
            VAR_DIR=tmp,
        )
        env.pop("REDIS_URL", None)
        servers = []
        try:
            started = time.perf_counter()
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
            run([PYTHON, "manage.py", "load_demo"], env, stdout=subprocess.DEVNULL)
            out = run(
                [PYTHON, __file__, "--populate", "--missions", str(args.missions),
                 "--briefings", str(args.briefings), "--exchanges", str(args.exchanges)],
                env, capture_output=True, text=True,
            ).stdout  # fmt: skip
            built = json.loads(out.strip().splitlines()[-1])
            log(
                f"built in {time.perf_counter() - started:.0f} s: {len(built['hosts'])} missions "
                f"(founded in {built['founded_seconds']} s), {built['briefings']} briefings, "
                f"{built['exchanges']} exchanges"
            )
            seed = built["seed"]
            measured = host_of(MEASURED)
            servers.append(start_gunicorn(env, on_port, [measured]))
            servers.append(start_gunicorn({**env, "PAGE_CACHE": "false"}, off_port, [measured]))
            store = redis.Redis(port=redis_port)
            before = store.info("memory")["used_memory"]
            for _slug, (_pk, host) in built["hosts"].items():
                request = urllib.request.Request(
                    f"http://127.0.0.1:{on_port}{seed}", headers={"Host": host}
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    assert response.status == 200, host
            stored = store.info("memory")["used_memory"] - before
            per_page = stored / len(built["hosts"])
            log(
                f"the seed briefing stored on {len(built['hosts'])} hosts: Redis +"
                f"{stored / 1024:.0f} KiB, {per_page / 1024:.1f} KiB a page (its three codings), "
                f"about {2**30 / per_page:,.0f} such pages in 1 GiB"
            )
            check = [PYTHON, __file__, "--inspect", seed]
            current = json.loads(run(check, env, capture_output=True, text=True).stdout)
            log(f"stored and current before the edit: {sum(current.values())} of {len(current)}")
            run([PYTHON, __file__, "--edit", "mission-7"], env)
            current = json.loads(run(check, env, capture_output=True, text=True).stdout)
            others = {slug: ok for slug, ok in current.items() if slug != "mission-7"}
            log(
                f"after an edit of mission-7's article: {sum(others.values())} of {len(others)} "
                f"other missions' stored pages still current; mission-7's "
                f"{'still current (wrong)' if current['mission-7'] else 'stale, as it must be'}"
            )
            if args.peers:
                command = [
                    str(PEERS),
                    "--target", f"missions-cache-on=http://{measured}:{on_port}{seed}",
                    "--target", f"missions-cache-off=http://{measured}:{off_port}{seed}",
                    "--floor-from", "missions-cache-on",
                ]  # fmt: skip
                log("== " + " ".join(command))
                subprocess.run(
                    command, check=True, env={**os.environ, "BENCH_PEERS_DIR": args.peers_dir}
                )
        finally:
            for server in servers:
                serving.stop(server)
            redis_server.terminate()
            redis_server.wait(timeout=10)
            subprocess.run(["dropdb", "--if-exists", *pg, name], check=False)
    load = os.getloadavg()
    log(f"load average at the end {load[0]:.2f} {load[1]:.2f}")


if __name__ == "__main__":
    main()
