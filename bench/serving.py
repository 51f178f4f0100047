"""Serving the site for the benchmarks: gunicorn on 127.0.0.1, wrk against it, percentiles.

Shared by search_bench.py and pages_bench.py (run as scripts from bench/, so `import serving`).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port():
    """A TCP port nobody listens on at the moment (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url, **extra):
    """The environment gunicorn runs in: DEBUG off, development mode (not DJANGO_ENV=production,
    which would demand the HTTPS settings and a real SECRET_KEY)."""
    return {
        **os.environ,
        "DJANGO_ENV": "development",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def start_gunicorn(env, port, workers=2, ready_path="/", timeout=15):
    """gunicorn embassy.wsgi on 127.0.0.1:port, in its own process group; returns once
    `ready_path` answers (any HTTP status), or stops it and raises."""
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "embassy.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {server.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=1).read()
                return server
            except urllib.error.HTTPError:
                return server
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer on port {port}") from None
                time.sleep(0.1)
    except BaseException:
        stop(server)
        raise


def stop(server, grace=10):
    """SIGTERM to gunicorn's process group (master and workers), SIGKILL if it lingers."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=grace)
    except ProcessLookupError:
        server.wait(timeout=grace)


def _duration_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url, threads=2, connections=4, seconds=10):
    """`wrk --latency` against url: its raw output and the figures parsed from it
    (requests_per_s, p50/p75/p90/p99 in ms, non_2xx, errors)."""
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    figures = {"output": output, "non_2xx": 0, "errors": 0}
    for line in output.splitlines():
        line = line.strip()
        if match := re.fullmatch(r"(50|75|90|99)%\s+(\S+)", line):
            figures[f"p{match[1]}"] = _duration_ms(match[2])
        elif match := re.fullmatch(r"Requests/sec:\s+([\d.]+)", line):
            figures["requests_per_s"] = float(match[1])
        elif match := re.fullmatch(r"(\d+) requests in .*", line):
            figures["requests"] = int(match[1])
        elif match := re.fullmatch(r"Non-2xx or 3xx responses:\s+(\d+)", line):
            figures["non_2xx"] = int(match[1])
        elif line.startswith("Socket errors:"):
            figures["errors"] = sum(int(n) for n in re.findall(r"\d+", line))
    return figures
