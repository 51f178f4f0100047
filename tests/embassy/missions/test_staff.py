"""Staff per mission: an Editor of one mission walks the admin and sees and changes their
mission's content only; another mission's objects answer 404 without a word of them; the
ministry's staff see every mission's."""

import json
import re

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from embassy.core import generation
from embassy.missions.models import Mission, MissionHost, StaffMember
from embassy.pages.publishing import Status
from embassy.review.models import ReviewNote
from embassy.siteinfo.models import SiteNotice, SiteProfile, TopTask
from sections.models import Article, Section
from tests import factories
from tests.html_forms import read_form
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

# Every title of mission B: none of them may show on any page its Editor of A opens.
B_TITLES = ["Bravo Section", "Bravo visa article", "Bravo press conference", "Bravo notice"]
B_TITLES += ["Bravo Consulate", "Bravo service"]


def url(obj, name):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk])


def body(response):
    return response.content.decode()


def assert_no_b(text):
    for title in B_TITLES:
        assert title not in text, title


@pytest.fixture
def two_missions(db):
    """Mission A (the home mission, at the test client's host) and mission B (a consulate),
    each with its own section, article, briefing, profile, notice and service; and a briefing
    of the ministry's, shown on both."""
    a = Mission.home()
    MissionHost.objects.create(mission=a, host="testserver", is_canonical=True)
    b = Mission.objects.create(slug="hcmc", kind="consulate", languages="en", default_language="en")
    MissionHost.objects.create(mission=b, host="hcmc.localhost", is_canonical=True)
    rows = {"a": a, "b": b}
    for key, mission, word in (("a", a, "Alpha"), ("b", b, "Bravo")):
        with reversion.create_revision():
            section = factories.make_section(f"{word} Section", mission=mission)
            article = factories.make_article(
                0, section=section, title=f"{word} visa article", slug=f"{word.lower()}-visa"
            )
        briefing = factories.make_briefing(
            0 if word == "Alpha" else 1,
            title=f"{word} press conference",
            slug=f"{word.lower()}-press-conference",
            mission=mission,
            section=section,
        )
        SiteProfile.objects.update_or_create(
            mission=mission, defaults={"site_name": f"{word} Consulate"}
        )
        SiteNotice.objects.create(
            mission=mission, message=f"{word} notice", ends_at=factories.seed_time(days=30)
        )
        TopTask.objects.create(mission=mission, title=f"{word} service", link="https://x.example")
        rows[key + "_section"], rows[key + "_article"], rows[key + "_briefing"] = (
            section,
            article,
            briefing,
        )
    rows["ministry"] = factories.make_briefing(
        2, title="Ministry press conference", slug="ministry-press-conference"
    )
    return rows


def member_of(user, mission, *more_apps):
    StaffMember.objects.create(user=user, mission=mission)
    if more_apps:
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=more_apps))
    return user


@pytest.fixture
def a_editor(client, role_user, two_missions):
    """An Editor of mission A, who may also keep A's contact details, notices and services."""
    client.force_login(member_of(role_user("Editor"), two_missions["a"], "siteinfo"))
    return client


def test_an_editor_of_a_lists_only_a_s_rows(a_editor):
    for path, mine in [
        ("/admin/sections/section/", "Alpha Section"),
        ("/admin/sections/article/", "Alpha visa article"),
        ("/admin/transcripts/briefing/", "Alpha press conference"),
        ("/admin/siteinfo/sitenotice/", "Alpha notice"),
        ("/admin/siteinfo/toptask/", "Alpha service"),
    ]:
        response = a_editor.get(path)
        assert response.status_code == 200, path
        assert mine in body(response), path
        assert_no_b(body(response))
    # The ministry's briefing is on A too: listed, to read.
    assert "Ministry press conference" in body(a_editor.get("/admin/transcripts/briefing/"))


