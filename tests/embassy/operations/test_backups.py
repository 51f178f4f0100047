"""manage.py backup / restore: into an empty database, every row and media file, same pages.

Each run is a real one in its own processes and databases: a SQLite file, and on PostgreSQL
two databases of its own (created and dropped here; skipped with a reason without PostgreSQL
or its client tools).
"""

import json
import os
import re
import shutil
import stat
import subprocess
import uuid

import pytest

from tests.embassy.test_settings import run_manage

SEED_URL = (
    "/briefings/2021/01/28/"
    "foreign-ministry-spokesperson-zhao-lijians-regular-press-conference-on-january-28-2021/"
)
SNAPSHOT = (
    "import django, json; django.setup()\n"
    "from django.test import Client\n"
    "from embassy.operations.backups import row_counts, media_files\n"
    # The demo's embassy, by its canonical host name (localhost redirects there).
    "page = Client(HTTP_HOST='127.0.0.1').get('{url}')\n"
    "print(json.dumps({{'status': page.status_code, 'page': page.content.decode(),"
    " 'rows': row_counts(), 'media': media_files()}}))\n"
)


def manage(*args, **env):
    result = run_manage(*args, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def snapshot(**env):
    output = manage("shell", "-c", SNAPSHOT.format(url=SEED_URL), **env)
    return json.loads(output.strip().splitlines()[-1])


def filled_site(env, var):
    manage("migrate", "--noinput", **env)
    manage("load_demo", **env)
    media = var / "media" / "images" / "2021"
    media.mkdir(parents=True)
    (media / "spokesperson.jpg").write_bytes(b"\xff\xd8 not really a jpeg, but a file \xff\xd9")
    return snapshot(**env)


def main_of(page):
    main = page[page.index("<main") : page.index("</main>")]
    # Less the print trace's "printed <now>", which moves on.
    return re.sub(r"printed [^<]*", "printed …", main)


def check_restored(before, after):
    assert after["status"] == 200
    assert after["rows"] == before["rows"]
    assert before["rows"]["transcripts_exchange"] == 24  # the seed, its Chinese and Vietnamese
    # The briefing as read (the page's frame shows the time of the request, which moves on).
    assert main_of(after["page"]) == main_of(before["page"])
    assert "Zhao Lijian" in main_of(after["page"])
    assert after["media"] == before["media"] == ["images/2021/spokesperson.jpg"]


def test_sqlite_backup_restores_into_an_empty_database(tmp_path):
    source, target = tmp_path / "site", tmp_path / "restored"
    env = {"VAR_DIR": str(source), "DATABASE_URL": ""}
    before = filled_site(env, source)
    out = manage("backup", str(tmp_path / "backup"), **env)
    assert "8" in out or "rows" in out
    assert (tmp_path / "backup" / "database.sqlite3").exists()

    restored_env = {"VAR_DIR": str(target), "DATABASE_URL": ""}
    out = manage("restore", str(tmp_path / "backup"), **restored_env)
    assert "every count matches" in out
    check_restored(before, snapshot(**restored_env))
    assert (target / "media" / "images" / "2021" / "spokesperson.jpg").read_bytes() == (
        source / "media" / "images" / "2021" / "spokesperson.jpg"
    ).read_bytes()


def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path):
    env = {"VAR_DIR": str(tmp_path / "site"), "DATABASE_URL": ""}
    filled_site(env, tmp_path / "site")
    manage("backup", str(tmp_path / "backup"), **env)
    result = run_manage("restore", str(tmp_path / "backup"), **env)
    assert result.returncode != 0
    assert "The database is not empty" in result.stderr
    result = run_manage("backup", str(tmp_path / "backup"), **env)
    assert result.returncode != 0 and "is not empty" in result.stderr


def postgres_url(name):
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def postgres_available():
    if not (shutil.which("pg_dump") and shutil.which("createdb")):
        return "pg_dump/createdb are missing (apt-get install postgresql-client)"
    ready = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"])
    if ready.returncode != 0:
        return "no PostgreSQL server on 127.0.0.1:5432"
    return None


