import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname
from taggit.models import Tag

from embassy.demo import examples
from embassy.demo.frame import load_frame
from embassy.founding.founding import found_mission
from embassy.history.recording import revision
from embassy.missions.models import Kind, Mission, MissionHost
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
from transcripts.models import TopicName

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

# The demo's two missions: the embassy (today's site) and a consulate-general.
EMBASSY_HOSTS = ["127.0.0.1", "localhost"]
CONSULATE = {
    "host": "hcmc.localhost",
    "name": "Consulate-General of the People's Republic of China in Ho Chi Minh City",
    "slug": "hcmc",
    "kind": Kind.CONSULATE,
    "languages": ["vi", "zh-hans", "en"],
    "default_language": "vi",
}
CONSULATE_MENU = ["consular-services", REMARKS_SECTION_SLUG, "cultural-exchange"]

# The menu in the site's three languages: {slug: {language: (title, intro)}}. English titles
# are the seed's own (MENU); the intros say in a sentence what each section holds.
MENU_IN_EVERY_LANGUAGE = {
    "ambassador-information": {
        "en": ("Ambassador Information", "The ambassador, his work and his messages."),
        "zh-hans": ("大使信息", "大使简历、工作动态与讲话。"),
        "vi": ("Thông tin Đại sứ", "Đại sứ, hoạt động và các bài phát biểu của Đại sứ."),
    },
    "embassy-information": {
        "en": ("Embassy Information", "The embassy's offices, their work and how to reach them."),
        "zh-hans": ("使馆信息", "使馆各部门及其职能和联系方式。"),
        "vi": ("Thông tin Đại sứ quán", "Các bộ phận của Đại sứ quán, công việc và cách liên hệ."),
    },
    "sino-vietnam-relationship": {
        "en": (
            "Sino-Vietnam Relationship",
            "Visits, agreements and cooperation between the two countries.",
        ),
        "zh-hans": ("中越关系", "两国之间的访问、协议与合作。"),
        "vi": (
            "Quan hệ Trung Quốc – Việt Nam",
            "Các chuyến thăm, thỏa thuận và hợp tác giữa hai nước.",
        ),
    },
    "consular-services": {
        "en": ("Consular Services", "Visas, passports, certificates and help for citizens abroad."),
        "zh-hans": ("领事服务", "签证、护照、公证认证及海外公民协助。"),
        "vi": (
            "Dịch vụ lãnh sự",
            "Thị thực, hộ chiếu, chứng nhận và hỗ trợ công dân ở nước ngoài.",
        ),
    },
    "for-students-scholars": {
        "en": ("For Students & Scholars", "Scholarships, study and research in China."),
        "zh-hans": ("留学服务", "奖学金以及赴华学习和研究。"),
        "vi": ("Dành cho sinh viên và học giả", "Học bổng, du học và nghiên cứu tại Trung Quốc."),
    },
    "science-tech": {
        "en": ("Science & Tech", "Cooperation in science, technology and innovation."),
        "zh-hans": ("科技合作", "科学、技术与创新领域的合作。"),
        "vi": ("Khoa học và công nghệ", "Hợp tác về khoa học, công nghệ và đổi mới sáng tạo."),
    },
    "cultural-exchange": {
        "en": ("Cultural Exchange", "Culture, the arts and exchanges between our peoples."),
        "zh-hans": ("文化交流", "文化、艺术与两国人民之间的交流。"),
        "vi": ("Giao lưu văn hóa", "Văn hóa, nghệ thuật và giao lưu giữa nhân dân hai nước."),
    },
    REMARKS_SECTION_SLUG: {
        "en": (
            "Spokesperson's Remarks",
            "The Foreign Ministry spokesperson's press conferences, every question and answer.",
        ),
        "zh-hans": ("发言人表态", "外交部发言人例行记者会，每一问每一答。"),
        "vi": (
            "Phát biểu của Người phát ngôn",
            "Các cuộc họp báo của Người phát ngôn Bộ Ngoại giao, từng câu hỏi và câu trả lời.",
        ),
    },
    "china-human-rights": {
        "en": ("China Human Rights", "China's position and work on human rights."),
        "zh-hans": ("中国人权", "中国在人权问题上的立场与实践。"),
        "vi": ("Nhân quyền Trung Quốc", "Lập trường và những nỗ lực của Trung Quốc về nhân quyền."),
    },
    "fighting-2019-ncov": {
        "en": ("Fighting 2019-nCoV", "The fight against the novel coronavirus."),
        "zh-hans": ("抗击新冠肺炎疫情", "抗击新型冠状病毒肺炎疫情。"),
        "vi": ("Phòng chống dịch 2019-nCoV", "Cuộc chiến chống virus corona chủng mới."),
    },
    "fight-covid-19-the-chinese-way": {
        "en": ("FIGHT COVID-19 THE CHINESE WAY", "How China fought COVID-19."),
        "zh-hans": ("中国抗疫", "中国如何抗击新冠肺炎疫情。"),
        "vi": ("CHỐNG COVID-19 THEO CÁCH TRUNG QUỐC", "Trung Quốc đã chống COVID-19 như thế nào."),
    },
}