def test_every_page_of_b_s_objects_is_a_404_without_its_titles(a_editor, two_missions):
    b = two_missions
    objects = [b["b_section"], b["b_article"], b["b_briefing"]]
    objects += [
        SiteNotice.objects.get(mission=b["b"]),
        TopTask.objects.get(mission=b["b"]),
        SiteProfile.objects.get(mission=b["b"]),
    ]
    for obj in objects:
        for name in ("change", "history", "delete"):
            response = a_editor.get(url(obj, name))
            assert response.status_code == 404, (obj, name)
            assert_no_b(body(response))
    for obj in (b["b_article"], b["b_briefing"]):
        response = a_editor.get(url(obj, "compare") + "?new=1")
        assert response.status_code == 404
        assert_no_b(body(response))
    # A POST to change B's article changes nothing.
    response = a_editor.post(url(b["b_article"], "change"), {"title": "Taken over"})
    assert response.status_code == 404
    assert Article.objects.get(pk=b["b_article"].pk).title == "Bravo visa article"


def test_the_ministry_s_briefing_is_read_only_to_a_mission_s_editor(a_editor, two_missions):
    ministry = two_missions["ministry"]
    ministry.status = Status.DRAFT
    ministry.save()
    response = a_editor.get(url(ministry, "change"))
    assert response.status_code == 200
    assert 'name="_save"' not in body(response)
    response = a_editor.post(url(ministry, "change"), {"title": "Changed by a mission"})
    assert response.status_code == 403
    # Nor through the list's actions.
    a_editor.post(
        "/admin/transcripts/briefing/",
        {"action": "submit_for_review", "_selected_action": [ministry.pk]},
    )
    assert Briefing.objects.get(pk=ministry.pk).status == Status.DRAFT


def test_an_article_made_by_a_s_editor_is_a_s(a_editor, two_missions):
    form = body(a_editor.get("/admin/sections/article/add/"))
    assert "Alpha Section" in form
    assert_no_b(form)
    data = read_form(form, lambda f: f.get("id") == "article_form").fields
    data.update(
        {"title": "New Alpha page", "slug": "new-alpha-page", "body": "<p>Text.</p>"},
        status=Status.DRAFT,
    )
    refused = a_editor.post(
        "/admin/sections/article/add/", {**data, "section": two_missions["b_section"].pk}
    )
    assert refused.status_code == 200  # the form again: B's section is not a choice
    assert not Article.objects.filter(slug="new-alpha-page").exists()
    response = a_editor.post(
        "/admin/sections/article/add/", {**data, "section": two_missions["a_section"].pk}
    )
    assert response.status_code == 302, body(response)[:3000]
    assert Article.objects.get(slug="new-alpha-page").section.mission == two_missions["a"]


def test_a_briefing_made_by_a_s_editor_is_a_s_own(a_editor, two_missions):
    form = body(a_editor.get("/admin/transcripts/briefing/add/"))
    assert "Alpha Section" in form
    assert_no_b(form)


def test_the_profile_page_is_a_s_profile(a_editor, two_missions):
    response = a_editor.get("/admin/siteinfo/siteprofile/")
    profile = SiteProfile.objects.get(mission=two_missions["a"])
    assert response["Location"] == url(profile, "change")
    page = body(a_editor.get(response["Location"]))
    assert "Alpha Consulate" in page
    assert_no_b(page)


def test_the_import_page_offers_a_s_sections_only(a_editor, two_missions):
    page = body(a_editor.get("/admin/transcripts/briefing/import/"))
    assert "Alpha Section" in page
    assert_no_b(page)


def test_recent_changes_are_a_s_alone(a_editor, two_missions):
    response = a_editor.get("/admin/history/change/")
    assert response.status_code == 200
    assert "Alpha visa article" in body(response)
    assert_no_b(body(response))


