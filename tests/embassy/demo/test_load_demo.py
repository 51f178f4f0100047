"""load_demo: the seed page's menu with introductions, an example page per main section, the
seed briefing, example contact details; and what the demo's pages then show a visitor."""

import datetime
import io
import os
import re
import sys
import zoneinfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.missions.models import Mission
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteNotice, SiteProfile, TopTask
from sections.models import Article, MenuGroup, Section
from tests.embassy.test_settings import GOOD_KEY, run_manage
from tests.factories import embassy_answers_the_test_client
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson

pytestmark = pytest.mark.django_db

SEED_OUTLETS = ["CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]
SEED_TITLE = (
    "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on January 28, 2021"
)

MAIN_MENU = [
    "Ambassador Information",
    "Embassy Information",
    "Sino-Vietnam Relationship",
    "Consular Services",
    "For Students & Scholars",
    "Science & Tech",
    "Cultural Exchange",
    "Spokesperson's Remarks",
]
TOPICS = ["China Human Rights", "Fighting 2019-nCoV", "FIGHT COVID-19 THE CHINESE WAY"]


def seed_exchanges():
    """The seed's exchanges read by hand, independently of the parser: (outlet, Q, A) paragraphs.

    In the seed, each question starts with "<outlet>: " and each answer with "Zhao Lijian: ";
    every other non-empty line between the date and "Suggest To A Friend" continues the last.
    """
    lines = [line.strip() for line in SEED_TRANSCRIPT.read_text().splitlines() if line.strip()]
    body = lines[lines.index("2021-01-28 19:34") + 1 : lines.index("Suggest To A Friend")]
    exchanges = []
    for line in body:
        outlet = next((o for o in set(SEED_OUTLETS) if line.startswith(f"{o}: ")), None)
        if outlet:
            exchanges.append((outlet, [line.removeprefix(f"{outlet}: ")], []))
        elif line.startswith("Zhao Lijian: "):
            exchanges[-1][2].append(line.removeprefix("Zhao Lijian: "))
        elif exchanges[-1][2]:
            exchanges[-1][2].append(line)
        else:
            exchanges[-1][1].append(line)
    return exchanges


def embassy_sections():
    """The embassy's sections (the demo's consulate has a shorter menu of its own)."""
    return Section.objects.filter(mission=Mission.home())


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    embassy_answers_the_test_client()
    return out.getvalue()


def test_the_hand_reading_of_the_seed_finds_its_8_exchanges():
    # The reference the other tests compare with must itself be right.
    exchanges = seed_exchanges()
    assert [outlet for outlet, _, _ in exchanges] == SEED_OUTLETS
    assert all(question and answer for _, question, answer in exchanges)
    assert [len(answer) for _, _, answer in exchanges] == [2, 4, 1, 2, 4, 2, 2, 1]


def test_sections_in_menu_order_with_information_spelled_right(demo_site):
    in_menu = embassy_sections().in_menu()
    main = in_menu.filter(menu_group=MenuGroup.MAIN).order_by("position")
    topics = in_menu.filter(menu_group=MenuGroup.TOPICS).order_by("position")
    assert [s.title for s in main] == MAIN_MENU
    assert [s.title for s in topics] == TOPICS
    # And, out of the menu, the section of the statements every footer links.
    assert embassy_sections().count() == 12
    assert embassy_sections().exclude(show_in_menu=True).get().slug == "about-this-site"
    assert not Section.objects.filter(title__icontains="imformation").exists()


def test_an_example_page_in_each_main_section_saying_so_on_a_fixed_day(demo_site):
    examples = Article.objects.filter(slug="about").order_by("publish_at")
    assert [a.section.title for a in examples] == MAIN_MENU[:-1]  # not Spokesperson's Remarks
    for day, article in enumerate(examples, start=4):
        assert (article.slug, article.status) == ("about", Status.PUBLISHED)
        assert "<strong>This is an example page.</strong>" in article.body
        assert "it is not the embassy's information" in article.body
        # Fixed days, not the day it was loaded: 4 January 2021 onwards, at 10:00.
        assert timezone.localtime(article.publish_at).replace(tzinfo=None) == (
            datetime.datetime(2021, 1, day, 10, 0)
        )


def test_every_section_has_its_introduction_and_the_topics_have_no_page(demo_site):
    for section in embassy_sections():
        assert section.intro.startswith("<p>") and len(section.intro) > 20, section.title
    for section in Section.objects.filter(menu_group=MenuGroup.TOPICS):
        assert not section.articles.exists()


def test_a_section_without_pages_shows_its_introduction_not_an_empty_list(demo_site, client):
    page = client.get("/sections/fighting-2019-ncov/").content.decode()
    assert "The fight against the novel coronavirus." in page
    assert "Nothing has been published" not in page and 'class="item-list"' not in page


def test_an_example_page_says_it_is_one_with_its_fixed_date(demo_site, client):
    section = client.get("/sections/consular-services/").content.decode()
    assert "Visas, passports, certificates and help for citizens abroad." in section  # intro
    assert '<time datetime="2021-01-07">7 January 2021</time>' in section
    page = client.get("/sections/consular-services/about/").content.decode()
    assert "<h1>Visas, passports and notarial services</h1>" in page
    assert "<strong>This is an example page.</strong>" in page


def test_every_footer_has_the_embassys_contact_details(demo_site, client):
    seed = Briefing.objects.get(language="en")
    for url in ("/", "/sections/consular-services/", seed.get_absolute_url()):
        page = client.get(url).content.decode()
        footer = page[page.index('<footer class="site-footer">') :]
        assert "46 Hoang Dieu Street, Ba Dinh District, Hanoi, Viet Nam" in footer
        assert 'Telephone: <a href="tel:+842438453736">+84 24 3845 3736</a>' in footer
        assert 'Consular emergency line: <a href="tel:+842438453737">' in footer
        assert "Office hours: Consular section: Monday to Friday, 8:30–11:30; Closed" in footer
        assert 'href="mailto:consular@embassy.example"' in footer


def test_the_header_shows_the_seal(demo_site, client):
    page = client.get("/").content.decode()
    assert re.search(r'<img class="site-emblem" src="/static/img/seal[^"]*\.svg"', page)


def test_one_published_briefing_dated_as_the_seed(demo_site):
    briefing = Briefing.objects.get(language="en")
    assert briefing.title == SEED_TITLE
    assert briefing.status == Status.PUBLISHED
    assert briefing.held_at == datetime.datetime(
        2021, 1, 28, 19, 34, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")
    )
    assert briefing.section.slug == "spokespersons-remarks"
    assert (briefing.spokesperson.name, briefing.spokesperson.role) == (
        "Zhao Lijian",
        "Foreign Ministry Spokesperson",
    )
    assert briefing.opening_remarks == ""
    assert briefing.is_published


def test_eight_exchanges_in_order_with_the_seed_text_paragraph_by_paragraph(demo_site):
    exchanges = list(
        Exchange.objects.filter(briefing__language="en")
        .select_related("outlet")
        .order_by("position")
    )
    assert [e.position for e in exchanges] == list(range(1, 9))
    assert [e.outlet.name for e in exchanges] == SEED_OUTLETS
    for exchange, (outlet, question, answer) in zip(exchanges, seed_exchanges(), strict=True):
        assert exchange.question_paragraphs == question, outlet
        assert exchange.answer_paragraphs == answer, outlet
        assert exchange.question == "\n\n".join(question)
        assert exchange.answer == "\n\n".join(answer)
        assert exchange.responder is None  # the briefing's spokesperson answered
    assert Outlet.objects.filter(exchanges__briefing__language="en").distinct().count() == 6
    assert Spokesperson.objects.filter(briefings__language="en").distinct().count() == 1


def test_running_it_twice_changes_nothing(demo_site):
    def state():
        return {
            "sections": list(embassy_sections().values_list("pk", "title", "slug", "position")),
            "articles": list(Article.objects.values_list("pk", "updated_at")),
            "briefings": list(Briefing.objects.values_list("pk", "slug", "updated_at")),
            "exchanges": list(Exchange.objects.values_list("pk", "question", "answer")),
            "outlets": list(Outlet.objects.values_list("pk", "name")),
            "spokespeople": list(Spokesperson.objects.values_list("pk", "name")),
        }

    before = state()
    assert load_demo() == ""  # nothing new to say: nothing was created
    assert state() == before


def test_a_second_run_does_not_put_back_a_deleted_example_page_of_a_section_with_content(
    demo_site,
):
    # A section whose example page staff replaced keeps only their article.
    section = embassy_sections().get(slug="consular-services")
    section.articles.all().delete()
    Article.objects.create(section=section, title="Visas", slug="visas", body="<p>Visas.</p>")
    load_demo()
    assert list(section.articles.values_list("slug", flat=True)) == ["visas"]


def test_superuser_option_prints_credentials_that_log_in(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    output = load_demo("--superuser")
    match = re.search(r"username (\S+), password (\S+)", output)
    assert match, output
    username, password = match.groups()
    # Through the sign-in page: django-axes checks every sign-in, so it needs the request.
    signed_in = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert (tmp_path / "demo-admin-password.txt").read_text().strip() == password
    # Again: the same credentials, not a new password behind the user's back.
    assert f"password {password}" in load_demo("--superuser")


def test_superuser_is_refused_in_production(tmp_path):
    result = run_manage(
        "load_demo",
        "--superuser",
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="embassy.example",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Refusing to create a demo superuser" in result.stderr
    assert "password" not in result.stdout
    assert not (tmp_path / "demo-admin-password.txt").exists()


def test_superuser_refusal_in_production_is_a_command_error(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        load_demo("--superuser")
    assert not Section.objects.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_password_file_is_private(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo("--superuser")
    assert os.stat(tmp_path / "demo-admin-password.txt").st_mode & 0o077 == 0


# --- in three languages ---------------------------------------------------------------------

MAIN_MENU_IN = {
    "zh-hans": [
        "大使信息",
        "使馆信息",
        "中越关系",
        "领事服务",
        "留学服务",
        "科技合作",
        "文化交流",
        "发言人表态",
    ],
    "vi": [
        "Thông tin Đại sứ",
        "Thông tin Đại sứ quán",
        "Quan hệ Trung Quốc – Việt Nam",
        "Dịch vụ lãnh sự",
        "Dành cho sinh viên và học giả",
        "Khoa học và công nghệ",
        "Giao lưu văn hóa",
        "Phát biểu của Người phát ngôn",
    ],
}


@pytest.mark.parametrize("prefix, language", [("", "en"), ("/zh-hans", "zh-hans"), ("/vi", "vi")])
def test_the_menu_reads_in_each_language(client, demo_site, prefix, language):
    page = client.get(prefix + "/").content.decode()
    assert f'<html lang="{language}"' in page
    titles = MAIN_MENU if language == "en" else MAIN_MENU_IN[language]
    for title in titles:
        assert f">{escape(title)}</a>" in page, title
    section = client.get(prefix + "/sections/consular-services/").content.decode()
    intro = {
        "en": "Visas, passports, certificates and help for citizens abroad.",
        "zh-hans": "签证、护照、公证认证及海外公民协助。",
        "vi": "Thị thực, hộ chiếu, chứng nhận và hỗ trợ công dân ở nước ngoài.",
    }[language]
    assert intro in section


def test_the_seed_has_its_chinese_version_side_by_side(client, demo_site):
    english = Briefing.objects.get(language="en")
    chinese = Briefing.objects.get(language="zh-hans")
    assert chinese.translation_key == english.translation_key
    assert chinese.status == Status.PUBLISHED
    assert "（演示译文）" in chinese.title  # marked as the demo's own translation
    assert chinese.exchanges.count() == 8
    page = client.get(english.get_absolute_url()).content.decode()
    assert "Side by side with Chinese" in page
    side = client.get(english.side_by_side_url("zh-hans"))
    assert side.status_code == 200
    shown = side.content.decode()
    assert shown.count('<section class="pair"') == 8
    assert "There&#x27;s never ever such thing as genocide in China. Period." in shown
    assert "中国从来不存在什么种族灭绝。就这么简单。" in shown
    reverse_side = client.get(chinese.side_by_side_url("en"))
    assert reverse_side.status_code == 200
    assert '<html lang="zh-hans"' in reverse_side.content.decode()


def test_staff_words_in_a_language_are_kept_when_it_runs_again(demo_site):
    section = embassy_sections().get(slug="consular-services")
    section.title_vi = "Lãnh sự"
    section.save()
    load_demo()
    section.refresh_from_db()
    assert section.title_vi == "Lãnh sự"
    assert Briefing.objects.count() == 3


def test_the_frame_in_three_languages_and_again_changes_nothing(client, demo_site):
    profile = SiteProfile.objects.get(mission=Mission.home())
    assert profile.site_name_zh_hans == "中华人民共和国大使馆"
    assert profile.address_vi.startswith("46 Hoàng Diệu")
    statements = {
        field: getattr(profile, field).versions()
        for field in ("accessibility_statement", "privacy_notice")
    }
    for versions in statements.values():
        assert sorted(v.language for v in versions) == ["en", "vi", "zh-hans"]
        assert all(v.status == Status.PUBLISHED for v in versions)
        assert all("example" in v.body or "示例" in v.body or "mẫu" in v.body for v in versions)
    assert TopTask.objects.count() == 3
    # The example notice shows staff its shape, not the demo's readers.
    assert SiteNotice.objects.count() == 1 and not SiteNotice.objects.current().exists()
    # Staff's own words stay; a second run adds nothing.
    profile.site_name_vi = "Đại sứ quán"
    profile.save()
    TopTask.objects.first().delete()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    embassy_answers_the_test_client()
    assert SiteProfile.objects.get(mission=Mission.home()).site_name_vi == "Đại sứ quán"
    assert TopTask.objects.count() == 2
    assert Article.objects.filter(section__slug="about-this-site").count() == 6
    assert "Thông báo về quyền riêng tư" in client.get("/vi/").content.decode()


def test_the_seed_has_its_vietnamese_version_paired_by_outlet(client, demo_site):
    english = Briefing.objects.get(language="en")
    vietnamese = Briefing.objects.get(language="vi")
    assert vietnamese.translation_key == english.translation_key
    assert vietnamese.is_published
    assert "(bản dịch minh họa)" in vietnamese.title  # marked as the demo's own translation
    assert vietnamese.spokesperson == english.spokesperson  # Triệu Lập Kiên is Zhao Lijian
    # "Tân Hoa Xã" is Xinhua, "法新社记者" AFP: one outlet per asker, in all three versions.
    outlets = {
        language: list(
            Exchange.objects.filter(briefing__language=language)
            .order_by("position")
            .values_list("outlet", flat=True)
        )
        for language in ["en", "zh-hans", "vi"]
    }
    assert outlets["en"] == outlets["zh-hans"] == outlets["vi"]
    assert Outlet.objects.count() == 6
    assert Exchange.objects.filter(responder__isnull=False).count() == 0
    side = client.get(vietnamese.side_by_side_url("en")).content.decode()
    assert '<html lang="vi"' in side
    assert side.count('<section class="pair"') == 8
    assert "Ở Trung Quốc chưa bao giờ có cái gọi là diệt chủng. Chỉ vậy thôi." in side
    assert "There&#x27;s never ever such thing as genocide in China. Period." in side
    assert "names the outlets in its own language" not in side


def test_the_vietnamese_home_page_shows_the_vietnamese_version(client, demo_site):
    vietnamese = Briefing.objects.get(language="vi")
    page = client.get("/vi/").content.decode()
    assert escape(vietnamese.title) in page
    assert escape(SEED_TITLE) not in page  # the one briefing once, in the reader's language
    assert "Tân Hoa Xã" in client.get(vietnamese.get_absolute_url()).content.decode()
    person = client.get("/vi/spokespeople/zhao-lijian/").content.decode()
    assert "<h1>Triệu Lập Kiên</h1>" in person
    assert "Người phát ngôn Bộ Ngoại giao" in person


def test_the_seed_carries_its_topics_in_every_version(client, demo_site):
    for briefing in Briefing.objects.all():
        assert set(briefing.tags.names()) >= {"Climate change", "Xinjiang", "Hong Kong", "COVID-19"}
        first = briefing.exchanges.get(position=1)
        assert set(first.tags.names()) == {"Climate change", "China-US relations"}
    topic = client.get("/tags/climate-change/")
    assert topic.status_code == 200
    assert "<h1>Subject: Climate change</h1>" in topic.content.decode()
    assert escape(SEED_TITLE) in topic.content.decode()
    feed = client.get(reverse("transcripts:tag-feed-rss", args=["xinjiang"])).content.decode()
    assert SEED_TITLE in feed
    sitemap = client.get("/sitemap-tags.xml")
    assert sitemap.status_code == 200
    assert "/tags/hong-kong/" in sitemap.content.decode()
