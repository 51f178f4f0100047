"""The admin's "Import transcript" page: who may use it, preview, confirm, and bad input."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from embassy.demo.management.commands.load_demo import SEED_TRANSCRIPT
from embassy.pages.publishing import Status
from sections.models import Section
from tests import factories
from tests.html_forms import read_form
from transcripts.importing import MAX_PARAGRAPHS, MAX_TRANSCRIPT_BYTES
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson
from transcripts.parsing import parse

pytestmark = pytest.mark.django_db

URL = reverse("admin:transcripts_briefing_import")
SEED = SEED_TRANSCRIPT.read_text(encoding="utf-8")
SEED_TITLE = (
    "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on January 28, 2021"
)
SEED_OUTLETS = ["CCTV", "NPR", "Xinhua News Agency", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]


def form_fields(response):
    reader = read_form(response.content.decode(), lambda form: form.get("action") == URL)
    fields = dict(reader.fields)
    fields.pop("csrfmiddlewaretoken", None)
    return fields, reader.buttons


def preview(client, text=None, section=None, **data):
    section = section or factories.remarks_section()
    data = {"step": "preview", "section": section.pk, **data}
    if text is not None:
        data["text"] = text
    return client.post(URL, data)


def confirm(client, preview_response, **changes):
    """Press "Import as a draft" on the preview with the fields as shown, except `changes`."""
    fields, buttons = form_fields(preview_response)
    assert ("step", "confirm") in buttons
    fields.update(changes)
    return client.post(URL, {**fields, "step": "confirm"})


def snapshot(briefing, topics=True):
    """Everything a briefing says, without its row ids and timestamps (and without its topics
    when `topics` is False: the demo adds the seed's after importing it, as staff would)."""
    found = {
        "title": briefing.title,
        "slug": briefing.slug,
        "held_at": briefing.held_at,
        "section": briefing.section.slug,
        "spokesperson": (briefing.spokesperson.name, briefing.spokesperson.role),
        "source_url": briefing.source_url,
        "opening_remarks": briefing.opening_remarks,
        "tags": sorted(briefing.tags.names()),
        "exchanges": [
            (
                e.position,
                e.outlet.name if e.outlet else None,
                e.question,
                e.answer,
                e.responder.name if e.responder else None,
                sorted(e.tags.names()),
            )
            for e in briefing.exchanges.order_by("position")
        ],
    }
    if not topics:
        found["tags"] = []
        found["exchanges"] = [(*exchange[:-1], []) for exchange in found["exchanges"]]
    return found


def seed_as_html():
    """The seed page saved from a browser: menu in a <nav>, the transcript in paragraphs."""
    lines = [line.strip() for line in SEED.splitlines() if line.strip()]
    title_at = lines.index(SEED_TITLE)
    menu = "".join(
        f"<li><a href='#'>{html.escape(line)}</a></li>" for line in lines[: title_at - 1]
    )
    body = "".join(
        f"<p>{html.escape(line)}</p>" for line in lines[title_at + 2 : -2]
    )  # after the date, before "Suggest To A Friend" and "Print"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Transcript</title>"
        f"</head><body><nav><ul>{menu}</ul></nav>"
        f"<div class='breadcrumb'>{html.escape(lines[title_at - 1])}</div>"
        f"<h1>{html.escape(SEED_TITLE)}</h1><div class='time'>{lines[title_at + 1]}</div>"
        f"<div id='text'>{body}</div>"
        "<footer><a href='#'>Suggest To A Friend</a> <a href='#'>Print</a></footer></body></html>"
    )


@pytest.fixture
def editor_client(staff_client, remarks_section):
    return staff_client


# --- who may use it -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_permission_are_refused(staff_without_permissions_client, remarks_section):
    assert staff_without_permissions_client.get(URL).status_code == 403
    assert preview(staff_without_permissions_client, SEED).status_code == 403
    assert not Briefing.objects.exists()


