"""The demo's two missions as a reader sees them in Chromium: the embassy at localhost and the
consulate-general at hcmc.localhost (Chromium takes every *.localhost name to this machine),
each with its own name and menu, both carrying the seed briefing; axe finds nothing on either,
at a desk's width and a phone's."""

import pytest

from embassy.demo import examples
from transcripts.models import Briefing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMBASSY_NAME = "Embassy of the People's Republic of China"


@pytest.fixture
def hosts(live_server, demo_site, settings):
    settings.ALLOWED_HOSTS = [".localhost", "127.0.0.1"]
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://localhost:{port}", f"http://hcmc.localhost:{port}"


def text_of(page):
    return page.inner_text("body")


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_each_mission_answers_by_its_host_name(page, hosts, width, assert_accessible):
    embassy, consulate = hosts
    page.set_viewport_size({"width": width, "height": 900})
    seed = Briefing.objects.get(language="en")

    # The consulate opens in Vietnamese, its default language, under its own name.
    response = page.goto(consulate + "/")
    assert response.ok and page.url == consulate + "/vi/"
    assert page.get_attribute("html", "lang") == "vi"
    home = text_of(page)
    assert examples.CONSULATE_NAMES["site_name_vi"] in home
    assert "Đại sứ quán" not in page.inner_text("header")
    # Its shorter menu: consular services, the spokesperson's remarks, culture; not the
    # embassy's science pages.
    menu = page.text_content("nav.site-menu")
    assert "Dịch vụ lãnh sự" in menu and "Khoa học" not in menu
    assert fits(page)
    assert_accessible(page)

    # The ministry's seed briefing is on the consulate too, in English, with its canonical
    # address the origin's (the embassy's host), not the consulate's.
    page.goto(consulate + seed.get_absolute_url())
    assert seed.title in page.inner_text("h1")
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert canonical.endswith(seed.get_absolute_url()) and "hcmc." not in canonical
    assert fits(page)
    assert_accessible(page)

    # The embassy is the embassy: its own name and its longer menu.
    page.goto(embassy + "/")
    assert page.get_attribute("html", "lang") == "en"
    assert EMBASSY_NAME in text_of(page)
    assert "Ho Chi Minh City" not in page.inner_text("header")
    assert "Science & Tech" in page.text_content("nav.site-menu")
    assert fits(page)
    assert_accessible(page)


def test_an_unknown_host_is_told_so_in_the_browser(page, hosts, assert_accessible):
    embassy, _consulate = hosts
    nowhere = embassy.replace("//localhost", "//nowhere.localhost")
    response = page.goto(nowhere + "/")
    assert response.status == 404
    assert "No site at this address" in text_of(page)
    assert EMBASSY_NAME not in text_of(page)
    assert_accessible(page)
