"""Two Django servers sharing one real redis-server: an edit through either is on both at once.

Each server is gunicorn in its own process over one SQLite file, as two machines would share
PostgreSQL; the cache is a redis-server on loopback started here. Skipped, with the reason,
where redis-server is not installed (.ci/run installs it).
"""

import os
import signal
import subprocess
import sys

import pytest

from embassy.demo.management.commands.load_demo import DEMO_ADMIN_USERNAME
from tests.loopback import free_port
from tests.servers import ROOT, Browser, start_gunicorn

CHANGELIST = "/admin/transcripts/briefing/"
HOST = "127.0.0.1"
ANSWER = "Xinjiang has never been more prosperous"


def shows_answer(body):
    return ANSWER in body.decode().replace("\xa0", " ")  # the seed has no-break spaces


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture
def two_servers(tmp_path, redis_url):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))},
        "DJANGO_SETTINGS_MODULE": "embassy.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "CACHE_URL": redis_url,
        "VAR_DIR": str(tmp_path),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "load_demo", "--superuser"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    found = subprocess.run(
        [
            *manage,
            "shell",
            "--no-imports",
            "-c",
            "from transcripts.models import Briefing; b = Briefing.objects.get(language='en'); "
            "print(b.pk, b.get_absolute_url())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    servers = []
    try:
        for _ in range(2):
            servers.append(start_gunicorn(free_port(), env))
        password = (tmp_path / "demo-admin-password.txt").read_text().strip()
        yield {
            "bases": [
                f"http://127.0.0.1:{s.args[s.args.index('--bind') + 1].split(':')[1]}"
                for s in servers
            ],
            "briefing": (int(found[0]), found[1]),
            "password": password,
        }
    finally:
        for server in servers:
            stop(server)


def test_an_edit_through_one_server_is_on_the_other_at_once(two_servers):
    first, second = two_servers["bases"]
    pk, url = two_servers["briefing"]
    # Both asked for the same site, as through the load balancer in front of them.
    visitor_first, visitor_second = Browser(first, host=HOST), Browser(second, host=HOST)

    status, stored, body = visitor_first.get(url)
    assert status == 200 and shows_answer(body)
    status, shared, _ = visitor_second.get(url)
    # The second server answers with the page the first one stored: the same validator.
    assert status == 200 and shared["etag"] == stored["etag"]
    status, _, body = visitor_second.get(url, {"If-None-Match": stored["etag"]})
    assert status == 304 and body == b""

    editor = Browser(first, host=HOST)
    editor.log_in(DEMO_ADMIN_USERNAME, two_servers["password"])
    editor.admin_action(CHANGELIST, "unpublish", [pk])
    assert visitor_second.get(url)[0] == 404
    assert visitor_first.get(url)[0] == 404

    # And back, through the other server.
    other_editor = Browser(second, host=HOST)
    other_editor.log_in(DEMO_ADMIN_USERNAME, two_servers["password"])
    other_editor.admin_action(CHANGELIST, "publish", [pk])
    status, _, body = visitor_first.get(url)
    assert status == 200 and shows_answer(body)