def test_staff_who_may_only_view_briefings_are_refused_and_see_no_link(
    client, django_user_model, remarks_section
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_briefing"))
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
    assert preview(client, SEED).status_code == 403
    changelist = client.get(reverse("admin:transcripts_briefing_changelist"))
    assert changelist.status_code == 200
    assert URL not in changelist.content.decode()


def staff_client_with(client, django_user_model, *codenames):
    user = django_user_model.objects.create_user("clerk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="transcripts", codename__in=codenames)
    )
    client.force_login(user)
    return client


ADD_ALL = ["add_briefing", "add_exchange", "add_outlet", "add_spokesperson"]
CONFIRMED_SEED = {
    "step": "confirm",
    "transcript": SEED,
    "title": SEED_TITLE,
    "held_at": "2021-01-28T19:34",
    "spokesperson": "new",
    "new_spokesperson": "Zhao Lijian",
}


@pytest.mark.parametrize(
    "codenames",
    [["add_briefing"], ["add_briefing", "view_briefing", "change_briefing"], ADD_ALL[:3]],
)
def test_staff_who_may_not_add_all_an_import_writes_are_refused_and_see_no_link(
    client, django_user_model, remarks_section, codenames
):
    # An import adds outlets and spokespeople as well as the briefing and its exchanges.
    clerk = staff_client_with(client, django_user_model, *codenames, "view_briefing")
    assert clerk.get(URL).status_code == 403
    assert preview(clerk, SEED).status_code == 403
    response = clerk.post(URL, {**CONFIRMED_SEED, "section": remarks_section.pk})
    assert response.status_code == 403
    assert not Briefing.objects.exists()
    assert not Exchange.objects.exists()
    assert not Outlet.objects.exists()
    assert not Spokesperson.objects.exists()
    changelist = clerk.get(reverse("admin:transcripts_briefing_changelist"))
    assert changelist.status_code == 200
    assert URL not in changelist.content.decode()


@pytest.mark.parametrize(
    "others, goes_to",
    [
        ([], "admin:index"),
        (["view_briefing"], "admin:transcripts_briefing_changelist"),
    ],
)
def test_staff_who_may_add_but_not_change_briefings_import_and_land_where_they_may_look(
    client, django_user_model, remarks_section, others, goes_to
):
    clerk = staff_client_with(client, django_user_model, *ADD_ALL, *others)
    response = confirm(clerk, preview(clerk, SEED))
    briefing = Briefing.objects.get()
    assert briefing.exchanges.count() == 8
    assert Outlet.objects.count() == 6
    assert response.status_code == 302
    assert response["Location"] == reverse(goes_to)
    landing = clerk.get(response["Location"])
    assert landing.status_code == 200
    page = landing.content.decode()
    assert "as a draft with 8 exchanges" in page
    assert "Someone who may change briefings can check and publish it." in page
    assert (f'href="{URL}"' in page) == (goes_to != "admin:index")


def test_the_import_page_says_which_permissions_it_needs(editor_client):
    page = editor_client.get(URL).content.decode()
    assert "permission to add briefings, exchanges, outlets and spokespeople" in page


def test_the_briefings_list_links_to_the_import_page(editor_client):
    changelist = editor_client.get(reverse("admin:transcripts_briefing_changelist"))
    assert f'href="{URL}"' in changelist.content.decode()
    assert "Import transcript" in changelist.content.decode()


def test_step_one_is_an_admin_page_with_the_remarks_section_chosen(editor_client):
    Section.objects.create(title="Consular Services", slug="consular-services", position=1)
    response = editor_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="breadcrumbs"' in page
    assert reverse("admin:transcripts_briefing_changelist") in page
    assert "csrfmiddlewaretoken" in page
    assert 'enctype="multipart/form-data"' in page
    fields, _ = form_fields(response)
    assert fields["section"] == str(factories.remarks_section().pk)
    assert fields["spokesperson"] == ""  # "As named in the transcript"


def test_posting_without_the_csrf_token_is_refused(remarks_section, django_user_model):
    from django.test import Client

    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert preview(client, SEED).status_code == 403


# --- the seed page, whole -------------------------------------------------------------------


def test_the_preview_knows_an_outlet_whatever_its_case_in_any_script(editor_client):
    # Names are compared case-folded, as the importer saves them: "Straße" is "STRASSE", and
    # lower() alone would call the very name of a known outlet new.
    known = Outlet.objects.create(name="STRASSE ZEITUNG", slug="strasse-zeitung")
    text = SEED.replace("CCTV:", "Straße Zeitung:", 1)
    response = preview(editor_client, text)
    first = response.context["exchanges"][0]
    assert (first["questioner"], first["outlet_is_new"]) == ("Straße Zeitung", False)
    assert "Straße Zeitung" not in response.context["new_outlets"]
    confirm(editor_client, response)
    assert Briefing.objects.get().exchanges.get(position=1).outlet == known


def test_the_preview_shows_every_exchange_outlet_and_the_detected_header(editor_client):
    Outlet.objects.create(name="cctv", slug="cctv")  # known, in another case
    response = preview(editor_client, SEED)
    assert response.status_code == 200
    assert not Briefing.objects.exists()  # a preview writes nothing
    exchanges = response.context["exchanges"]
    assert [e["questioner"] for e in exchanges] == SEED_OUTLETS
    assert [e["outlet_is_new"] for e in exchanges] == [False] + [True] * 7
    assert {e["responder"] for e in exchanges} == {"Zhao Lijian"}
    assert response.context["new_outlets"] == [
        "AFP",
        "Bloomberg",
        "NHK",
        "NPR",
        "Xinhua News Agency",
    ]
    page = response.content.decode()
    assert page.count('class="badge">new outlet') == 7
    assert page.count('class="badge">known outlet') == 1
    # Every exchange of the seed's body is on the page, in the boxes that correct it.
    fields, _ = form_fields(response)
    for number, exchange in enumerate(parse(SEED).exchanges):
        assert fields[f"exchange-{number}-questioner"] == exchange.questioner
        assert fields[f"exchange-{number}-question"] == exchange.question
        assert fields[f"exchange-{number}-answer"] == exchange.answer
    assert fields["title"] == SEED_TITLE
    assert fields["held_at"] == "2021-01-28T19:34"
    assert fields["spokesperson"] == "new"
    assert fields["new_spokesperson"] == "Zhao Lijian"
    # The transcript waits on the server; the form names it with a token.
    assert fields["pending"] and "transcript" not in fields
    assert "Create new: Zhao Lijian" in page
    assert "import_duplicate" not in fields
    assert "None: every paragraph was attributed." in page


def test_the_preview_chooses_a_matching_existing_spokesperson(editor_client):
    zhao = Spokesperson.objects.create(name="ZHAO LIJIAN", slug="zhao")
    Spokesperson.objects.create(name="Wang Wenbin", slug="wang-wenbin")
    fields, _ = form_fields(preview(editor_client, SEED))
    assert fields["spokesperson"] == str(zhao.pk)


def test_the_spokesperson_chosen_in_step_one_is_kept(editor_client):
    wang = Spokesperson.objects.create(name="Wang Wenbin", slug="wang-wenbin")
    response = preview(editor_client, SEED, spokesperson=wang.pk)
    assert form_fields(response)[0]["spokesperson"] == str(wang.pk)
    confirm(editor_client, response)
    briefing = Briefing.objects.get()
    assert briefing.spokesperson == wang
    # Zhao Lijian answered, not the briefing's spokesperson: each exchange says so.
    assert set(briefing.exchanges.values_list("responder__name", flat=True)) == {"Zhao Lijian"}


def test_confirming_creates_a_draft_and_goes_to_its_change_page(editor_client):
    response = confirm(editor_client, preview(editor_client, SEED))
    briefing = Briefing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    assert briefing.status == Status.DRAFT
    assert briefing.exchanges.count() == 8
    page = editor_client.get(response["Location"]).content.decode()
    assert "as a draft with 8 exchanges" in page


def test_the_seed_page_imported_in_the_admin_is_the_demo_briefing(editor_client):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    factories.embassy_answers_the_test_client()
    demo = Briefing.objects.get(language="en")
    expected = snapshot(demo, topics=False)
    assert demo.status == Status.PUBLISHED
    demo.delete()
    outlets, spokespeople = Outlet.objects.count(), Spokesperson.objects.count()

    confirm(editor_client, preview(editor_client, SEED))
    imported = Briefing.objects.get(language="en")
    assert imported.status == Status.DRAFT
    assert snapshot(imported) == expected
    # Matched, not duplicated: the demo's outlets and spokesperson were reused.
    assert (Outlet.objects.count(), Spokesperson.objects.count()) == (outlets, spokespeople)


def test_an_import_into_an_empty_database_equals_the_demo_too(editor_client):
    confirm(editor_client, preview(editor_client, SEED))
    imported = Briefing.objects.get()
    expected = snapshot(imported)
    assert expected["spokesperson"] == ("Zhao Lijian", "Foreign Ministry Spokesperson")
    assert [e[1] for e in expected["exchanges"]] == SEED_OUTLETS
    imported.delete()
    Outlet.objects.all().delete()
    Spokesperson.objects.all().delete()

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    factories.embassy_answers_the_test_client()
    assert snapshot(Briefing.objects.get(language="en"), topics=False) == expected


def test_title_date_spokesperson_and_section_can_be_corrected(editor_client):
    consular = Section.objects.create(title="Consular Services", slug="consular-services")
    response = confirm(
        editor_client,
        preview(editor_client, SEED),
        title="Regular Press Conference (corrected)",
        held_at="2021-01-29T15:00",
        new_spokesperson="Zhao  Lijian (acting)",
        section=str(consular.pk),
    )
    assert response.status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.title == "Regular Press Conference (corrected)"
    assert f"{timezone.localtime(briefing.held_at):%Y-%m-%d %H:%M %Z}" == "2021-01-29 15:00 CST"
    assert briefing.section == consular
    assert (briefing.spokesperson.name, briefing.spokesperson.role) == (
        "Zhao Lijian (acting)",
        "Foreign Ministry Spokesperson",
    )


# --- uploads --------------------------------------------------------------------------------


def upload(client, name, content, **data):
    section = factories.remarks_section()
    return client.post(
        URL,
        {
            "step": "preview",
            "section": section.pk,
            "file": SimpleUploadedFile(name, content),
            **data,
        },
    )


def test_a_txt_upload_previews_like_the_pasted_text(editor_client):
    response = upload(editor_client, "briefing.txt", b"\xef\xbb\xbf" + SEED.encode())
    assert response.status_code == 200
    assert [e["questioner"] for e in response.context["exchanges"]] == SEED_OUTLETS
    confirm(editor_client, response)
    assert Briefing.objects.get().exchanges.count() == 8


def test_an_html_upload_gives_the_same_briefing_as_the_text(editor_client):
    confirm(editor_client, preview(editor_client, SEED))
    from_text = snapshot(Briefing.objects.get())
    Briefing.objects.all().delete()

    response = upload(editor_client, "Briefing.HTML", seed_as_html().encode())
    assert response.status_code == 200, response.context["form"].errors
    confirm(editor_client, response)
    assert snapshot(Briefing.objects.get()) == from_text


# --- importing the same transcript twice ----------------------------------------------------


def test_a_second_import_warns_and_needs_an_explicit_tick(editor_client):
    confirm(editor_client, preview(editor_client, SEED))
    first = Briefing.objects.get()

    second_preview = preview(editor_client, SEED)
    page = second_preview.content.decode()
    assert second_preview.context["duplicate"] == first
    assert "seems to be imported already" in page
    assert reverse("admin:transcripts_briefing_change", args=[first.pk]) in page
    assert 'name="import_duplicate"' in page

    refused = confirm(editor_client, second_preview)
    assert refused.status_code == 200
    assert "import_duplicate" in refused.context["form"].errors
    assert "Tick this box to import it anyway" in refused.content.decode()
    assert Briefing.objects.count() == 1

    accepted = confirm(editor_client, refused, import_duplicate="on")
    assert accepted.status_code == 302
    assert Briefing.objects.count() == 2
    assert len(set(Briefing.objects.values_list("slug", flat=True))) == 2


def test_renaming_into_an_existing_briefing_is_caught_on_confirm(editor_client, make_briefing):
    make_briefing(title="Existing Conference")  # 2021-01-28 19:34
    response = confirm(editor_client, preview(editor_client, SEED), title="existing conference")
    assert response.status_code == 200
    assert "import_duplicate" in response.context["form"].errors
    assert Briefing.objects.count() == 1


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "The transcript is empty."),
        ("   \n\n  ", "The transcript is empty."),
        ("An announcement about the weather, with no question in it.", "No question and answer"),
        ("CCTV: A question?\x00\n\nZhao Lijian: An answer.", "Null characters are not allowed"),
    ],
)
def test_bad_text_is_a_form_error_and_the_text_is_kept(editor_client, text, complaint):
    response = preview(editor_client, text)
    assert response.status_code == 200
    assert complaint in " ".join(response.context["form"].errors["text"])
    assert complaint in html.unescape(response.content.decode())
    if text.strip() and "\x00" not in text:
        assert html.escape(text) in response.content.decode()
    assert "Error:" in response.content.decode()  # in the page's title
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("briefing.txt", b"", "empty"),
        ("briefing.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
        ("briefing.txt", "Zhào Lìjian: déjà vu".encode("latin-1"), "not UTF-8"),
        ("briefing.pdf", SEED.encode(), "not a .txt or .html file"),
        ("briefing.txt", b" " * (MAX_TRANSCRIPT_BYTES + 1), "too large"),
    ],
)
def test_bad_files_are_form_errors(editor_client, name, content, complaint):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert complaint in " ".join(response.context["form"].errors["file"])
    assert complaint in html.unescape(response.content.decode())
    assert not Briefing.objects.exists()