# The seed briefing in Chinese and in Vietnamese: the demo's own renderings of the English
# transcript, marked as such in their titles ("演示译文", "bản dịch minh họa": demo
# translation), not the Ministry's published texts.
SEED_TRANSLATIONS = {
    "zh-hans": DEMO_DIR / "spokespersons_remarks_2021-01-28.zh-hans.txt",
    "vi": DEMO_DIR / "spokespersons_remarks_2021-01-28.vi.txt",
}

# What the seed briefing is about, as staff would tag it: the briefing's subjects, and each
# exchange's (by its place), in every version. Topic pages, their feeds and alerts, and the
# tags sitemap then have something to show.
SEED_TOPICS = ["Climate change", "Xinjiang", "COVID-19", "Hong Kong", "South China Sea"]
SEED_EXCHANGE_TOPICS = {
    1: ["Climate change", "China-US relations"],
    2: ["Xinjiang", "Human rights"],
    3: ["COVID-19", "China-US relations"],
    4: ["Hong Kong"],
    5: ["COVID-19", "Origin-tracing"],
    6: ["South China Sea"],
    7: ["Diaoyu Islands", "China-US relations"],
    8: ["China-US relations"],
}
# The seed's topics in the other languages (the tag's own name is the English one).
SEED_TOPIC_NAMES = {
    "Climate change": {"zh-hans": "气候变化", "vi": "Biến đổi khí hậu"},
    "Xinjiang": {"zh-hans": "新疆", "vi": "Tân Cương"},
    "COVID-19": {"zh-hans": "新冠肺炎疫情", "vi": "Dịch COVID-19"},
    "Hong Kong": {"zh-hans": "香港", "vi": "Hồng Kông"},
    "South China Sea": {"zh-hans": "南海", "vi": "Biển Đông"},
    "China-US relations": {"zh-hans": "中美关系", "vi": "Quan hệ Trung-Mỹ"},
    "Human rights": {"zh-hans": "人权", "vi": "Nhân quyền"},
    "Origin-tracing": {"zh-hans": "病毒溯源", "vi": "Truy xuất nguồn gốc virus"},
    "Diaoyu Islands": {"zh-hans": "钓鱼岛", "vi": "Đảo Điếu Ngư"},
}

