from django.core.management.base import BaseCommand

from embassy.api import export


class Command(BaseCommand):
    help = (
        "Write every published briefing as JSON Lines and as CSV (one exchange a row) into "
        "OPEN_DATA_EXPORT_DIR, downloadable at /api/v1/export/briefings.jsonl and .csv."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Only when published content changed since the files were written.",
        )

    def handle(self, *args, if_changed=False, **options):
        if if_changed and export.is_current():
            self.stdout.write(f"The export in {export.directory()} is current; nothing written.")
            return
        count = export.write()
        self.stdout.write(f"Exported {count} briefings to {export.directory()}.")