def test_text_and_file_together_are_refused(editor_client):
    response = upload(editor_client, "briefing.txt", SEED.encode(), text=SEED)
    assert "not both" in response.content.decode()
    assert html.escape(SEED.splitlines()[-3].strip()) in response.content.decode()


def test_an_invalid_date_is_a_form_error_and_keeps_everything(editor_client):
    response = confirm(
        editor_client, preview(editor_client, SEED), held_at="2021-02-30T19:34", title="Kept title"
    )
    assert response.status_code == 200
    assert "held_at" in response.context["form"].errors
    fields, _ = form_fields(response)
    assert fields["title"] == "Kept title"
    assert fields["held_at"] == "2021-02-30T19:34"
    # The transcript waits on the server; the form names it with a token.
    assert fields["pending"] and "transcript" not in fields
    assert len(response.context["exchanges"]) == 8  # the preview is still there
    assert not Briefing.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"title": ""},
        {"held_at": ""},
        {"section": ""},
        {"section": "999999"},
        {"spokesperson": "999999"},
        {"spokesperson": "new", "new_spokesperson": "  "},
        {"new_spokesperson": "x" * 201},
    ],
)
def test_missing_or_invalid_choices_are_form_errors(editor_client, changes):
    response = confirm(editor_client, preview(editor_client, SEED), **changes)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Briefing.objects.exists()
    assert not Outlet.objects.exists()