def test_a_s_publisher_decides_on_a_s_content_alone(client, role_user, two_missions):
    client.force_login(member_of(role_user("Publisher"), two_missions["a"]))
    for key in ("a_article", "b_article"):
        Article.objects.filter(pk=two_missions[key].pk).update(status=Status.REVIEW)
    page = body(client.get(reverse("admin:review_waiting")))
    assert "Alpha visa article" in page
    assert_no_b(page)
    b_article = two_missions["b_article"]
    content_type = ContentType.objects.get_for_model(Article)
    response = client.post(
        reverse("admin:review_decide", args=[content_type.pk, b_article.pk]),
        {"decision": "send_back", "comment": "No."},
    )
    assert response.status_code == 404
    assert_no_b(body(response))
    assert not ReviewNote.objects.about(b_article).exists()


def test_the_ministry_s_staff_see_every_mission(client, role_user, two_missions):
    client.force_login(role_user("Publisher"))
    for path, titles in [
        ("/admin/sections/section/", ["Alpha Section", "Bravo Section"]),
        ("/admin/sections/article/", ["Alpha visa article", "Bravo visa article"]),
        ("/admin/transcripts/briefing/", ["Alpha press conference", "Bravo press conference"]),
    ]:
        page = body(client.get(path))
        for title in titles:
            assert title in page, (path, title)
    assert client.get(url(two_missions["b_article"], "change")).status_code == 200


def test_a_row_s_mission_is_kept_after_it_is_made(admin_client, two_missions):
    page = body(admin_client.get(url(two_missions["b_section"], "change")))
    assert 'name="mission"' not in page
    # An article is moved among its own mission's sections only.
    page = body(admin_client.get(url(two_missions["b_article"], "change")))
    assert "Bravo Section" in page
    assert "Alpha Section" not in page
    assert Section.objects.filter(mission=two_missions["b"]).count() == 1


def test_the_media_library_is_a_s_and_the_ministry_s(a_editor, two_missions):
    a_image = factories.make_image("Alpha consul portrait", mission=two_missions["a"])
    b_image = factories.make_image("Bravo consul portrait", mission=two_missions["b"])
    factories.make_image("Ministry seal")
    b_document = factories.make_document("Bravo visa form", mission=two_missions["b"])
    # B's article uses the ministry's seal: A's editor sees that a page uses it, not which.
    seal = factories.make_image("Ministry seal 2")
    Article.objects.filter(pk=two_missions["b_article"].pk).update(lead_image=seal)
    page = body(a_editor.get("/admin/media/image/"))
    assert "Alpha consul portrait" in page and "Ministry seal" in page
    assert "Bravo consul portrait" not in page
    choices = body(a_editor.get("/admin/media/image/choices/?q=portrait"))
    assert "Alpha consul portrait" in choices and "Bravo" not in choices
    for obj in (b_image, b_document):
        for name in ("change", "history", "delete"):
            response = a_editor.get(url(obj, name))
            assert response.status_code == 404
            assert "Bravo" not in body(response)
    page = body(a_editor.get(url(seal, "change")))
    assert "A page of another mission" in page
    assert_no_b(page)
    assert "Bravo" not in body(a_editor.get("/admin/media/document/"))
    assert a_image.title in body(a_editor.get(url(a_image, "change")))


def test_a_mission_s_editor_makes_its_own_translation_where_the_ministry_has_one(
    a_editor, two_missions
):
    ministry, a = two_missions["ministry"], two_missions["a"]
    ministry_vi = ministry.draft_translation("vi")
    translate = reverse("admin:transcripts_briefing_translate", args=[ministry.pk, "vi"])
    page = body(a_editor.get(url(ministry, "change")))
    assert translate in page and "Create your mission&#x27;s own translation" in page

    response = a_editor.post(translate)
    own = Briefing.objects.get(translation_key=ministry.translation_key, language="vi", mission=a)
    assert response.status_code == 302 and response["Location"] == url(own, "change")
    assert own.status == Status.DRAFT and own.pk != ministry_vi.pk
    # Its own is now the mission's Vietnamese: asked again, the editor is taken to it.
    assert a_editor.post(translate)["Location"] == url(own, "change")
    versions = Briefing.objects.filter(translation_key=ministry.translation_key, language="vi")
    assert set(versions.values_list("mission", flat=True)) == {None, a.pk}
    # Its change page shows the mission's versions: its own Vietnamese, the ministry's English.
    overview = body(a_editor.get(url(own, "change")))
    assert url(ministry, "change") in overview and url(ministry_vi, "change") not in overview


