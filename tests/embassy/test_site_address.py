"""In development the site's address (SITE_URL: alert mail, List-Unsubscribe, the export) is on
the port the server runs on: `PORT=8301 make run` and `make run PORT=8301` alike."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_url(**env):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL", "DJANGO_ENV"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "embassy.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_development_address_follows_the_port():
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(PORT="8301") == "http://127.0.0.1:8301"
    # Said outright, the address wins.
    assert site_url(PORT="8301", SITE_URL="https://embassy.example/") == "https://embassy.example"


@pytest.mark.parametrize("how", ["environment", "command line"])
def test_make_run_gives_every_command_its_port(tmp_path, how):
    """`make run` with a stand-in python that records the PORT each command is given (the
    migration, the demo, the alerts' schedule, the worker that writes alert mail, the server)."""
    seen = tmp_path / "seen"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    # The worker runs in the background, and stopping the server stops it: the stand-in
    # server waits (5 s at most) until the worker has said its port, or a loaded machine loses it.
    python.write_text(
        "#!/bin/sh\n"
        f'echo "${{PORT:-unset}} $3 $4 $2" >> {seen}\n'
        'if [ "$2" = runserver ]; then\n'
        f"  for _ in $(seq 50); do grep -q db_worker {seen} && break; sleep 0.1; done\n"
        "fi\n"
    )
    python.chmod(0o755)
    installed = tmp_path / "installed"
    installed.touch()  # newer than pyproject.toml: nothing to install
    args = ["make", "--no-print-directory", "run", f"BIN={bin_dir}", f"INSTALLED={installed}"]
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "MAKEFLAGS"}}
    if how == "environment":
        env["PORT"] = "8301"
    else:
        args.append("PORT=8301")
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "http://127.0.0.1:8301/" in result.stdout
    lines = seen.read_text().splitlines()
    assert len(lines) == 5, lines
    assert all(line.startswith("8301 ") for line in lines), lines
    assert any("127.0.0.1:8301" in line for line in lines), lines  # runserver's address
