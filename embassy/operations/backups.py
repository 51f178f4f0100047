"""Backup and restore: the database and the media files, in one folder.

A backup folder holds `database.dump` (PostgreSQL: pg_dump's custom format) or
`database.sqlite3` (SQLite: copied with SQLite's online backup API, consistent while the site
writes, unlike a file copy), `media.tar` (MEDIA_ROOT's files) and `manifest.json` (when, which
database, the row count of every table, the media files). A restore loads both and checks the
row counts against the manifest.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar"


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


def backup(destination):
    """Write a backup of the database and the media files into `destination` (a new folder)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: choose a new folder.")
    engine = _engine()
    destination.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(destination / POSTGRES_DUMP)]
        )
    else:
        connection = _database()
        connection.ensure_connection()
        target = sqlite3.connect(destination / SQLITE_COPY)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    files = media_files() if Path(settings.MEDIA_ROOT).is_dir() else []
    with tarfile.open(destination / MEDIA_ARCHIVE, "w") as archive:
        for name in files:
            archive.add(Path(settings.MEDIA_ROOT) / name, arcname=name)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "rows": row_counts(),
        "media_files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _empty_database():
    return not any(row_counts().values())


def restore(source, *, replace=False):
    """Load the backup in `source` into the configured database and MEDIA_ROOT.

    The database must be empty (a new database, or a SQLite file not yet made) unless
    `replace`; then the row counts are checked against the manifest. Returns the manifest.
    """
    source = Path(source)
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
    restored = row_counts()
    wrong = {
        table: (count, restored.get(table))
        for table, count in manifest["rows"].items()
        if restored.get(table) != count
    }
    if wrong:
        raise BackupError(f"Row counts differ after the restore (expected, found): {wrong}")
    missing = set(manifest["media_files"]) - set(media_files(media_root))
    if missing:
        raise BackupError(f"Media files missing after the restore: {sorted(missing)[:10]}")
    return manifest
