"""The Missions list, "Add mission" and a mission's page in Chromium, at 1280 and 390 px: axe
finds nothing wrong, on the empty form, on the form refused with its errors, and on the page of
a mission with its host names and staff (each row's inputs named by their column)."""

import pytest

from embassy.missions.models import Mission, MissionHost, StaffMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def two_missions(db):
    home = Mission.home()
    # The live server's host: with two missions, a host no mission answers is a 404.
    MissionHost.objects.create(mission=home, host="localhost", is_canonical=True)
    consulate = Mission.objects.create(
        slug="hcmc", kind="consulate", languages="vi,en", default_language="vi"
    )
    MissionHost.objects.create(mission=consulate, host="hcmc.localhost", is_canonical=True)
    return home, consulate


@pytest.mark.parametrize("width", [1280, 390])
def test_the_missions_and_add_mission_pages_are_accessible(
    browser, live_server, django_user_model, two_missions, assert_accessible, width
):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/missions/mission/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#result_list")
    assert page.locator("#result_list", has_text="hcmc.localhost").is_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/admin/missions/mission/add/")
    page.wait_for_selector("#id_host")
    assert_accessible(page)
    # Refused: no name, no language; the errors read as accessibly as the form.
    page.fill("#id_host", "hcmc.localhost")
    page.click("input[type=submit]")
    page.wait_for_selector(".errornote")
    assert_accessible(page)

    _home, consulate = two_missions
    officer = django_user_model.objects.create_user("lan", "lan@example.org", is_staff=True)
    StaffMember.objects.create(user=officer, mission=consulate)
    page.goto(f"{live_server.url}/admin/missions/mission/{consulate.pk}/change/")
    host = page.get_by_role("textbox", name="host name").first
    assert host.input_value() == "hcmc.localhost"
    assert_accessible(page)
    # No wider than the phone: the inline tables scroll within their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
