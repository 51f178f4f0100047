from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http.request import validate_host

from embassy.founding.founding import found_mission
from embassy.missions.models import Kind, Mission


class Command(BaseCommand):
    help = (
        "Add a mission (an embassy or consulate-general) answering HOST, named NAME, with the "
        "menu of a template mission. Its contact details are left to fill in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", required=True, help="Its canonical host name.")
        parser.add_argument("--name", required=True, help="Its name, as the header shows it.")
        parser.add_argument(
            "--languages",
            required=True,
            help='Comma-separated, the default first: "vi,zh-hans,en".',
        )
        parser.add_argument("--alias", action="append", default=[], help="Another host name.")
        parser.add_argument("--slug", help="Its short name (default: the host's first label).")
        parser.add_argument("--kind", choices=Kind.values, default=Kind.EMBASSY)
        parser.add_argument(
            "--template", help="The mission whose menu is copied (default: the first one)."
        )

    def handle(self, *args, **options):
        languages = [code.strip() for code in options["languages"].split(",") if code.strip()]
        template = None
        if options["template"]:
            template = Mission.objects.filter(slug=options["template"]).first()
            if template is None:
                raise CommandError(f"No mission is called {options['template']!r}.")
        try:
            founded = found_mission(
                host=options["host"],
                name=options["name"],
                languages=languages,
                slug=options["slug"],
                kind=options["kind"],
                aliases=options["alias"],
                template=template,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        mission = founded.mission
        self.stdout.write(
            f"Mission {mission.slug}: https://{options['host']}/ in {mission.languages}, "
            f"{founded.sections} sections copied. Fill in its contact details in the admin."
        )
        if not validate_host(mission.hosts.get(is_canonical=True).host, settings.ALLOWED_HOSTS):
            self.stdout.write(
                self.style.WARNING(f"Add {options['host']} to ALLOWED_HOSTS to serve it.")
            )
