"""The frame at 390 px in each language, in headless Chromium: under /zh-hans/ and /vi/ the
header, the browser's title and the footer hold no English; the home page's services and a
current notice, the statements and the forms' privacy link, with axe finding nothing."""

import datetime
import re

import pytest
from django.utils import timezone

from embassy.siteinfo.models import SiteNotice, SiteProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the English frame says, word for word: none of it may show in another language's frame.
ENGLISH_FRAME = [
    "Embassy",
    "Republic",
    "Skip to main content",
    "Search",
    "Menu",
    "Home",
    "Briefings archive",
    "feed",
    "Contact",
    "Telephone",
    "Consular",
    "emergency",
    "Office hours",
    "Monday",
    "Street",
    "District",
    "Accessibility",
    "Privacy",
    "Notice",
    "Read more",
    "Closed",
    "holidays",
]
# In the language switcher each language keeps its own name.
OWN_NAMES = ["English", "中文", "Tiếng Việt"]

FRAME_TEXT = """() => {
  const text = (selector) => [...document.querySelectorAll(selector)]
    .map((element) => element.innerText).join(' ');
  return {
    title: document.title,
    header: text('.site-header') + ' ' + text('.skip-link') + ' ' + text('.menu-button'),
    notice: text('.site-notice'),
    footer: text('.site-footer'),
  };
}"""


@pytest.fixture
def frame_site(demo_site):
    now = timezone.now()
    SiteNotice.objects.create(
        message_en="The consular section is closed on 2 September.",
        message_zh_hans="9月2日领事部暂停对外办公。",
        message_vi="Phòng Lãnh sự nghỉ ngày 2 tháng 9.",
        link_en="/contact/",
        link_zh_hans="/zh-hans/contact/",
        link_vi="/vi/contact/",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    return SiteProfile.objects.get(mission__slug="embassy")


def phone(browser):
    return browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)


@pytest.mark.parametrize("language", ["zh-hans", "vi"])
def test_no_english_in_the_frame(browser, live_server, frame_site, language, assert_accessible):
    context = phone(browser)
    page = context.new_page()
    for path in ("/", "/contact/", "/briefings/", "/search/?q=climate"):
        page.goto(f"{live_server.url}/{language}{path}")
        shown = page.evaluate(FRAME_TEXT)
        for part, text in shown.items():
            for name in OWN_NAMES:
                text = text.replace(name, "")
            text = re.sub(r"\S+@\S+", "", text)  # an email address is no language
            english = [words for words in ENGLISH_FRAME if words.lower() in text.lower()]
            assert not english, f"{language}{path}, {part}: {english} in {text!r}"
        assert shown["notice"], "the notice shows"
    # The home page's services and the notice, in the page's language, accessible.
    page.goto(f"{live_server.url}/{language}/")
    services = page.get_by_role("region", name=re.compile("我们能为您做什么|Chúng tôi"))
    assert services.get_by_role("link").count() == 3
    assert page.get_by_role("region", name=re.compile("^(通知|Thông báo)$")).is_visible()
    assert_accessible(page)
    context.close()


def test_the_statements_and_the_privacy_link_in_every_language(
    browser, live_server, frame_site, assert_accessible
):
    context = phone(browser)
    page = context.new_page()
    for language, accessibility, privacy in [
        ("", "Accessibility statement", "Privacy notice"),
        ("/zh-hans", "无障碍声明", "隐私声明"),
        ("/vi", "Tuyên bố về khả năng tiếp cận", "Thông báo về quyền riêng tư"),
    ]:
        page.goto(f"{live_server.url}{language}/")
        footer = page.locator(".site-footer")
        footer.get_by_role("link", name=accessibility).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == accessibility
        assert_accessible(page)
        page.locator(".site-footer").get_by_role("link", name=privacy).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == privacy
        assert "48" in page.locator("main").inner_text()  # how long an unconfirmed link lasts
        assert_accessible(page)
    # The forms that ask for an address link it beside the address.
    page.goto(f"{live_server.url}/vi/alerts/subscribe/")
    link = page.get_by_role("link", name="Chúng tôi lưu gì về địa chỉ của bạn và cách yêu cầu xóa")
    assert (
        link.get_attribute("href")
        == frame_site.privacy_notice.versions().get(language="vi").get_absolute_url()
    )
    assert_accessible(page)
    context.close()
