"""manage.py backup FOLDER: the database (pg_dump, or SQLite's online backup) and the media."""

from django.core.management.base import BaseCommand, CommandError

from embassy.operations.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a new (or empty) folder for the backup")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['rows'])} tables "
            f"({manifest['engine']}) and {len(manifest['media_files'])} media files to {folder}."
        )
