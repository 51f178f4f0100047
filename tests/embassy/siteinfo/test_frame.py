"""The frame in every language: the embassy's name, seal text, address and office hours written
per language in the admin; the statements every footer links; the home page's services; the
notice every page shows while it is current."""

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from embassy.pages import schedule
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteNotice, SiteProfile, TopTask
from embassy.siteinfo.statements import statements_of
from tests import factories

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def part(page, start, end):
    return page[page.index(start) : page.index(end, page.index(start))]


@pytest.fixture
def profile():
    profile = SiteProfile(
        site_name_en="Embassy of Example",
        site_name_vi="Đại sứ quán Ví dụ",
        address_en="1 Example Street\nHanoi",
        address_vi="1 Phố Ví Dụ\nHà Nội",
        office_hours_en="Monday to Friday",
        seal_text_vi="Quốc huy",
    )
    profile.save()
    return profile


def test_the_frame_is_in_the_page_language_with_the_english_where_one_is_blank(client, profile):
    page = html(client.get("/vi/contact/"))
    assert re.search(r"<title>[^<]* · Đại sứ quán Ví dụ</title>", page)
    assert 'data-print-site="Đại sứ quán Ví dụ"' in page  # the printed sheets' running header
    header = part(page, '<header class="site-header">', "</header>")
    assert "Đại sứ quán Ví dụ</a>" in header and "Embassy of Example" not in header
    footer = part(page, '<footer class="site-footer">', "</footer>")
    assert "1 Phố Ví Dụ, Hà Nội" in footer and "1 Example Street" not in footer
    assert "Đại sứ quán Ví dụ" in footer
    # Office hours written in English only: the English, rather than nothing.
    assert "Monday to Friday" in footer
    # The letterhead printed on paper.
    letterhead = part(page, '<header class="print-header', "</header>")
    assert '<p class="print-site">Đại sứ quán Ví dụ</p>' in letterhead
    # The seal's words, for the image of a shared link.
    assert '<meta property="og:image:alt" content="Quốc huy">' in page
    # No Chinese name written: the English one.
    page = html(client.get("/zh-hans/contact/"))
    assert re.search(r"<title>[^<]* · Embassy of Example</title>", page)


def test_without_a_name_written_the_setting_names_the_site(client, settings):
    SiteProfile().save()
    settings.SITE_NAME = "Embassy of the Setting"
    page = html(client.get("/vi/"))
    assert "Embassy of the Setting</a>" in page


def test_the_print_version_has_the_name_in_the_page_language(client, profile):
    article = factories.make_article(1, language="vi", slug="trang")
    page = html(client.get(article.get_absolute_url() + "print/"))
    assert "· Đại sứ quán Ví dụ</title>" in page
    assert '<p class="print-site">Đại sứ quán Ví dụ</p>' in page


