"""manage.py restore FOLDER: load a backup into an empty database and MEDIA_ROOT, and check it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from embassy.operations.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` and check its row counts."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup's folder")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the data of a database that is not empty (PostgreSQL: --clean)",
        )

    def handle(self, *args, folder, replace, **options):
        try:
            manifest = restore(folder, replace=replace, key=settings.BACKUP_ENCRYPTION_KEY)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['rows'])} tables and "
            f"{len(manifest['media_files'])} media files from {folder} "
            f"(backup of {manifest['created']}); every count matches; no session was restored."
        )