def test_a_posted_transcript_is_ignored_what_is_saved_is_what_was_previewed(editor_client):
    # The text waits on the server between the steps; nothing posted with the confirmation can
    # replace it.
    tampered = (
        "Press Conference\n2021-01-28 10:00\n\nAFP: Only question?\n\nZhao Lijian: Only answer."
    )
    confirm(editor_client, preview(editor_client, SEED), transcript=tampered, text=tampered)
    assert Exchange.objects.count() == len(SEED_OUTLETS)
    assert not Exchange.objects.filter(question="Only question?").exists()


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_an_unknown_preview_goes_back_to_step_one_saying_so(editor_client, token):
    response = confirm(editor_client, preview(editor_client, SEED), pending=token)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "This preview is no longer open" in page
    assert "Step 1 of 2" in page
    assert not Briefing.objects.exists()


def test_confirming_twice_imports_once(editor_client):
    shown = preview(editor_client, SEED)
    assert confirm(editor_client, shown).status_code == 302
    again = confirm(editor_client, shown)
    assert "This preview is no longer open" in html.unescape(again.content.decode())
    assert Briefing.objects.count() == 1


def test_a_one_megabyte_transcript_previews_and_confirms(editor_client):
    # 1 MB of text within the exchange cap: long answers. Its confirmation once exceeded
    # Django's request size limit, when the preview posted the whole text back.
    answer = "The Chinese side has stated its position many times. " * 200
    body = "\n\n".join(f"Reuters: Question {n}?\n\nZhao Lijian: {answer}" for n in range(100))
    text = f"Regular Press Conference on March 3, 2021\n2021-03-03 15:00\n\n{body}"
    assert len(text.encode()) > 1024 * 1024
    shown = preview(editor_client, text)
    assert shown.status_code == 200
    response = confirm(editor_client, shown)
    assert response.status_code == 302, html.unescape(response.content.decode())[:2000]
    assert Exchange.objects.count() == 100


def test_too_many_paragraphs_are_refused_before_parsing(editor_client):
    text = "Press Conference\n2021-03-03 15:00\n\n" + "CCTV: Q?\n\nA: A.\n\n" * (
        MAX_PARAGRAPHS // 2 + 1
    )
    response = preview(editor_client, text)
    page = html.unescape(response.content.decode())
    assert f"more than {MAX_PARAGRAPHS:,} paragraphs" in page
    assert "Step 1 of 2" in page


def test_back_to_the_text_keeps_the_text(editor_client):
    fields, buttons = form_fields(preview(editor_client, SEED))
    assert ("step", "edit") in buttons
    response = editor_client.post(URL, {**fields, "step": "edit"})
    assert "Step 1 of 2" in response.content.decode()
    assert form_fields(response)[0]["text"].strip() == SEED.replace("\r\n", "\n").strip()
    assert not Briefing.objects.exists()


