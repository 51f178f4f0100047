"""Add mission in the admin: the ministry's administrators found a mission as add_mission
does (hosts, a profile named in its languages, the menu copied); a taken host is refused."""

import pytest

from embassy.missions.models import Mission, MissionHost, StaffMember
from embassy.siteinfo.models import SiteProfile
from sections.models import Section
from tests import factories

pytestmark = pytest.mark.django_db

ADD = "/admin/missions/mission/add/"


@pytest.fixture
def home_menu(db):
    home = Mission.home()
    # The admin's own host: with two missions, a host no mission answers is a 404.
    MissionHost.objects.create(mission=home, host="testserver", is_canonical=True)
    factories.make_section("Consular Services", mission=home)
    factories.make_section("About Us", mission=home)
    return home


def test_add_mission_founds_one_with_hosts_profile_and_menu(admin_client, home_menu):
    page = admin_client.get(ADD).content.decode()
    assert 'name="host"' in page and 'name="languages"' in page
    response = admin_client.post(
        ADD,
        {
            "host": "HCMC.example.gov",
            "aliases": "hcmc-old.example.gov",
            "name": "Consulate-General in Ho Chi Minh City",
            "languages": ["vi", "en"],
            "kind": "consulate",
        },
    )
    mission = Mission.objects.get(slug="hcmc")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/missions/mission/{mission.pk}/change/"
    assert mission.default_language == "vi" and mission.language_list == ["vi", "en"]
    hosts = dict(mission.hosts.values_list("host", "is_canonical"))
    assert hosts == {"hcmc.example.gov": True, "hcmc-old.example.gov": False}
    profile = SiteProfile.objects.get(mission=mission)
    assert profile.site_name_vi == "Consulate-General in Ho Chi Minh City"
    assert set(Section.objects.shown_on(mission).values_list("title", flat=True)) == {
        "Consular Services",
        "About Us",
    }
    # Its page in the admin: its hosts, and its staff to add.
    page = admin_client.get(response["Location"]).content.decode()
    assert "hcmc-old.example.gov" in page


def test_a_taken_host_is_refused_on_the_form(admin_client, home_menu):
    MissionHost.objects.create(mission=home_menu, host="taken.example.gov")
    response = admin_client.post(
        ADD, {"host": "taken.example.gov", "name": "Again", "languages": ["en"], "kind": "embassy"}
    )
    assert response.status_code == 400
    assert "Already the host name of a mission: taken.example.gov." in response.content.decode()
    assert Mission.objects.count() == 1


def test_a_mission_s_staff_do_not_see_the_missions(client, role_user, home_menu):
    user = role_user("Publisher")
    StaffMember.objects.create(user=user, mission=home_menu)
    user.is_superuser = False
    client.force_login(user)
    assert client.get("/admin/missions/mission/").status_code == 403
    assert client.get(ADD).status_code == 403


def test_each_row_s_inputs_are_named_by_their_column(admin_client, home_menu):
    page = admin_client.get(f"/admin/missions/mission/{home_menu.pk}/change/").content.decode()
    row = page.split('id="hosts-0"', 1)[1].split("</tr>", 1)[0]
    assert 'aria-label="Host name"' in row
    assert 'aria-label="Delete"' in row
    assert 'aria-label="Canonical"' in row