def test_staff_write_the_frame_in_each_language_in_the_admin(admin_client, client):
    form = html(admin_client.get("/admin/siteinfo/siteprofile/add/"))
    for column in ("site_name_en", "site_name_zh_hans", "site_name_vi", "address_vi"):
        assert f'name="{column}"' in form
    response = admin_client.post(
        "/admin/siteinfo/siteprofile/add/",
        {
            "site_name_en": "Embassy",
            "site_name_zh_hans": "大使馆",
            "site_name_vi": "",
            "address_zh_hans": "河内",
            "telephone": "",
            "email": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "大使馆</a>" in html(client.get("/zh-hans/"))
    assert "Embassy</a>" in html(client.get("/vi/"))


def publish_statement(slug, versions, section):
    key = uuid.uuid4()
    return {
        code: factories.make_article(
            n, section=section, slug=slug, title=title, language=code, translation_key=key
        )
        for n, (code, title) in enumerate(versions.items(), start=len(slug) * 10)
    }


@pytest.fixture
def statements(profile):
    section = factories.make_section("About this site", show_in_menu=False)
    accessibility = publish_statement(
        "accessibility", {"en": "Accessibility statement", "vi": "Khả năng tiếp cận"}, section
    )
    privacy = publish_statement("privacy", {"en": "Privacy notice"}, section)
    profile.accessibility_statement = accessibility["en"]
    profile.privacy_notice = privacy["en"]
    profile.save()
    return accessibility, privacy


def test_every_footer_links_the_statements_in_the_readers_language(client, statements):
    accessibility, privacy = statements
    footer = part(html(client.get("/vi/")), '<footer class="site-footer">', "</footer>")
    # The Vietnamese version where there is one; the English one, marked, where there is not.
    assert (
        f'<li><a href="{accessibility["vi"].get_absolute_url()}">'
        "Tuyên bố về khả năng tiếp cận</a></li>"
    ) in footer
    assert (
        f'<li><a href="{privacy["en"].get_absolute_url()}" hreflang="en">'
        "Thông báo về quyền riêng tư</a></li>"
    ) in footer
    footer = part(html(client.get("/contact/")), '<footer class="site-footer">', "</footer>")
    assert f'<a href="{accessibility["en"].get_absolute_url()}">Accessibility statement' in footer


def test_a_statement_not_public_is_not_linked(client, statements):
    accessibility, privacy = statements
    accessibility["vi"].status = Status.DRAFT
    accessibility["vi"].save()
    privacy["en"].status = Status.DRAFT
    privacy["en"].save()
    footer = part(html(client.get("/vi/")), '<footer class="site-footer">', "</footer>")
    # The English version instead of the Vietnamese draft; no privacy notice at all.
    assert f'href="{accessibility["en"].get_absolute_url()}" hreflang="en"' in footer
    assert "Thông báo về quyền riêng tư" not in footer


def test_a_renamed_statement_is_linked_at_its_new_address(client, statements):
    accessibility, _privacy = statements
    client.get("/")
    accessibility["en"].slug = "access"
    accessibility["en"].save()
    assert "/sections/about-this-site/access/" in html(client.get("/"))


def test_statements_of_takes_one_query(statements, django_assert_num_queries):
    profile = SiteProfile.objects.get()
    with django_assert_num_queries(1):
        found = statements_of(profile, "vi")
    assert {field: article.language for field, article in found.items()} == {
        "accessibility_statement": "vi",
        "privacy_notice": "en",
    }


def test_the_forms_that_ask_for_an_address_link_the_privacy_notice(client, statements):
    _accessibility, privacy = statements
    link = f'<p class="privacy-link"><a href="{privacy["en"].get_absolute_url()}"'
    briefing = factories.make_briefing(1)
    assert link in html(client.get(briefing.get_absolute_url() + "suggest/"))
    assert link in html(client.get("/alerts/subscribe/"))
    assert "What we keep of your address, and how to have it removed" in html(
        client.get("/alerts/subscribe/")
    )


def test_without_a_privacy_notice_the_forms_say_nothing_of_one(client):
    assert "privacy-link" not in html(client.get("/alerts/subscribe/"))


def test_the_home_page_offers_the_services_in_staff_order_in_each_language(client):
    TopTask.objects.create(
        position=2, title_en="Emergency help", title_vi="Trợ giúp khẩn cấp", link_en="/contact/"
    )
    TopTask.objects.create(
        position=1,
        title_en="Apply for a visa",
        title_vi="Xin thị thực",
        description_en="Documents and fees",
        link_en="/sections/consular-services/",
        link_vi="/vi/sections/consular-services/",
    )
    block = part(html(client.get("/vi/")), '<section class="home-block home-tasks"', "</section>")
    assert '<h2 id="home-tasks">Chúng tôi có thể giúp gì cho bạn?</h2>' in block
    assert re.findall(r'<a href="([^"]+)"><span class="task-title">([^<]+)</span>', block) == [
        ("/vi/sections/consular-services/", "Xin thị thực"),
        ("/contact/", "Trợ giúp khẩn cấp"),  # no Vietnamese link: the English one
    ]
    assert "Documents and fees" in block  # no Vietnamese description: the English one


def test_without_services_the_home_page_has_no_empty_block(client):
    assert "home-tasks" not in html(client.get("/"))


def test_a_service_link_is_an_address_on_the_site_or_a_web_address(admin_client):
    response = admin_client.post(
        "/admin/siteinfo/toptask/add/",
        {"title_en": "Visas", "link_en": "javascript:alert(1)", "position": 1},
    )
    assert response.status_code == 200
    assert "Give an address on this site, starting with &quot;/&quot;" in response.content.decode()
    assert not TopTask.objects.exists()
    response = admin_client.post(
        "/admin/siteinfo/toptask/add/",
        {"title_en": "Visas", "link_en": "https://visa.example/", "position": 1},
    )
    assert response.status_code == 302
    assert TopTask.objects.get().link == "https://visa.example/"


def notice(start_hours, end_hours, **fields):
    now = timezone.now()
    fields.setdefault("message_en", "The consular section is closed on 2 September.")
    return SiteNotice.objects.create(
        starts_at=now + datetime.timedelta(hours=start_hours),
        ends_at=now + datetime.timedelta(hours=end_hours),
        **fields,
    )


def notice_of(page):
    found = re.search(r'<section class="site-notice".*?</section>', page, re.S)
    return found.group(0) if found else None


def test_a_current_notice_is_on_every_page_as_a_region_with_its_heading(client):
    notice(-1, 24, message_vi="Phòng Lãnh sự nghỉ ngày 2 tháng 9.", link_en="/contact/")
    for url in ("/", "/contact/", "/briefings/", "/search/"):
        shown = notice_of(html(client.get(url)))
        assert shown is not None, url
        assert 'aria-labelledby="site-notice-heading"' in shown
        assert '<h2 id="site-notice-heading" class="site-notice-heading">Notice</h2>' in shown
        assert "The consular section is closed on 2 September." in shown
        assert '<a href="/contact/">Read more' in shown
    shown = notice_of(html(client.get("/vi/")))
    assert "Thông báo</h2>" in shown and "Phòng Lãnh sự nghỉ ngày 2 tháng 9." in shown


def test_a_notice_shows_only_between_its_start_and_end_and_never_as_a_draft(client):
    notice(1, 24, message_en="Not yet")
    notice(-24, -1, message_en="Over")
    notice(-1, 24, message_en="A draft", status=Status.DRAFT)
    assert notice_of(html(client.get("/"))) is None


def test_no_stored_page_outlives_a_notices_start_or_end(settings):
    """The page cache keeps no page past the next change of what the public sees: a notice's
    start and end are such changes (its queryset is a PublishableQuerySet)."""
    assert SiteNotice in set(schedule.scheduled_models())
    starting = notice(2, 24)
    assert schedule.next_change() == starting.starts_at.timestamp()
    ending = notice(-1, 1)
    assert schedule.next_change() == ending.ends_at.timestamp()


def test_a_notice_must_end_after_it_starts(admin_client):
    response = admin_client.post(
        "/admin/siteinfo/sitenotice/add/",
        {
            "message_en": "Closed",
            "status": Status.PUBLISHED,
            "starts_at_0": "2026-09-02",
            "starts_at_1": "09:00",
            "ends_at_0": "2026-09-01",
            "ends_at_1": "09:00",
        },
    )
    assert response.status_code == 200
    assert "The notice must end after it starts." in response.content.decode()
    assert not SiteNotice.objects.exists()


def test_staff_write_a_notice_in_each_language(admin_client):
    form = html(admin_client.get("/admin/siteinfo/sitenotice/add/"))
    for column in ("message_en", "message_zh_hans", "message_vi", "link_vi"):
        assert f'name="{column}"' in form
