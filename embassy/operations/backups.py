"""Backup and restore: the database and the media files, in one folder.

A backup folder holds `database.dump` (PostgreSQL: pg_dump's custom format) or
`database.sqlite3` (SQLite: copied with SQLite's online backup API, consistent while the site
writes, unlike a file copy), `media.tar` (MEDIA_ROOT's files) and `manifest.json` (when, which
database, the row count of every table, the media files). A restore loads both and checks the
row counts against the manifest.

The dump holds password hashes, second-factor keys and subscribers' addresses, so the folder
is 0700 and its files 0600 from the moment they exist, and with BACKUP_ENCRYPTION_KEY every
file is sealed (`sealing.py`, Fernet) as NAME.sealed, manifest included. Sessions are not
kept: a restored site signs everyone out rather than bring stolen cookies back to life.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connections

from . import sealing

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar"
SEALED_SUFFIX = ".sealed"
SESSION_TABLE = Session._meta.db_table
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class BackupError(Exception):
    """Why a backup or restore could not be made; fit to show to the operator."""


def _database():
    return connections["default"]


def _engine():
    vendor = _database().vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {vendor}.")
    return vendor


def row_counts():
    """Every table of the database and its number of rows."""
    connection = _database()
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_environment():
    db = _database().settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for variable, key in (("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"), ("PGHOST", "HOST")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PORT"):
        env["PGPORT"] = str(db["PORT"])
    return env


def _run(command):
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(
        [tool, *command[1:]], env=_pg_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def media_files(root=None):
    root = Path(root or settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@contextmanager
def _private_files():
    """Every file and folder made inside is readable by the site's own user only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _check_key(key):
    try:
        sealing.fernet(key)
    except ValueError as error:
        raise BackupError(
            f"BACKUP_ENCRYPTION_KEY is {error}: make one with `manage.py backup --new-key`."
        ) from None


def backup(destination, *, key=""):
    """Write a backup of the database and the media files into `destination` (a new folder).

    With `key` (a Fernet key), every file is sealed with it.
    """
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: choose a new folder.")
    if key:
        _check_key(key)
    engine = _engine()
    with _private_files():
        destination.mkdir(parents=True, exist_ok=True)
        destination.chmod(FOLDER_MODE)
        if not key:
            return _write_backup(destination, engine)
        with tempfile.TemporaryDirectory() as work:
            manifest = _write_backup(Path(work), engine)
            for plain in sorted(Path(work).iterdir()):
                with (
                    plain.open("rb") as source,
                    (destination / (plain.name + SEALED_SUFFIX)).open("wb") as target,
                ):
                    sealing.seal(source, target, key, plain.name)
            return manifest


def _write_backup(destination, engine):
    if engine == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--exclude-table-data={SESSION_TABLE}",
                "--file",
                str(destination / POSTGRES_DUMP),
            ]
        )
    else:
        connection = _database()
        connection.ensure_connection()
        target = sqlite3.connect(destination / SQLITE_COPY)
        try:
            connection.connection.backup(target)
            target.execute(f'DELETE FROM "{SESSION_TABLE}"')
            target.commit()
            # VACUUM rewrites the file, so the deleted sessions leave no trace in free pages.
            target.execute("VACUUM")
        finally:
            target.close()
    files = media_files() if Path(settings.MEDIA_ROOT).is_dir() else []
    with tarfile.open(destination / MEDIA_ARCHIVE, "w") as archive:
        for name in files:
            archive.add(Path(settings.MEDIA_ROOT) / name, arcname=name)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "rows": {**row_counts(), SESSION_TABLE: 0},
        "media_files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for written in destination.iterdir():
        written.chmod(FILE_MODE)
    return manifest


def is_sealed(source):
    return (Path(source) / (MANIFEST + SEALED_SUFFIX)).exists()


def _empty_database():
    return not any(row_counts().values())


def restore(source, *, replace=False, key=""):
    """Load the backup in `source` into the configured database and MEDIA_ROOT.

    The database must be empty (a new database, or a SQLite file not yet made) unless
    `replace`; then the row counts are checked against the manifest. A sealed backup needs the
    `key` it was sealed with. Sessions are never restored. Returns the manifest.
    """
    source = Path(source)
    if not is_sealed(source):
        return _restore_folder(source, replace)
    if not key:
        raise BackupError(
            f"{source} is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with."
        )
    _check_key(key)
    # A temporary folder is 0700: what is unsealed there is the site user's only.
    with tempfile.TemporaryDirectory() as work:
        for sealed in sorted(source.glob("*" + SEALED_SUFFIX)):
            name = sealed.name.removesuffix(SEALED_SUFFIX)
            with sealed.open("rb") as box, (Path(work) / name).open("wb") as plain:
                try:
                    sealing.unseal(box, plain, key, name)
                except sealing.SealError as error:
                    raise BackupError(
                        f"BACKUP_ENCRYPTION_KEY does not open this backup: {error}"
                    ) from None
        return _restore_folder(Path(work), replace)


def _restore_folder(source, replace):
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup folder ({error}).") from None
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"This is a {manifest['engine']} backup; the database is {engine}.")
    if not replace and not _empty_database():
        raise BackupError("The database is not empty: restore into a new one, or pass --replace.")
    connection = _database()
    if engine == "postgresql":
        connection.close()
        clean = ["--clean", "--if-exists"] if replace else []
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *clean,
                "--dbname",
                connection.settings_dict["NAME"],
                str(source / POSTGRES_DUMP),
            ]
        )
    else:
        connection.ensure_connection()
        copy = sqlite3.connect(source / SQLITE_COPY)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        connection.close()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_ARCHIVE) as archive:
        archive.extractall(media_root, filter="data")
    # Backups made before sessions were left out still hold them: they end here.
    Session.objects.all().delete()
    restored = row_counts()
    wrong = {
        table: (count, restored.get(table))
        for table, count in manifest["rows"].items()
        if table != SESSION_TABLE and restored.get(table) != count
    }
    if wrong:
        raise BackupError(f"Row counts differ after the restore (expected, found): {wrong}")
    missing = set(manifest["media_files"]) - set(media_files(media_root))
    if missing:
        raise BackupError(f"Media files missing after the restore: {sorted(missing)[:10]}")
    return manifest