def test_the_ministry_s_staff_translate_for_the_ministry(admin_client, two_missions):
    ministry = two_missions["ministry"]
    ministry_vi = ministry.draft_translation("vi")
    translate = reverse("admin:transcripts_briefing_translate", args=[ministry.pk, "vi"])
    page = body(admin_client.get(url(ministry, "change")))
    assert "own translation" not in page
    assert admin_client.post(translate)["Location"] == url(ministry_vi, "change")
    assert Briefing.objects.filter(translation_key=ministry.translation_key).count() == 2


# Drag to reorder: one mission's rows at a time, the user's own

ORDERED = {"section": "admin:sections_section_sortable_update"}
ORDERED["service"] = "admin:siteinfo_toptask_sortable_update"


def reorder(client, kind, *rows_and_orders):
    return client.post(
        reverse(ORDERED[kind]),
        json.dumps({"updatedItems": [[str(row.pk), order] for row, order in rows_and_orders]}),
        content_type="application/json",
    )


def position(row):
    return type(row)._base_manager.get(pk=row.pk).position


@pytest.fixture
def ordered_rows(two_missions):
    """Per mission: its section and a second one; its service and a second one."""
    rows = {}
    for key, word in (("a", "Alpha"), ("b", "Bravo")):
        mission = two_missions[key]
        second = factories.make_section(f"{word} Second", mission=mission, position=5)
        service = TopTask.objects.get(mission=mission)
        other = TopTask.objects.create(
            mission=mission, title=f"{word} passports", link="https://y.example", position=5
        )
        rows[key] = {
            "section": (two_missions[f"{key}_section"], second),
            "service": (service, other),
        }
    return rows


@pytest.fixture
def a_publisher(client, role_user, two_missions):
    """A Publisher of mission A (an Editor may not change sections, so not reorder them
    either), who may also keep A's services."""
    client.force_login(member_of(role_user("Publisher"), two_missions["a"], "siteinfo"))
    return client


def test_an_editor_may_not_reorder_sections(a_editor, ordered_rows):
    a_first, a_second = ordered_rows["a"]["section"]
    assert reorder(a_editor, "section", (a_second, 1), (a_first, 2)).status_code == 403
    assert [position(a_first), position(a_second)] == [0, 5]


@pytest.mark.parametrize("kind", ["section", "service"])
def test_a_s_staff_reorder_a_s_rows_alone(a_publisher, ordered_rows, kind):
    b_first, b_second = ordered_rows["b"][kind]
    a_first, a_second = ordered_rows["a"][kind]
    for items in ([(b_first, 7), (b_second, 8)], [(a_first, 7), (b_first, 8)]):
        response = reorder(a_publisher, kind, *items)
        assert response.status_code == 400
        assert body(response) == "Not every row named is one you may reorder."
    assert [position(row) for row in (b_first, b_second, a_first)] == [0, 5, 0]
    # Nor does an id of no row tell anything else.
    missing = reorder(a_publisher, kind, (type(a_first)(pk=10**9), 1))
    assert missing.status_code == 400
    assert_no_b(body(missing))
    b_pages = generation.current(ordered_rows["b"]["section"][0].mission.scope)
    response = reorder(a_publisher, kind, (a_second, 1), (a_first, 2))
    assert response.status_code == 200
    assert [position(a_second), position(a_first)] == [1, 2]
    # A's menu or home page changed; B's stored pages are still current.
    assert generation.current(ordered_rows["b"]["section"][0].mission.scope) == b_pages


