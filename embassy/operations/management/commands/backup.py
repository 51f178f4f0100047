"""manage.py backup FOLDER: the database (pg_dump, or SQLite's online backup) and the media."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from embassy.operations import sealing
from embassy.operations.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into a new folder (0700, files 0600), "
        "encrypted when BACKUP_ENCRYPTION_KEY is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="a new (or empty) folder for the backup")
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="print a new key for BACKUP_ENCRYPTION_KEY and back nothing up",
        )

    def handle(self, *args, folder, new_key, **options):
        if new_key:
            self.stdout.write(sealing.new_key())
            return
        if not folder:
            raise CommandError("Name a new folder for the backup.")
        key = settings.BACKUP_ENCRYPTION_KEY
        try:
            manifest = backup(folder, key=key)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['rows'])} tables "
            f"({manifest['engine']}) and {len(manifest['media_files'])} media files to {folder}"
            + (", encrypted." if key else " (not encrypted: BACKUP_ENCRYPTION_KEY is not set).")
        )
