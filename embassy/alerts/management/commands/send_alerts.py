from django.core.management.base import BaseCommand, CommandError

from embassy.alerts import tasks
from embassy.alerts.dispatch import MailServerDown, run_pass


class Command(BaseCommand):
    help = (
        "One pass of the alerts: announce the briefings that came into view, send what is "
        "owed, and the daily digests that are due. Run it every minute from cron, or start "
        "the worker's own every-minute run with --schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Enqueue the every-minute pass for `manage.py db_worker` (once; "
            "nothing happens when one is already waiting).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            started = tasks.schedule()
            self.stdout.write(
                "The every-minute alerts pass is scheduled for the worker."
                if started
                else "The every-minute alerts pass was already scheduled."
            )
            return
        try:
            report = run_pass()
        except MailServerDown as error:
            raise CommandError(
                f"The mail server could not be reached ({error}); the alerts owed stay owed "
                "and go out at the next pass."
            ) from error
        self.stdout.write(str(report))