@pytest.mark.parametrize("kind", ["section", "service"])
def test_the_ministry_s_staff_reorder_one_mission_at_a_time(client, role_user, ordered_rows, kind):
    ministry = role_user("Publisher")
    ministry.user_permissions.add(*Permission.objects.filter(content_type__app_label="siteinfo"))
    client.force_login(ministry)
    (a_first, _a_second), (b_first, b_second) = ordered_rows["a"][kind], ordered_rows["b"][kind]
    response = reorder(client, kind, (a_first, 9), (b_first, 10))
    assert response.status_code == 400
    assert "more than one mission" in body(response)
    assert [position(a_first), position(b_first)] == [0, 0]
    assert reorder(client, kind, (b_second, 1), (b_first, 2)).status_code == 200
    assert [position(b_second), position(b_first)] == [1, 2]
    # The list of every mission's rows does not drag; one mission's does.
    changelist = reverse(ORDERED[kind].replace("sortable_update", "changelist"))
    assert 'class="drag handle"' not in body(client.get(changelist))
    one = body(client.get(changelist, {"mission__id__exact": b_first.mission_id}))
    assert one.count('class="drag handle"') == 2


# A section's parent: a section of its own mission


def section_form_data(client, address):
    page = body(client.get(address))
    return page, read_form(page, lambda f: f.get("id") == "section_form").fields


def parent_choices(page):
    select = page.split('name="parent"', 1)[1].split("</select>", 1)[0]
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)


def test_a_s_staff_choose_a_parent_among_a_s_sections(a_publisher, ordered_rows):
    a_first, a_second = ordered_rows["a"]["section"]
    b_first, _b_second = ordered_rows["b"]["section"]
    page, data = section_form_data(a_publisher, url(a_second, "change"))
    # A's sections (the briefings' too) but itself; none of B's.
    assert "Alpha Section" in parent_choices(page)
    assert "Alpha Second" not in parent_choices(page)
    assert_no_b(page)
    refused = a_publisher.post(url(a_second, "change"), {**data, "parent": b_first.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in body(refused)
    assert_no_b(body(refused))
    assert Section.objects.get(pk=a_second.pk).parent is None
    saved = a_publisher.post(url(a_second, "change"), {**data, "parent": a_first.pk})
    assert saved.status_code == 302
    assert Section.objects.get(pk=a_second.pk).parent == a_first


def test_the_ministry_s_staff_choose_a_parent_of_the_section_s_mission(
    client, role_user, ordered_rows, two_missions
):
    client.force_login(role_user("Publisher"))
    a_first, _a_second = ordered_rows["a"]["section"]
    b_first, b_second = ordered_rows["b"]["section"]
    page, data = section_form_data(client, url(b_second, "change"))
    assert parent_choices(page) == ["Bravo Section"]
    refused = client.post(url(b_second, "change"), {**data, "parent": a_first.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in body(refused)
    assert client.post(url(b_second, "change"), {**data, "parent": b_first.pk}).status_code == 302
    assert Section.objects.get(pk=b_second.pk).parent == b_first
    # A new section: its mission is chosen in the form, its parent must be of that mission.
    page, data = section_form_data(client, reverse("admin:sections_section_add"))
    data.update({"title_en": "Bravo visas", "slug": "bravo-visas", "mission": two_missions["b"].pk})
    refused = client.post(reverse("admin:sections_section_add"), {**data, "parent": a_first.pk})
    assert refused.status_code == 200
    assert "Choose a section of this section&#x27;s own mission." in body(refused)
    assert not Section.objects.filter(slug="bravo-visas").exists()
    made = client.post(reverse("admin:sections_section_add"), {**data, "parent": b_first.pk})
    assert made.status_code == 302, body(made)[:2000]
    assert Section.objects.get(slug="bravo-visas").parent == b_first