def test_warnings_are_shown_in_the_preview(editor_client):
    text = (
        "Regular Press Conference on March 3, 2021\n2021-03-03 15:00\n\n"
        "CCTV: A question?\n\nZhao Lijian: An answer.\n\n"
        "AFP: A question nobody answered?\n\n"
        "Bloomberg: Another question?\n\nZhao Lijian: Another answer."
    )
    warnings = parse(text).warnings
    assert warnings  # the unanswered question is reported
    response = preview(editor_client, text)
    page = html.unescape(response.content.decode())
    for warning in warnings:
        assert f"<li>{warning}</li>" in page
    assert "None: every paragraph was attributed." not in page
    assert "A question nobody answered?" in page
    assert page.count('class="badge">no answer') == 1


# --- cost -----------------------------------------------------------------------------------


def transcript_with(count):
    questions = "\n\n".join(
        f"Outlet {i}: Question number {i}?\n\nZhao Lijian: Answer number {i}." for i in range(count)
    )
    return f"Regular Press Conference {count}\n2021-03-0{1 + count % 5} 15:00\n\n{questions}"


def test_preview_and_confirm_take_the_same_queries_for_a_short_or_long_transcript(
    editor_client, spokesperson
):
    def queries(count):
        with CaptureQueriesContext(connection) as previewing:
            shown = preview(editor_client, transcript_with(count))
        assert len(shown.context["exchanges"]) == count
        with CaptureQueriesContext(connection) as confirming:
            assert confirm(editor_client, shown).status_code == 302
        return len(previewing), len(confirming)

    queries(1)  # the first request fills the process-wide caches
    assert queries(2) == queries(60)


# --- in a browser ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_imports_the_seed_page_in_a_browser(
    page, live_server, django_user_model, assert_accessible, artifacts_dir
):
    Section.objects.create(title="Spokesperson's Remarks", slug="spokespersons-remarks")
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password")
    page.goto(live_server.url + reverse("admin:transcripts_briefing_changelist"))
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.click("text=Import transcript")
    assert_accessible(page)

    page.fill("#id_text", SEED)
    page.click("input[value=Preview]")
    assert page.locator("li.exchange").count() == 8
    assert page.locator("#id_title").input_value() == SEED_TITLE
    page.screenshot(path=str(artifacts_dir / "import-preview.png"), full_page=True)
    assert_accessible(page)

    page.click("button[value=confirm]")
    assert "as a draft with 8 exchanges" in page.locator(".messagelist").inner_text()
    assert Briefing.objects.get().status == Status.DRAFT


# --- who speaks: the roles in the preview (#14) -----------------------------------------------

GUEST = (
    "Press Briefing by Press Secretary Jen Psaki, March 1, 2021\n2021-03-01 12:30\n\n"
    "MS. PSAKI: Hi everyone. Joining me today is our guest, Brian Deese.\n\n"
    "Brian Deese: Thanks, Jen.\n\n"
    "Q    Is inflation temporary?\n\nBrian Deese: We expect it to ease.\n\n"
    "Q    And the bill?\n\nMS. PSAKI: The President wants it passed.\n\n"
    "Reuters: One more on trade?\n\nMS. PSAKI: Not today."
)


def speaker_rows(response):
    """(label, role shown) for each row of the preview's "Who speaks" table."""
    page = response.content.decode()
    start = page.index('<table class="speakers">')
    table = page[start : page.index("</table>", start)]
    rows = re.findall(
        r'<th scope="row">(.*?)</th>\s*<td class="speaker-role">(.*?)</td>', table, re.S
    )
    return [(html.unescape(re.sub(r"<[^>]+>", "", label)).strip(), role) for label, role in rows]


def test_the_preview_marks_each_speaker_as_spokesperson_other_official_or_questioner(editor_client):
    response = preview(editor_client, GUEST)
    assert response.status_code == 200
    assert speaker_rows(response) == [
        ("MS. PSAKI (Jen Psaki)", "spokesperson"),
        ("Brian Deese", "other official"),
        ("Q", "questioner"),
        ("Reuters", "questioner"),
    ]
    page = response.content.decode()
    assert re.search(
        r'id="id_exchange-0-responder"> <span class="badge role">other official</span>', page
    )
    assert form_fields(response)[0]["exchange-0-responder"] == "Brian Deese"
    _, buttons = form_fields(response)
    assert ("switch", "official Reuters") in buttons
    assert ("switch", "questioner Brian Deese") in buttons


def test_one_click_switches_a_speaker_and_the_preview_is_read_again(editor_client):
    first = preview(editor_client, GUEST)
    fields, _ = form_fields(first)
    fields["title"] = "Retitled before the switch"
    response = editor_client.post(URL, {**fields, "switch": "official Reuters"})
    assert response.status_code == 200
    assert ("Reuters", "other official") in speaker_rows(response)
    page = response.content.decode()
    assert "Found 2 exchanges" in page  # Reuters's turn now belongs to an answer
    assert 'value="Retitled before the switch"' in page  # what was typed is kept
    assert not Briefing.objects.exists()  # nothing saved by a switch

    saved = confirm(editor_client, response)
    assert saved.status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.title == "Retitled before the switch"
    exchanges = list(briefing.exchanges.order_by("position"))
    assert [e.question for e in exchanges] == ["Is inflation temporary?", "And the bill?"]
    assert exchanges[1].answer.endswith("Reuters: One more on trade?\n\nMS. PSAKI: Not today.")


