from django.core.management.base import BaseCommand

from embassy.core import generation


class Command(BaseCommand):
    help = (
        "Make every stored page stale (on every server sharing the cache). Edits through the "
        "site do this by themselves; this is for changes made to the database from outside."
    )

    def handle(self, *args, **options):
        generation.bump()
        self.stdout.write("Every stored page is stale; the next visitor of each renders it.")
