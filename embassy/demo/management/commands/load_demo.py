import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import format_html

from embassy.history.recording import revision
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteProfile
from sections.models import Article, MenuGroup, Section
from transcripts.importing import (
    REMARKS_SECTION_SLUG,
    TranscriptError,
    find_duplicate,
    read_transcript,
    save_briefing,
)

DEMO_DIR = Path(__file__).resolve().parents[2]
SEED_TRANSCRIPT = DEMO_DIR / "spokespersons_remarks_2021-01-28.txt"

# The seed page's menu in its order, its spelling corrected ("Imformation").
MENU = [
    (MenuGroup.MAIN, "Ambassador Information", "ambassador-information"),
    (MenuGroup.MAIN, "Embassy Information", "embassy-information"),
    (MenuGroup.MAIN, "Sino-Vietnam Relationship", "sino-vietnam-relationship"),
    (MenuGroup.MAIN, "Consular Services", "consular-services"),
    (MenuGroup.MAIN, "For Students & Scholars", "for-students-scholars"),
    (MenuGroup.MAIN, "Science & Tech", "science-tech"),
    (MenuGroup.MAIN, "Cultural Exchange", "cultural-exchange"),
    (MenuGroup.MAIN, "Spokesperson's Remarks", REMARKS_SECTION_SLUG),
    (MenuGroup.TOPICS, "China Human Rights", "china-human-rights"),
    (MenuGroup.TOPICS, "Fighting 2019-nCoV", "fighting-2019-ncov"),
    (MenuGroup.TOPICS, "FIGHT COVID-19 THE CHINESE WAY", "fight-covid-19-the-chinese-way"),
]

DEMO_ADMIN_USERNAME = "admin"

# Obvious placeholders, so that nobody mistakes the demo for the embassy's real details.
PLACEHOLDER_CONTACT = {
    "address": "PLACEHOLDER: 1 Example Street\nBa Dinh District, Hanoi\nVietnam",
    "telephone": "+84 00 0000 0000",
    "consular_emergency_line": "+84 00 0000 0001",
    "office_hours": "PLACEHOLDER: Monday to Friday, 9:00–12:00 and 14:30–17:30\n"
    "Closed on Vietnamese and Chinese public holidays",
    "email": "consular@embassy.example",
}


class Command(BaseCommand):
    help = (
        "Load the demo site from the seed page: the menu, a placeholder article in each "
        "section that would otherwise be empty, and the seed briefing. Running it again "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="Also create a demo superuser and print its credentials (never in production).",
        )

    def handle(self, *args, **options):
        if options["superuser"] and settings.PRODUCTION:
            raise CommandError("Refusing to create a demo superuser with DJANGO_ENV=production.")
        with transaction.atomic(), revision(comment="Loaded the demo content (load_demo)."):
            sections = self.load_menu()
            self.load_placeholder_articles(sections)
            self.load_seed_briefing(sections[REMARKS_SECTION_SLUG])
            self.load_contact_details()
        if options["superuser"]:
            self.ensure_demo_superuser()

    def load_menu(self):
        sections = {}
        for position, (group, title, slug) in enumerate(MENU, start=1):
            section, created = Section.objects.get_or_create(
                slug=slug,
                defaults={"title": title, "menu_group": group, "position": position * 10},
            )
            sections[slug] = section
            if created:
                self.stdout.write(f"Section: {title}")
        return sections

    def load_placeholder_articles(self, sections):
        for slug, section in sections.items():
            if slug == REMARKS_SECTION_SLUG or section.articles.exists():
                continue
            Article.objects.create(
                section=section,
                title=f"About {section.title}",
                slug="about",
                body=format_html(
                    "<p>This is a placeholder page for {}. Staff can replace it in the admin "
                    "under Sections and articles.</p>",
                    section.title,
                ),
                status=Status.PUBLISHED,
            )
            self.stdout.write(f"Article: About {section.title}")

    def load_seed_briefing(self, section):
        # The same path as the admin's "Import transcript" and import_briefing, so the demo
        # briefing is what staff would get by importing the seed page (but published).
        try:
            parsed = read_transcript(SEED_TRANSCRIPT.read_text(encoding="utf-8"))
        except TranscriptError as error:
            raise CommandError(f"{SEED_TRANSCRIPT}: {error}") from None
        if find_duplicate(parsed.title, parsed.held_at):
            return
        briefing = save_briefing(parsed, section=section, status=Status.PUBLISHED)
        self.stdout.write(f"Briefing: {briefing.title} ({len(parsed.exchanges)} exchanges)")

    def load_contact_details(self):
        if not SiteProfile.objects.exists():
            SiteProfile(**PLACEHOLDER_CONTACT).save()
            self.stdout.write("Contact details: placeholders (edit them in the admin)")

    def ensure_demo_superuser(self):
        User = get_user_model()
        password_file = settings.VAR_DIR / "demo-admin-password.txt"
        if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists() and password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=DEMO_ADMIN_USERNAME)
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin (local only): username {DEMO_ADMIN_USERNAME}, password {password}"
            )
        )