def test_a_guest_official_is_saved_as_the_responder(editor_client):
    assert confirm(editor_client, preview(editor_client, GUEST)).status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.spokesperson.name == "Jen Psaki"
    assert [
        e.responder.name if e.responder else None for e in briefing.exchanges.order_by("position")
    ] == [
        "Brian Deese",
        None,
        None,
    ]
    assert Spokesperson.objects.filter(name="Brian Deese").exists()


def test_switching_back_restores_the_parser_reading(editor_client):
    first = preview(editor_client, GUEST)
    switched = editor_client.post(URL, {**form_fields(first)[0], "switch": "official Reuters"})
    back = editor_client.post(URL, {**form_fields(switched)[0], "switch": "questioner Reuters"})
    assert speaker_rows(back) == speaker_rows(first)
    assert "Found 3 exchanges" in back.content.decode()


def test_a_switch_that_would_leave_no_question_is_refused_with_a_message(editor_client):
    text = "Press Briefing, March 1, 2021\n2021-03-01 12:30\n\nReuters: Why?\n\nMS. PSAKI: Because."
    first = preview(editor_client, text)
    response = editor_client.post(
        URL, {**form_fields(first)[0], "switch": "official Reuters"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no question and answer would be left" in page
    assert ("Reuters", "questioner") in speaker_rows(response)
    assert not Briefing.objects.exists()


@pytest.mark.parametrize("roles", ["not json", '["a list"]', '{"Reuters": "editor"}'])
def test_tampered_roles_are_refused_not_a_500(editor_client, roles):
    first = preview(editor_client, GUEST)
    fields, _ = form_fields(first)
    switched = editor_client.post(URL, {**fields, "roles": roles, "switch": "official Reuters"})
    assert switched.status_code == 200  # back to the text, nothing lost
    assert "Step 1" in switched.content.decode()
    response = editor_client.post(URL, {**fields, "roles": roles, "step": "confirm"})
    assert response.status_code == 200
    assert "roles could not be read" in response.content.decode()
    assert not Briefing.objects.exists()


# --- the language, and the briefing it translates --------------------------------------------

CHINESE_SEED = (SEED_TRANSCRIPT.parent / "spokespersons_remarks_2021-01-28.zh-hans.txt").read_text(
    encoding="utf-8"
)


def selected(response, name):
    """The value the preview's select `name` has chosen."""
    fields, _ = form_fields(response)
    return fields.get(name)


@pytest.fixture
def english_seed(editor_client):
    briefing = confirm(editor_client, preview(editor_client, SEED))
    assert briefing.status_code == 302
    return Briefing.objects.get()


def test_a_chinese_transcript_is_detected_and_offered_as_the_seeds_translation(
    editor_client, english_seed
):
    response = preview(editor_client, CHINESE_SEED)
    page = response.content.decode()
    assert selected(response, "language") == "zh-hans"
    assert "Detected from the text: 中文." in page
    # Pre-suggested: held the same day, in another language.
    assert selected(response, "translation_of") == str(english_seed.pk)
    assert html.escape(f"{SEED_TITLE} (English, 2021-01-28)") in page
    response = confirm(editor_client, response)
    assert response.status_code == 302
    chinese = Briefing.objects.get(language="zh-hans")
    assert chinese.translation_key == english_seed.translation_key
    assert chinese.status == Status.DRAFT
    # "总台央视记者" is CCTV's reporter: the English version's outlets, named in Chinese too.
    outlets = [e.outlet for e in chinese.exchanges.order_by("position")]
    assert [o.pk for o in outlets] == [
        e.outlet_id for e in english_seed.exchanges.order_by("position")
    ]
    assert [o.name_zh_hans for o in outlets[:2]] == ["总台央视", "美国全国公共广播电台"]
    assert response["Location"] == reverse("admin:transcripts_briefing_change", args=[chinese.pk])
    # Recorded in the history, with who imported it.
    from reversion.models import Version

    assert Version.objects.get_for_object(chinese).get().revision.user is not None


def test_staff_may_correct_the_language_and_leave_it_unlinked(editor_client, english_seed):
    response = preview(editor_client, CHINESE_SEED)
    confirm(editor_client, response, language="vi", translation_of="")
    imported = Briefing.objects.exclude(pk=english_seed.pk).get()
    assert imported.language == "vi"
    assert imported.translation_key != english_seed.translation_key


def test_linking_to_a_briefing_that_has_that_language_already_is_a_form_error(
    editor_client, english_seed, make_briefing
):
    make_briefing(
        title="已有的中文版",
        slug="existing",
        language="zh-hans",
        translation_key=english_seed.translation_key,
    )
    response = preview(editor_client, CHINESE_SEED)
    # Not suggested: it has its Chinese version.
    assert selected(response, "translation_of") == ""
    response = confirm(editor_client, response, translation_of=str(english_seed.pk))
    assert response.status_code == 200
    assert "already has its 中文 version: “已有的中文版”" in response.content.decode()
    assert Briefing.objects.count() == 2
    # Everything else stays as typed.
    assert selected(response, "language") == "zh-hans"


def test_an_english_transcript_is_english_and_suggests_nothing_alone(editor_client):
    response = preview(editor_client, SEED)
    assert selected(response, "language") == "en"
    assert selected(response, "translation_of") == ""


def test_the_imported_translation_shows_side_by_side_with_the_seed(editor_client, english_seed):
    confirm(editor_client, preview(editor_client, CHINESE_SEED))
    chinese = Briefing.objects.get(language="zh-hans")
    Briefing.objects.update(status=Status.PUBLISHED)
    from django.test import Client

    page = Client().get(english_seed.side_by_side_url("zh-hans")).content.decode()
    assert page.count('<section class="pair"') == 8
    # "法新社记者" is AFP: the two versions share their outlets, and are paired by them.
    assert "names the outlets in its own language" not in page
    assert "中国从来不存在什么种族灭绝。就这么简单。" in page
    assert chinese.title in page


# --- correcting the preview, and what the change form then accepts (#28) ----------------------

UNANSWERED_LAST = (
    "Regular Press Conference on March 3, 2021\n2021-03-03 15:00\n\n"
    "CCTV: A question?\n\nZhao Lijian: An answer.\n\n"
    "AFP: A last question nobody answered?"
)


def test_an_imported_unanswered_question_saves_unchanged_and_reads_no_answer(editor_client, client):
    shown = preview(editor_client, UNANSWERED_LAST)
    assert 'class="badge">no answer' in shown.content.decode()
    assert confirm(editor_client, shown).status_code == 302
    briefing = Briefing.objects.get()
    assert [e.answer for e in briefing.exchanges.order_by("position")] == ["An answer.", ""]

    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    change = editor_client.get(url)
    fields = read_form(change.content.decode(), lambda f: f.get("id") == "briefing_form").fields
    saved = editor_client.post(url, {**fields, "_continue": "Save"})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert "This field is required" not in editor_client.get(url).content.decode()

    Briefing.objects.filter(pk=briefing.pk).update(status=Status.PUBLISHED)
    page = client.get(Briefing.objects.get().get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "A last question nobody answered?" in text
    assert '<p class="no-answer"><em>No answer was given.</em></p>' in text


def test_the_no_answer_note_is_in_every_language(editor_client, client):
    from django.utils import translation

    for code, words in [("zh-hans", "没有回答。"), ("vi", "Không có câu trả lời.")]:
        with translation.override(code):
            assert translation.gettext("No answer was given.") == words


def test_staff_correct_outlet_question_and_answer_before_confirming(editor_client):
    shown = preview(editor_client, UNANSWERED_LAST)
    response = confirm(
        editor_client,
        shown,
        **{
            "exchange-0-questioner": "  Hanoi  Evening News ",
            "exchange-0-question": "A question, corrected?",
            "exchange-1-answer": "Zhao said nothing.\r\n\r\n\r\nNothing at all.",
        },
    )
    assert response.status_code == 302
    exchanges = list(Briefing.objects.get().exchanges.order_by("position"))
    assert exchanges[0].outlet.name == "Hanoi Evening News"
    assert exchanges[0].question == "A question, corrected?"
    assert exchanges[1].answer == "Zhao said nothing.\n\nNothing at all."
    assert not Outlet.objects.filter(name="CCTV").exists()  # only what was confirmed is made


def press(client, response, action, **changes):
    fields, buttons = form_fields(response)
    assert ("exchange_action", action) in buttons
    return client.post(URL, {**fields, **changes, "exchange_action": action})


def shown_exchanges(response):
    fields, _ = form_fields(response)
    count = int(fields["exchange-TOTAL_FORMS"])
    return [
        tuple(fields[f"exchange-{n}-{name}"] for name in ("questioner", "question", "answer"))
        for n in range(count)
    ]


BACK_TO_BACK = (
    "Regular Press Conference on March 3, 2021\n2021-03-03 15:00\n\n"
    "CCTV: First part of a question?\n\nAFP: Its second part?\n\nZhao Lijian: The answer.\n\n"
    "Zhao Lijian: More of it.\n\nBloomberg: Another?\n\nZhao Lijian: Another answer."
)


def test_merge_split_and_move_paragraphs_in_the_preview(editor_client):
    shown = preview(editor_client, BACK_TO_BACK)
    assert shown_exchanges(shown) == [
        ("CCTV", "First part of a question?", ""),
        ("AFP", "Its second part?", "The answer.\n\nMore of it."),
        ("Bloomberg", "Another?", "Another answer."),
    ]
    merged = press(editor_client, shown, "merge 1", title="Kept as typed")
    assert shown_exchanges(merged) == [
        ("CCTV", "First part of a question?\n\nIts second part?", "The answer.\n\nMore of it."),
        ("Bloomberg", "Another?", "Another answer."),
    ]
    assert form_fields(merged)[0]["title"] == "Kept as typed"

    down = press(editor_client, merged, "down 1")
    assert shown_exchanges(down)[0] == (
        "CCTV",
        "First part of a question?",
        "Its second part?\n\nThe answer.\n\nMore of it.",
    )
    up = press(editor_client, down, "up 1")
    assert shown_exchanges(up) == shown_exchanges(merged)

    marked = "The answer.\n---\nReuters asks: and then?\n\nMore of it."
    split = press(editor_client, up, "split 1", **{"exchange-0-answer": marked})
    assert shown_exchanges(split) == [
        ("CCTV", "First part of a question?\n\nIts second part?", "The answer."),
        ("", "Reuters asks: and then?", "More of it."),
        ("Bloomberg", "Another?", "Another answer."),
    ]
    assert not Briefing.objects.exists()  # nothing saved while correcting

    assert confirm(editor_client, split).status_code == 302
    saved = [
        (e.outlet.name if e.outlet else "", e.question, e.answer, e.responder)
        for e in Briefing.objects.get().exchanges.order_by("position")
    ]
    assert [row[:3] for row in saved] == shown_exchanges(split)
    assert {row[3] for row in saved} == {None}  # all answered by the briefing's spokesperson


def test_a_split_without_its_marker_says_how(editor_client):
    shown = preview(editor_client, BACK_TO_BACK)
    response = press(editor_client, shown, "split 2")
    assert "Type --- on a line of its own" in html.unescape(response.content.decode())
    assert shown_exchanges(response) == shown_exchanges(shown)


@pytest.mark.parametrize("action", ["merge 9", "merge 3", "up 1", "down 0", "teleport 1", "x"])
def test_an_action_that_cannot_apply_keeps_the_preview(editor_client, action):
    shown = preview(editor_client, BACK_TO_BACK)
    fields, _ = form_fields(shown)
    response = editor_client.post(URL, {**fields, "exchange_action": action})
    assert response.status_code == 200
    assert shown_exchanges(response) == shown_exchanges(shown)
    assert response.context["messages"]


def test_an_exchange_left_without_a_question_is_refused_with_a_link_to_it(editor_client):
    shown = preview(editor_client, BACK_TO_BACK)
    response = confirm(editor_client, shown, **{"exchange-2-question": "  \r\n "})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="#id_exchange-2-question">Exchange 3, Question</a>' in page
    assert 'id="id_exchange-2-question"' in page
    assert not Briefing.objects.exists()
    assert not Outlet.objects.exists()


def test_a_tampered_exchange_count_is_a_form_error_not_a_500(editor_client):
    shown = preview(editor_client, BACK_TO_BACK)
    response = confirm(editor_client, shown, **{"exchange-TOTAL_FORMS": "100000"})
    assert response.status_code == 200
    assert not Briefing.objects.exists()


def test_other_officials_are_saved_with_their_names_and_titles(editor_client):
    shown = preview(editor_client, GUEST)
    fields, _ = form_fields(shown)
    assert fields["official-0-found"] == "Brian Deese"
    response = confirm(
        editor_client,
        shown,
        **{"official-0-name": "Brian  Deese", "official-0-title": "NEC Director"},
    )
    assert response.status_code == 302
    deese = Spokesperson.objects.get(name="Brian Deese")
    assert deese.role == "NEC Director"
    assert Briefing.objects.get().exchanges.get(position=1).responder == deese


def test_renaming_an_official_renames_their_answers_and_keeps_a_known_title(editor_client):
    Spokesperson.objects.create(name="Brian C. Deese", slug="deese", role="Director")
    shown = preview(editor_client, GUEST)
    response = confirm(
        editor_client,
        shown,
        **{"official-0-name": "Brian C. Deese", "official-0-title": "Someone else"},
    )
    assert response.status_code == 302
    responder = Briefing.objects.get().exchanges.get(position=1).responder
    assert (responder.name, responder.role) == ("Brian C. Deese", "Director")
    assert not Spokesperson.objects.filter(name="Brian Deese").exists()


LONG_ADDRESS = "https://example.org/" + "a" * 505  # 525 characters with nowhere to break


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_imports_an_unanswered_question_corrects_the_preview_and_saves(
    browser, live_server, role_user, assert_accessible, artifacts_dir
):
    Section.objects.create(title="Spokesperson's Remarks", slug="spokespersons-remarks")
    editor = role_user("Editor")
    editor.set_password("a-long-password")
    editor.save()
    text = UNANSWERED_LAST.replace("A question?", f"A question on {LONG_ADDRESS}?")
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + URL)
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a-long-password")
        page.click("input[type=submit]")
        page.fill("#id_text", text)
        page.click("input[value=Preview]")
        page.wait_for_selector("li.exchange")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("#exchange-2 .badge", has_text="no answer").is_visible()
        assert_accessible(page)
        if width == 390:
            context.close()
            continue
        page.fill("#id_exchange-0-questioner", "Hanoi Evening News")
        page.fill("#id_exchange-0-answer", "An answer.\n---\nAnd a second question?\n\nYes.")
        page.click("button[value='split 1']")
        page.wait_for_selector("#exchange-3")
        assert page.locator("#id_exchange-1-question").input_value() == "And a second question?"
        assert page.locator("#id_exchange-0-questioner").input_value() == ("Hanoi Evening News")
        page.screenshot(path=str(artifacts_dir / "import-preview-corrected.png"), full_page=True)
        assert_accessible(page)
        page.click("button[value=confirm]")
        assert "as a draft with 3 exchanges" in page.locator(".messagelist").inner_text()
        # The change form of what was imported saves as it is.
        page.click("input[name=_continue]")
        assert page.locator(".errornote").count() == 0
        assert "was changed successfully" in page.locator(".messagelist").inner_text()
        context.close()
    briefing = Briefing.objects.get()
    assert [(e.outlet.name if e.outlet else "", e.answer) for e in briefing.exchanges.all()] == [
        ("Hanoi Evening News", "An answer."),
        ("", "Yes."),
        ("AFP", ""),
    ]


def test_an_answer_label_with_no_words_is_a_warning_with_its_line(editor_client):
    text = (
        "Regular Press Conference on March 3, 2021\n2021-03-03 15:00\n\n"
        "CCTV: A question?\n\nZhao Lijian:\n\nBloomberg: Another question?\n\n"
        "Zhao Lijian: Another answer."
    )
    parsed = parse(text)
    assert parsed.exchanges[0].answer == "" and not parsed.warnings  # the parser says nothing
    page = html.unescape(preview(editor_client, text).content.decode())
    assert (
        "<li>Line 4: exchange 1 has no answer; its page will say “No answer was given.”</li>"
        in page
    )
    assert "None: every paragraph was attributed." not in page


def test_an_unanswered_question_the_parser_warned_of_is_not_warned_twice(editor_client):
    page = html.unescape(preview(editor_client, UNANSWERED_LAST).content.decode())
    assert page.count("Line 8:") == 1