def test_postgresql_backup_restores_into_an_empty_database(tmp_path):
    reason = postgres_available()
    if reason:
        pytest.skip(f"PostgreSQL backup test skipped: {reason}")
    suffix = uuid.uuid4().hex[:8]
    source_db, target_db = f"embassy_backup_src_{suffix}", f"embassy_backup_dst_{suffix}"
    pg = {**os.environ, "PGHOST": "127.0.0.1", "PGUSER": "postgres"}
    for name in (source_db, target_db):
        subprocess.run(["createdb", name], env=pg, check=True)
    try:
        env = {"VAR_DIR": str(tmp_path / "site"), "DATABASE_URL": postgres_url(source_db)}
        before = filled_site(env, tmp_path / "site")
        manage("backup", str(tmp_path / "backup"), **env)
        assert (tmp_path / "backup" / "database.dump").stat().st_size > 0

        restored_env = {
            "VAR_DIR": str(tmp_path / "restored"),
            "DATABASE_URL": postgres_url(target_db),
        }
        out = manage("restore", str(tmp_path / "backup"), **restored_env)
        assert "every count matches" in out
        check_restored(before, snapshot(**restored_env))
        # Search still works: the vectors' triggers and indexes came along.
        code = (
            "import django; django.setup()\n"
            "from embassy.search import query\n"
            "print(query.search(query.Criteria(text='vaccine'), 1).total)\n"
        )
        assert manage("shell", "-c", code, **restored_env).strip() != "0"
    finally:
        for name in (source_db, target_db):
            subprocess.run(["dropdb", "--if-exists", name], env=pg)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


SESSIONS = (
    "import django; django.setup()\n"
    "from django.contrib.sessions.models import Session\n"
    "print(Session.objects.count())\n"
)
NEW_SESSION = (
    "import django; django.setup()\n"
    "from django.contrib.sessions.backends.db import SessionStore\n"
    "s = SessionStore(); s['_auth_user_id'] = '1'; s.create(); print(s.session_key)\n"
)


def last_line(output):
    return output.strip().splitlines()[-1]


def test_a_backup_is_private_and_carries_no_session(tmp_path):
    env = {"VAR_DIR": str(tmp_path / "site"), "DATABASE_URL": ""}
    manage("migrate", "--noinput", **env)
    session_key = last_line(manage("shell", "-c", NEW_SESSION, **env))
    assert last_line(manage("shell", "-c", SESSIONS, **env)) == "1"
    out = manage("backup", str(tmp_path / "backup"), **env)
    assert "not encrypted" in out
    folder = tmp_path / "backup"
    assert mode(folder) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["database.sqlite3", "manifest.json", "media.tar"]
    assert all(mode(folder / name) == 0o600 for name in names)
    # Not even in the file's free pages.
    assert session_key.encode() not in (folder / "database.sqlite3").read_bytes()

    restored = {"VAR_DIR": str(tmp_path / "restored"), "DATABASE_URL": ""}
    assert "no session was restored" in manage("restore", str(folder), **restored)
    assert last_line(manage("shell", "-c", SESSIONS, **restored)) == "0"


def test_an_encrypted_backup_opens_only_with_its_key(tmp_path):
    key = manage("backup", "--new-key").strip()
    env = {"VAR_DIR": str(tmp_path / "site"), "DATABASE_URL": "", "BACKUP_ENCRYPTION_KEY": key}
    before = filled_site(env, tmp_path / "site")
    assert "encrypted." in manage("backup", str(tmp_path / "backup"), **env)
    folder = tmp_path / "backup"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["database.sqlite3.sealed", "manifest.json.sealed", "media.tar.sealed"]
    assert all(mode(folder / name) == 0o600 for name in names) and mode(folder) == 0o700
    # Nothing readable inside: not the briefing, not a table's name, not a file's name (each
    # longer than chance allows in base64: "Zhao" alone turned up in a sealed file now and then).
    for name in names:
        sealed = (folder / name).read_bytes()
        assert b"Zhao Lijian" not in sealed and b"transcripts_" not in sealed
        assert b"spokesperson.jpg" not in sealed

    without = {"VAR_DIR": str(tmp_path / "none"), "DATABASE_URL": "", "BACKUP_ENCRYPTION_KEY": ""}
    result = run_manage("restore", str(folder), **without)
    assert result.returncode != 0
    assert "is encrypted: set BACKUP_ENCRYPTION_KEY" in result.stderr

    other_key = manage("backup", "--new-key").strip()
    wrong = {**without, "BACKUP_ENCRYPTION_KEY": other_key}
    result = run_manage("restore", str(folder), **wrong)
    assert result.returncode != 0
    assert "BACKUP_ENCRYPTION_KEY does not open this backup" in result.stderr
    assert "sealed with another key" in result.stderr
    assert "Traceback" not in result.stderr

    result = run_manage("restore", str(folder), **{**without, "BACKUP_ENCRYPTION_KEY": "secret"})
    assert result.returncode != 0 and "not a Fernet key" in result.stderr

    restored = {
        "VAR_DIR": str(tmp_path / "restored"),
        "DATABASE_URL": "",
        "BACKUP_ENCRYPTION_KEY": key,
    }
    assert "every count matches" in manage("restore", str(folder), **restored)
    check_restored(before, snapshot(**restored))
