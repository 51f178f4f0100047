from django.core.management.base import BaseCommand, CommandError

from embassy.api import export
from embassy.missions.models import Mission


class Command(BaseCommand):
    help = (
        "Write each mission's published briefings (its own and the ministry's it shows) as JSON "
        "Lines and as CSV (one exchange a row) into OPEN_DATA_EXPORT_DIR/<mission slug>/, "
        "downloadable on the mission's host at /api/v1/export/briefings.jsonl and .csv."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--mission",
            metavar="SLUG",
            help="Only this mission's export (every mission's without it).",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Only when what a mission shows changed since its files were written.",
        )

    def handle(self, *args, mission=None, if_changed=False, **options):
        missions = Mission.objects.order_by("slug")
        if mission is not None:
            missions = missions.filter(slug=mission)
            if not missions:
                known = ", ".join(Mission.objects.order_by("slug").values_list("slug", flat=True))
                raise CommandError(f"No mission {mission!r}; the missions are: {known}.")
        for one in missions:
            if if_changed and export.is_current(one):
                self.stdout.write(
                    f"The export of {one.slug} in {export.directory(one)} is current; "
                    "nothing written."
                )
                continue
            count = export.write(one)
            self.stdout.write(
                f"Exported {count} briefings of {one.slug} to {export.directory(one)}."
            )
        if mission is None:
            # Every mission's written: what is left of missions no longer there goes.
            export.forget_all_but(set(missions.values_list("slug", flat=True)))
