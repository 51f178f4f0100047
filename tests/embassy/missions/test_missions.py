"""One installation, several missions: each answered by its host, each showing its own rows and
the ministry's briefings, each invalidated alone."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client

from embassy.founding.founding import found_mission
from embassy.missions.models import Mission, MissionHost
from embassy.pages.publishing import Status
from embassy.siteinfo.models import SiteProfile
from sections.models import Article, Section
from tests import factories
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

EMBASSY, CONSULATE, ALIAS = "embassy.example", "hcmc.example", "www.embassy.example"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [EMBASSY, CONSULATE, ALIAS, "nowhere.example", "testserver"]


@pytest.fixture
def missions():
    """The home mission at embassy.example (and an alias), a consulate at hcmc.example with a
    section of its own, and one ministry briefing that both carry."""
    home = Mission.home()
    MissionHost.objects.create(mission=home, host=EMBASSY, is_canonical=True)
    MissionHost.objects.create(mission=home, host=ALIAS)
    SiteProfile.objects.create(mission=home, site_name="Embassy in Hanoi")
    factories.make_section("Science & Tech", slug="science-tech")
    factories.remarks_section()
    consulate = found_mission(
        host=CONSULATE,
        name="Consulate-General in Ho Chi Minh City",
        languages=["vi", "en"],
        default_language="vi",
        slug="hcmc",
        menu=["spokespersons-remarks"],
    ).mission
    Section.objects.create(mission=consulate, title="Visas in the south", slug="visas-south")
    return home, consulate


def on(host):
    return Client(HTTP_HOST=host)


def test_each_host_is_answered_by_its_mission(missions):
    embassy_home = on(EMBASSY).get("/").content.decode()
    consulate_home = on(CONSULATE).get("/vi/").content.decode()
    assert "Embassy in Hanoi" in embassy_home and "Ho Chi Minh City" not in embassy_home
    assert "Consulate-General in Ho Chi Minh City" in consulate_home
    assert "Embassy in Hanoi" not in consulate_home
    # Each menu is the mission's own.
    assert "Science &amp; Tech" in embassy_home and "Visas in the south" not in embassy_home
    assert "Visas in the south" in consulate_home and "Science &amp; Tech" not in consulate_home


def test_another_missions_page_is_not_found(missions):
    assert on(CONSULATE).get("/sections/science-tech/").status_code == 404
    assert on(EMBASSY).get("/sections/visas-south/").status_code == 404
    assert on(CONSULATE).get("/sections/visas-south/").status_code == 200


def test_an_unknown_host_gets_a_page_of_its_own(missions):
    response = on("nowhere.example").get("/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "No site at this address" in body and "nowhere.example" in body
    assert "Embassy in Hanoi" not in body and "Consulate" not in body


def test_another_host_name_redirects_to_the_canonical_one(missions):
    response = on(ALIAS).get("/sections/science-tech/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"http://{EMBASSY}/sections/science-tech/?page=2"


def test_a_mission_opens_in_its_own_language_and_offers_only_its_languages(missions):
    response = on(CONSULATE).get("/")
    assert response.status_code == 302 and response["Location"] == "/vi/"
    assert on(CONSULATE).get("/vi/").status_code == 200
    not_offered = on(CONSULATE).get("/zh-hans/")
    assert not_offered.status_code == 404
    assert "not offered in the language" in not_offered.content.decode()


def test_one_mission_answers_every_allowed_host():
    assert Mission.objects.count() == 1
    assert Client(HTTP_HOST="testserver").get("/").status_code == 200


def test_a_ministry_briefing_is_one_row_shown_on_both_with_one_canonical_address(missions):
    briefing = factories.make_briefing(1, title="Regular Press Conference on 1 March")
    path = briefing.get_absolute_url()
    embassy_page = on(EMBASSY).get(path).content.decode()
    consulate_page = on(CONSULATE).get(path).content.decode()
    canonical = f'<link rel="canonical" href="http://{EMBASSY}{path}">'
    for page in (embassy_page, consulate_page):
        assert "Regular Press Conference on 1 March" in page
        assert "Question 1 of briefing 1?" in page
        assert canonical in page
    assert Briefing.objects.count() == 1


def test_a_mission_can_leave_a_ministry_briefing_out(missions):
    _home, consulate = missions
    briefing = factories.make_briefing(1)
    briefing.left_out_by.add(consulate)
    assert on(CONSULATE).get(briefing.get_absolute_url()).status_code == 404
    assert on(EMBASSY).get(briefing.get_absolute_url()).status_code == 200
    archive = on(CONSULATE).get("/briefings/").content.decode()
    assert briefing.title not in archive


def test_a_missions_own_briefing_is_shown_on_it_alone(missions):
    _home, consulate = missions
    own = factories.make_briefing(2, title="The consul general meets the press", mission=consulate)
    assert on(CONSULATE).get(own.get_absolute_url()).status_code == 200
    assert on(EMBASSY).get(own.get_absolute_url()).status_code == 404
    assert own.title not in on(EMBASSY).get("/briefings/").content.decode()
    assert own.title in on(CONSULATE).get("/briefings/").content.decode()


def test_search_feeds_sitemaps_and_the_api_are_each_missions_own(missions):
    _home, consulate = missions
    factories.make_briefing(1, title="The ministry's briefing")
    factories.make_briefing(
        2, title="The consulate's own briefing", mission=consulate, slug="consulate-own"
    )
    for host, prefix, shown, hidden in [
        (EMBASSY, "", "The ministry's briefing", "The consulate's own briefing"),
        (CONSULATE, "", "The consulate's own briefing", "Nothing hidden"),
    ]:
        client = on(host)
        feed = client.get(f"{prefix}/feeds/briefings/rss/").content.decode()
        sitemap = client.get("/sitemap-briefings.xml").content.decode()
        search = client.get(f"{prefix}/search/", {"q": "Question", "kind": "briefings"})
        api = json.loads(client.get("/api/v1/briefings").content)
        titles = [item["title"] for item in api["results"]]
        assert shown in feed and hidden not in feed
        assert shown in titles and hidden not in titles
        assert hidden not in search.content.decode()
        assert "consulate-own" in sitemap if host == CONSULATE else "consulate-own" not in sitemap
    sections = json.loads(on(CONSULATE).get("/api/v1/sections").content)
    assert {item["title"] for item in sections["results"]} >= {"Visas in the south"}
    assert "Science & Tech" not in {item["title"] for item in sections["results"]}


def test_an_edit_of_one_missions_article_leaves_the_others_pages_stored(missions, rendered):
    home, consulate = missions
    consulate_section = Section.objects.get(mission=consulate, slug="visas-south")
    article = Article.objects.create(
        section=consulate_section, title="Visa hours", slug="visa-hours", status=Status.PUBLISHED
    )
    briefing = factories.make_briefing(1)
    embassy, consulate_reader = on(EMBASSY), on(CONSULATE)
    for client, path in [(embassy, "/"), (embassy, briefing.get_absolute_url())]:
        assert rendered(client.get(path))
        assert not rendered(client.get(path))
    consulate_reader.get("/vi/")
    article.title = "Visa hours in December"
    article.save()
    assert not rendered(embassy.get("/")), "the embassy's home was rendered again"
    assert not rendered(embassy.get(briefing.get_absolute_url()))
    assert (
        "Visa hours in December" in consulate_reader.get("/sections/visas-south/").content.decode()
    )
    # A ministry briefing's edit reaches every mission that carries it.
    briefing.title = "Renamed by the ministry"
    briefing.save()
    assert "Renamed by the ministry" in embassy.get(briefing.get_absolute_url()).content.decode()
    assert (
        "Renamed by the ministry"
        in consulate_reader.get(briefing.get_absolute_url()).content.decode()
    )


def test_add_mission_makes_a_mission_with_its_menu(missions):
    out = io.StringIO()
    call_command(
        "add_mission",
        "--host=danang.example",
        "--name=Consulate-General in Da Nang",
        "--languages=vi,zh-hans,en",
        stdout=out,
    )
    mission = Mission.objects.get(slug="danang")
    assert mission.default_language == "vi" and mission.language_list == ["vi", "zh-hans", "en"]
    assert mission.hosts.get().host == "danang.example"
    assert SiteProfile.objects.get(mission=mission).site_name_vi == "Consulate-General in Da Nang"
    home_menu = set(Section.objects.filter(mission=Mission.home()).values_list("slug", flat=True))
    assert set(mission.sections.values_list("slug", flat=True)) == home_menu
    assert "Add danang.example to ALLOWED_HOSTS" in out.getvalue()


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--host", CONSULATE, "--name", "Again", "--languages", "vi"], "Already the host name"),
        (["--host", "x.example", "--name", "X", "--languages", "vi,tlh"], "Not a language"),
    ],
)
def test_add_mission_refuses_what_it_cannot_do(missions, arguments, message):
    before = Mission.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("add_mission", *arguments, stdout=io.StringIO())
    assert Mission.objects.count() == before


def test_alerts_follow_what_each_mission_shows_with_its_addresses(missions):
    from embassy.alerts.mail import alert_message
    from embassy.alerts.matching import concerned
    from embassy.alerts.models import Kind, Subscription

    home, consulate = missions
    at_embassy = Subscription.objects.create(
        mission=home, email="a@example.org", kind=Kind.BRIEFINGS, language="en"
    )
    at_consulate = Subscription.objects.create(
        mission=consulate, email="b@example.org", kind=Kind.BRIEFINGS, language="en"
    )
    ministry = factories.make_briefing(1)
    own = factories.make_briefing(2, mission=consulate, slug="consulate-own")
    assert {s for s, _ in concerned(ministry)} == {at_embassy, at_consulate}
    assert {s for s, _ in concerned(own)} == {at_consulate}
    ministry.left_out_by.add(consulate)
    assert {s for s, _ in concerned(ministry)} == {at_embassy}
    body = alert_message(at_consulate, [(own, [])]).body
    assert f"://{CONSULATE}{own.get_absolute_url()}" in body
    assert EMBASSY not in body


def test_a_missions_own_translation_of_a_ministry_briefing_is_listed_on_it_alone(missions):
    _home, consulate = missions
    ministry = factories.make_briefing(1, title="The ministry's English")
    own = factories.make_briefing(
        2,
        title="Bản dịch của tổng lãnh sự quán",
        slug="ban-dich",
        language="vi",
        translation_key=ministry.translation_key,
        mission=consulate,
    )
    on_consulate = on(CONSULATE).get(ministry.get_absolute_url()).content.decode()
    on_embassy = on(EMBASSY).get(ministry.get_absolute_url()).content.decode()
    assert own.get_absolute_url() in on_consulate
    assert own.get_absolute_url() not in on_embassy


def test_a_missions_own_translation_stands_in_for_the_ministrys_in_that_language(missions):
    _home, consulate = missions
    ministry = factories.make_briefing(1, title="The ministry's English")
    key = {"translation_key": ministry.translation_key}
    ministry_vi = factories.make_briefing(
        1, title="Bản của Bộ", slug="ban-cua-bo", language="vi", **key
    )
    own = factories.make_briefing(
        1,
        title="Bản của Tổng lãnh sự quán",
        slug="ban-cua-tlsq",
        language="vi",
        mission=consulate,
        status=Status.DRAFT,
        **key,
    )
    # A draft stands in for nothing: the consulate still shows the ministry's Vietnamese.
    assert on(CONSULATE).get(ministry_vi.get_absolute_url()).status_code == 200

    own.status = Status.PUBLISHED
    own.save()
    on_consulate = on(CONSULATE).get(ministry.get_absolute_url()).content.decode()
    assert own.get_absolute_url() in on_consulate
    assert ministry_vi.get_absolute_url() not in on_consulate
    assert on(CONSULATE).get(ministry_vi.get_absolute_url()).status_code == 404
    consulate_home = on(CONSULATE).get("/vi/").content.decode()
    assert "Bản của Tổng lãnh sự quán" in consulate_home and "Bản của Bộ" not in consulate_home
    # The embassy keeps the ministry's, and knows nothing of the consulate's.
    on_embassy = on(EMBASSY).get(ministry.get_absolute_url()).content.decode()
    assert ministry_vi.get_absolute_url() in on_embassy
    assert own.get_absolute_url() not in on_embassy
    assert on(EMBASSY).get(own.get_absolute_url()).status_code == 404
    # The API says the same on each host.
    for host, shown, hidden in ((CONSULATE, own, ministry_vi), (EMBASSY, ministry_vi, own)):
        detail = json.loads(on(host).get(f"/api/v1/briefings/{ministry.pk}").content)
        assert [t["id"] for t in detail["translations"]] == [shown.pk], host
        listed = json.loads(on(host).get("/api/v1/briefings").content)["results"]
        assert {row["id"] for row in listed} == {ministry.pk, shown.pk}, host
        assert hidden.pk not in {t["id"] for row in listed for t in row["translations"]}


def test_one_version_a_language_for_each_owner(missions):
    _home, consulate = missions
    ministry = factories.make_briefing(1)
    key = {"translation_key": ministry.translation_key, "language": "vi"}
    factories.make_briefing(2, slug="ministry-vi", **key)
    factories.make_briefing(3, slug="consulate-vi", mission=consulate, **key)
    for n, mission in ((4, None), (5, consulate)):
        with pytest.raises(IntegrityError), transaction.atomic():
            factories.make_briefing(n, slug=f"again-{n}", mission=mission, **key)


def test_a_briefings_pager_links_only_to_what_the_mission_shows(missions):
    home, consulate = missions
    ministry = factories.make_briefing(1, title="The ministry's own")
    embassy_own = factories.make_briefing(
        2,
        title="The ambassador's press conference",
        slug="ambassador",
        mission=home,
        held_at=factories.seed_time(days=-1),
    )
    on_embassy = on(EMBASSY).get(ministry.get_absolute_url()).content.decode()
    on_consulate = on(CONSULATE).get(ministry.get_absolute_url()).content.decode()
    assert embassy_own.get_absolute_url() in on_embassy
    assert embassy_own.get_absolute_url() not in on_consulate
    assert "ambassador" not in on_consulate


def test_with_hosts_from_the_missions_only_their_hosts_are_served(settings):
    """ALLOWED_HOSTS_FROM_MISSIONS: the missions' host names are the allowed hosts, looked up
    once a request instead of Django's scan of ALLOWED_HOSTS; any other host is unknown, even
    on an installation of one mission."""
    settings.ALLOWED_HOSTS_FROM_MISSIONS, settings.ALLOWED_HOSTS = True, ["*"]
    home = Mission.home()
    MissionHost.objects.create(mission=home, host=EMBASSY, is_canonical=True)
    SiteProfile.objects.create(mission=home, site_name="Embassy in Hanoi")
    assert "Embassy in Hanoi" in on(EMBASSY).get("/").content.decode()
    for stranger in ("attacker.example", "testserver"):
        response = on(stranger).get("/")
        assert response.status_code == 404, stranger
        assert "No site at this address" in response.content.decode()
        assert "Embassy in Hanoi" not in response.content.decode()
    assert on("10.0.0.7").get("/healthz").status_code == 200


def test_the_system_check_warns_when_hosts_come_from_missions_that_have_none(settings):
    settings.ALLOWED_HOSTS_FROM_MISSIONS, settings.ALLOWED_HOSTS = True, ["*"]
    Mission.home()
    out = io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=out)
    assert "missions.W002" in out.getvalue()


def test_the_system_check_warns_of_a_mission_host_allowed_hosts_refuses(missions, settings):
    settings.ALLOWED_HOSTS = [EMBASSY]
    out = io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=out)
    assert "missions.W001" in out.getvalue() and CONSULATE in out.getvalue()
    assert f"'{EMBASSY}'" not in out.getvalue()
