"""CPU time of one request, the site called in this process (no server, no network, no load).

    . env.sh && .venv/bin/python bench/in_process.py PATH [N]         # CPU ms per request
    QUERIES=1 .venv/bin/python bench/in_process.py PATH 1             # and one request's SQL
    PROFILE=1 SORT=tottime LINES=40 .venv/bin/python bench/in_process.py PATH 200
    TEMPLATES_FREE=1 .venv/bin/python bench/in_process.py PATH 500  # page templates made free
    AFTER_EDIT=1 PAGE_CACHE=false .venv/bin/python bench/in_process.py PATH 200  # first visitor

Where the time of a page goes, to compare with a peer measured the same way (run it from the
peer's folder with its DJANGO_SETTINGS_MODULE). The settings come from the environment, as for
gunicorn: DJANGO_ENV=production, DATABASE_URL, CACHE_URL, PAGE_CACHE=false to render each time.
After one request and 20 more uncounted (what a running worker has warm), N requests are timed
with process_time, so other load on the machine counts less than in wall time. AFTER_EDIT=1
changes the content generation before each timed request, as an edit does: what the first
visitor after an edit costs, with nothing kept for the new generation.
"""

import io
import os
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

if os.environ.get("TEMPLATES_FREE"):  # what is left when rendering costs nothing
    from bench.template_ceiling import application
else:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()


def environ_for(path):
    """A GET of `path` as gunicorn hands it to the site."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }


def call(path):
    if AFTER_EDIT:
        generation.bump()
    status = []
    body = b"".join(
        application(environ_for(path), lambda s, headers, exc_info=None: status.append(s))
    )
    return status[0], len(body)


AFTER_EDIT = bool(os.environ.get("AFTER_EDIT"))
if AFTER_EDIT:
    from embassy.core import generation


def main():
    path, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print(path, *call(path))
    for _ in range(20):
        call(path)
    if os.environ.get("QUERIES"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            call(path)
        for query in queries.captured_queries:
            print(query["sql"])
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for _ in range(count):
            call(path)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumtime"))
        stats.print_stats(int(os.environ.get("LINES", 40)))
        return
    started = time.process_time()
    for _ in range(count):
        call(path)
    print(f"{(time.process_time() - started) / count * 1000:.3f} ms CPU per request")


if __name__ == "__main__":
    main()
