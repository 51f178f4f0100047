"""Every path that writes content records a revision: who, when, what, as one revision."""

import io

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Revision, Version

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.history.recording import revision as revision_by
from embassy.media.models import Document, Image
from embassy.pages.publishing import Status
from sections.models import Article, Section
from tests.factories import embassy_answers_the_test_client
from tests.html_forms import read_form
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson

pytestmark = pytest.mark.django_db


def versions_of(obj):
    return Version.objects.get_for_object(obj)


def only_revision():
    revision = Revision.objects.get()
    return revision, {(v.content_type.model, v.object_id) for v in revision.version_set.all()}


def test_an_admin_save_records_the_briefing_and_all_its_exchanges_as_one_revision(
    staff_client, make_briefing
):
    briefing = make_briefing(exchanges=3)
    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    form = read_form(
        staff_client.get(url).content.decode(), lambda f: f.get("id") == "briefing_form"
    )
    data = {**form.fields, "title": "Corrected title", "exchanges-0-answer": "A new answer."}
    assert staff_client.post(url, data).status_code == 302
    revision, objects = only_revision()
    assert revision.user.username == "editor"
    assert ("briefing", str(briefing.pk)) in objects
    assert {("exchange", str(e.pk)) for e in briefing.exchanges.all()} <= objects
    first = briefing.exchanges.order_by("position").first()
    stored = Version.objects.get_for_object(first).get()
    assert stored.field_dict["answer"] == "A new answer."
    assert versions_of(briefing).get().field_dict["title"] == "Corrected title"


def test_an_admin_action_records_each_object_with_who_did_it(admin_client, make_briefing):
    drafts = [make_briefing(status=Status.DRAFT), make_briefing(status=Status.DRAFT)]
    changelist = reverse("admin:transcripts_briefing_changelist")
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [b.pk for b in drafts]}
    )
    assert response.status_code == 302
    revision, objects = only_revision()
    assert revision.user.username == "admin"
    assert revision.comment == "Published from the list."
    assert {("briefing", str(b.pk)) for b in drafts} <= objects
    assert all(versions_of(b).get().field_dict["status"] == "published" for b in drafts)


def test_a_list_edit_of_sections_is_recorded(admin_client):
    section = Section.objects.create(title="Visas", slug="visas", position=5)
    url = reverse("admin:sections_section_changelist")
    form = read_form(
        admin_client.get(url).content.decode(), lambda f: f.get("id") == "changelist-form"
    )
    data = {**form.fields, "form-0-position": "7", "_save": "Save"}
    assert admin_client.post(url, data).status_code == 302
    assert versions_of(section).get().field_dict["position"] == 7


def test_the_import_page_records_the_briefing_its_exchanges_and_new_outlets(
    staff_client, remarks_section
):
    url = reverse("admin:transcripts_briefing_import")
    text = SEED_TRANSCRIPT.read_text(encoding="utf-8")
    preview = staff_client.post(
        url, {"step": "preview", "section": remarks_section.pk, "text": text}
    )
    form = read_form(preview.content.decode(), lambda f: f.get("action") == url)
    assert staff_client.post(url, {**form.fields, "step": "confirm"}).status_code == 302
    briefing = Briefing.objects.get()
    revision, objects = only_revision()
    assert revision.user.username == "editor"
    assert revision.comment == "Imported from a transcript (admin)."
    assert ("briefing", str(briefing.pk)) in objects
    assert {
        ("exchange", str(pk)) for pk in Exchange.objects.values_list("pk", flat=True)
    } <= objects
    assert {("outlet", str(pk)) for pk in Outlet.objects.values_list("pk", flat=True)} <= objects
    assert ("spokesperson", str(Spokesperson.objects.get().pk)) in objects


def test_import_briefing_records_a_revision_naming_the_file(remarks_section, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TRANSCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    call_command("import_briefing", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    revision, objects = only_revision()
    assert revision.comment == "Imported from seed.txt by manage.py import_briefing."
    assert revision.user is None
    assert len([o for o in objects if o[0] == "exchange"]) == Exchange.objects.count() > 0


def test_load_demo_records_its_sections_articles_and_briefing_once(db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    embassy_answers_the_test_client()
    revision, objects = only_revision()
    assert revision.comment == "Loaded the demo content (load_demo)."
    for model in (Section, Article, Briefing):
        assert all(versions_of(obj).exists() for obj in model.objects.all()), model
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    embassy_answers_the_test_client()
    assert Revision.objects.count() == 1, "a second run changes nothing, so records nothing"


def test_every_content_model_is_versioned():
    for model in (Section, Article, Briefing, Exchange, Spokesperson, Outlet, Image, Document):
        assert reversion.is_registered(model), model


def test_a_section_revision_holds_its_title_in_every_language(admin_user):
    section = Section.objects.create(title_en="Visas", title_vi="Thị thực", slug="visas")
    with revision_by(admin_user):
        section.save()
    data = versions_of(section).get().field_dict
    assert data["title_en"] == "Visas" and data["title_vi"] == "Thị thực"
