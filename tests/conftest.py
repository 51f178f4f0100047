"""Shared fixtures: content factories, users with and without permissions, a browser."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings

from embassy.environment import parse_cache_url
from tests import factories
from tests.loopback import free_port
from tests.servers import start_redis

# Playwright's sync API runs an event loop in the test's thread; Django would otherwise refuse
# to touch the database from that thread. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with empty caches (stored pages and the limits' counts) and an empty
    content memo of this process."""
    from django.core.cache import caches

    from embassy.core.memo import derived
    from embassy.pagecache.store import copies

    def clear():
        for cache in caches.all():
            cache.clear()
        derived.clear()
        copies.clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request under /zh-hans/ leaves Chinese active
    in the test's thread (LocaleMiddleware activates, nothing deactivates), and the next test's
    reverse() would then give /zh-hans/admin/… addresses."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    # Test users' passwords guard nothing; the production hasher costs most of a second each.
    # (override_settings rather than the `settings` fixture: that one, set up this early, would
    # be restored only after _fresh_cache has cleared a cache a test pointed CACHES at.)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads go to a folder of the test's own, never to var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def library_staff_client(client, django_user_model):
    """A member of staff who may manage the image and document library and edit pages."""
    user = django_user_model.objects.create_user(
        "librarian", "librarian@example.org", "pw", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["media", "sections", "transcripts", "taggit"]
        )
    )
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _local_memory_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def remarks_section(db):
    return factories.remarks_section()


@pytest.fixture
def spokesperson(db):
    return factories.spokesperson()


@pytest.fixture
def make_section(db):
    return factories.make_section


@pytest.fixture
def make_article(db, make_section):
    counter = iter(range(1, 1_000_000))
    return lambda **fields: factories.make_article(next(counter), **fields)


@pytest.fixture
def make_briefing(db, remarks_section, spokesperson):
    """A briefing with `exchanges` Q&As; published and dated 2021-01-28 19:34 unless told."""
    counter = iter(range(1, 1_000_000))
    return lambda **fields: factories.make_briefing(next(counter), **fields)


@pytest.fixture
def staff_client(client, django_user_model):
    """A staff member with every permission on sections and transcripts (an editor)."""
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["sections", "transcripts", "taggit"])
    )
    client.force_login(user)
    return client


@pytest.fixture
def staff_without_permissions_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "intern", "intern@example.org", "pw", is_staff=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def demo_site(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    factories.embassy_answers_the_test_client()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright; skipped with a reason when it is missing.

    CI sets REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
    """
    if not Path(CHROMIUM).exists():
        reason = (
            "Debian's chromium is not installed (apt-get install chromium); browser tests skipped"
        )
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason.replace("skipped", "required in CI"))
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def count_queries(django_assert_max_num_queries):
    """The number of queries a GET of `url` takes (and it must answer 200).

    A first, uncounted request fills the process-wide caches (content types, permissions).
    The page cache is off, and the content generation is changed before the counted request,
    as an edit changes it: what is counted is the rendering of the first reader after an edit,
    with nothing kept per generation (a stored page takes none; see tests/embassy/pagecache/).
    `after_an_edit=False` counts the next readers' instead.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from embassy.core import generation

    def count(client, url, after_an_edit=True, **params):
        with override_settings(PAGE_CACHE=False):
            client.get(url, params)
            if after_an_edit:
                generation.bump()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
        assert response.status_code == 200, url
        return len(queries)

    return count


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def assert_accessible():
    """Runs axe-core in the page against the WCAG 2.0-2.2 A and AA rules; fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    def check(page, exclude=()):
        # `exclude`: selectors of a third party's markup known to fail, named by the test.
        results = Axe().run(
            page,
            context={"exclude": [[selector] for selector in exclude]} if exclude else None,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
                },
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def make_many_briefings(db, remarks_section, spokesperson):
    """`count` published briefings, one a day back from 2021-01-28 19:34, `exchanges` each."""
    return factories.make_many_briefings


@pytest.fixture
def role_user(db, django_user_model):
    """A member of staff in the Editor or Publisher group (embassy/review/roles.py)."""
    from django.contrib.auth.models import Group

    def make(role, username=None):
        username = username or role.lower()
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor_client(client, role_user):
    client.force_login(role_user("Editor"))
    return client


@pytest.fixture
def publisher_client(role_user):
    from django.test import Client

    client = Client()
    client.force_login(role_user("Publisher"))
    return client


@pytest.fixture
def redis_url(tmp_path):
    """A redis-server of the test's own on loopback (nothing saved), as a CACHE_URL."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = start_redis(port, tmp_path)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def visitor():
    """An anonymous visitor (a client of its own, next to `staff_client`)."""
    from django.test import Client

    return Client()


@pytest.fixture
def rendered():
    """Whether a response was rendered by the view (the test client records its templates)
    rather than answered from the page cache."""
    return lambda response: bool(response.templates)


@pytest.fixture(params=["local memory", "redis"])
def each_cache(request, settings):
    """The test once with the local-memory cache (development, and the other tests) and once
    with a real redis-server, where each process keeps its own copies of pages and listens for
    changes (embassy/core/watch.py). Through the `settings` fixture, which a test may also use
    to point CACHES elsewhere: its changes are undone in order."""
    if request.param == "redis":
        settings.CACHES = {
            "default": parse_cache_url(request.getfixturevalue("redis_url")),
            "limits": parse_cache_url("locmem://limits"),
        }
    return request.param