# The seed spokesperson's role in each language (the transcript gives the English one).
SEED_ROLE_IN = {"zh-hans": "外交部发言人", "vi": "Người phát ngôn Bộ Ngoại giao"}

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Load the demo site from the seed page: the menu with its introductions, an example "
        "page in each main section, the seed briefing with its topics and its Chinese and "
        "Vietnamese versions, and example "
        "contact details. Running it again changes nothing."
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
            self.load_menu_languages(sections)
            self.load_example_pages(sections)
            seed = self.load_seed_briefing(sections[REMARKS_SECTION_SLUG])
            for language, path in SEED_TRANSLATIONS.items():
                self.load_seed_translation(sections[REMARKS_SECTION_SLUG], seed, language, path)
            self.load_seed_topics(seed)
            self.load_seed_role_languages(seed.spokesperson)
            self.load_contact_details()
            self.load_missions()
            load_frame(self.stdout)
        if options["superuser"]:
            self.ensure_demo_superuser()

    def load_menu(self):
        sections = {}
        for position, (group, title, slug) in enumerate(MENU, start=1):
            section, created = Section.objects.get_or_create(
                mission=Mission.home(),
                slug=slug,
                defaults={"title": title, "menu_group": group, "position": position * 10},
            )
            sections[slug] = section
            if created:
                self.stdout.write(f"Section: {title}")
        return sections

    def load_menu_languages(self, sections):
        """Each section's title and intro in every offered language, where still blank (staff's
        own words are never replaced)."""
        offered = {code for code, _name in settings.LANGUAGES}
        for slug, section in sections.items():
            changed = []
            for code, (title, intro) in MENU_IN_EVERY_LANGUAGE.get(slug, {}).items():
                if code not in offered:
                    continue
                for field, value in (("title", title), ("intro", f"<p>{escape(intro)}</p>")):
                    column = build_localized_fieldname(field, code)
                    if not getattr(section, column):
                        setattr(section, column, value)
                        changed.append(column)
            if changed:
                section.save(update_fields=changed)

    def load_example_pages(self, sections):
        # A section that has a page already keeps it: staff's own text is never replaced, and
        # an example they replaced does not come back.
        main = [slug for slug in sections if slug in examples.EXAMPLE_PAGES]
        for slug in main:
            section = sections[slug]
            if section.articles.exists():
                continue
            page = examples.example_page(slug, main.index(slug))
            Article.objects.create(section=section, status=Status.PUBLISHED, **page)
            self.stdout.write(f"Example page: {page['title']}")

    def load_seed_briefing(self, section):
        # The same path as the admin's "Import transcript" and import_briefing, so the demo
        # briefing is what staff would get by importing the seed page (but published).
        try:
            parsed = read_transcript(SEED_TRANSCRIPT.read_text(encoding="utf-8"))
        except TranscriptError as error:
            raise CommandError(f"{SEED_TRANSCRIPT}: {error}") from None
        if briefing := find_duplicate(parsed.title, parsed.held_at):
            return briefing
        briefing = save_briefing(parsed, section=section, status=Status.PUBLISHED)
        self.stdout.write(f"Briefing: {briefing.title} ({len(parsed.exchanges)} exchanges)")
        return briefing

    def load_seed_translation(self, section, seed, language, path):
        """The seed briefing's version in `language`, linked to it, so that the demo shows
        "Also in" and the side-by-side page. Imported the same way as the seed itself."""
        offered = {code for code, _name in settings.LANGUAGES}
        if language not in offered or seed.language == language:
            return
        if seed.versions().filter(language=language).exists():
            return
        try:
            parsed = read_transcript(path.read_text(encoding="utf-8"))
        except TranscriptError as error:
            raise CommandError(f"{path}: {error}") from None
        briefing = save_briefing(
            parsed,
            section=section,
            status=Status.PUBLISHED,
            language=language,
            translation_of=seed,
        )
        self.stdout.write(f"Briefing: {briefing.title} ({len(parsed.exchanges)} exchanges)")

    def load_seed_topics(self, seed):
        """The seed's topics on each of its versions and their exchanges, where it has none yet
        (staff's own tagging is never replaced)."""
        for version in seed.versions():
            if version.tags.exists() or version.exchanges.filter(tags__isnull=False).exists():
                continue
            version.tags.add(*SEED_TOPICS)
            for exchange in version.exchanges.all():
                exchange.tags.add(*SEED_EXCHANGE_TOPICS.get(exchange.position, []))
            self.stdout.write(f"Topics: {version.title}")
        self.load_topic_names()

    def load_topic_names(self):
        """The seed's topics named in every offered language, where staff have not named them."""
        offered = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
        for tag in Tag.objects.filter(name__in=SEED_TOPIC_NAMES):
            for code, name in SEED_TOPIC_NAMES[tag.name].items():
                if code in offered:
                    TopicName.objects.get_or_create(tag=tag, language=code, defaults={"name": name})

    def load_seed_role_languages(self, spokesperson):
        """The spokesperson's role in every offered language, where still blank."""
        offered = {code for code, _name in settings.LANGUAGES}
        changed = []
        for code, role in SEED_ROLE_IN.items():
            column = build_localized_fieldname("role", code)
            if code in offered and not getattr(spokesperson, column):
                setattr(spokesperson, column, role)
                changed.append(column)
        if changed:
            spokesperson.save(update_fields=changed)

    def load_contact_details(self):
        if not SiteProfile.objects.filter(mission=Mission.home()).exists():
            SiteProfile(**examples.CONTACT).save()
            self.stdout.write("Contact details: examples (replace them in the admin)")

    def load_missions(self):
        """The embassy at 127.0.0.1 and localhost (today's site), and a consulate-general at
        hcmc.localhost with its own name, a shorter menu and example contact details: both
        carry the ministry's briefings, the seed among them."""
        home = Mission.home()
        for position, host in enumerate(EMBASSY_HOSTS):
            MissionHost.objects.get_or_create(
                host=host, defaults={"mission": home, "is_canonical": position == 0}
            )
        if Mission.objects.filter(slug=CONSULATE["slug"]).exists():
            return
        founded = found_mission(**CONSULATE, menu=CONSULATE_MENU)
        profile = founded.mission.profile
        for field, value in {**examples.CONSULATE_NAMES, **examples.CONSULATE_CONTACT}.items():
            setattr(profile, field, value)
        profile.save()
        self.stdout.write(f"Mission: {CONSULATE['name']} at http://{CONSULATE['host']}/")

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
