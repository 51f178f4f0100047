"""History pages: compare two revisions as words, restore one, refuse a stale save."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from embassy.history.recording import revision
from embassy.pages.publishing import Status
from tests.html_forms import read_form
from transcripts.models import Briefing, OldBriefingAddress, Outlet

pytestmark = pytest.mark.django_db


def url(name, obj, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk, *args])


def form_of(client, obj):
    page = client.get(url("change", obj)).content.decode()
    return read_form(page, lambda f: f.get("id") == f"{obj._meta.model_name}_form").fields


def save_via_admin(client, obj, **changes):
    data = {**form_of(client, obj), **changes, "_save": "Save"}
    return client.post(url("change", obj), data)


@pytest.fixture
def edited_briefing(admin_client, make_briefing):
    """A briefing saved twice in the admin: first as made, then with a corrected answer."""
    briefing = make_briefing(exchanges=2, title="Regular Press Conference")
    assert save_via_admin(admin_client, briefing).status_code == 302
    first = Version.objects.get_for_object(briefing).get()
    response = save_via_admin(
        admin_client,
        briefing,
        title="Regular Press Conference on 28 January",
        slug="regular-press-conference-on-28-january",
        **{"exchanges-0-answer": "Answer 1, first paragraph, corrected.\r\n\r\nAnswer 1, second."},
    )
    assert response.status_code == 302
    second = Version.objects.get_for_object(briefing).exclude(pk=first.pk).get()
    return briefing, first, second


def test_the_history_lists_each_revision_with_who_and_links_to_compare(
    admin_client, edited_briefing
):
    briefing, first, second = edited_briefing
    page = admin_client.get(url("history", briefing)).content.decode()
    assert page.count("<tr>") >= 3
    assert "admin" in page
    assert f"?old={first.pk}&amp;new={second.pk}" in page
    assert url("restore", briefing, first.pk) in page


def test_comparing_shows_the_words_that_changed_in_title_and_answer(admin_client, edited_briefing):
    briefing, first, second = edited_briefing
    response = admin_client.get(url("compare", briefing), {"old": second.pk, "new": first.pk})
    page = response.content.decode()
    assert response.status_code == 200
    words = re.findall(r'<td class="words">(.*?)</td>', page, re.S)
    assert words[0] == "Regular Press Conference<ins> on 28 January</ins>"
    assert "Exchange 1 — changed" in page
    assert words[2] == (
        "Answer 1, first <del>paragraph.</del><ins>paragraph, corrected.</ins>\n\n"
        "Answer 1, <del>second paragraph.</del><ins>second.</ins>"
    )
    assert "1 other part unchanged" in page
    assert "Unchanged:" in page and "Spokesperson" in page


def test_restoring_makes_a_new_revision_and_keeps_the_permalink(admin_client, edited_briefing):
    briefing, first, second = edited_briefing
    confirm = admin_client.get(url("restore", briefing, first.pk))
    assert "Yes, restore this revision" in confirm.content.decode()
    response = admin_client.post(url("restore", briefing, first.pk))
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.title == "Regular Press Conference"
    answer = briefing.exchanges.order_by("position").first().answer
    assert answer == "Answer 1, first paragraph.\n\nAnswer 1, second paragraph."
    assert Version.objects.get_for_object(briefing).count() == 3
    # The address it had before the restore still leads to it.
    assert OldBriefingAddress.objects.filter(
        briefing=briefing, slug="regular-press-conference-on-28-january"
    ).exists()
    old = "/briefings/2021/01/28/regular-press-conference-on-28-january/"
    public = Client().get(old)
    assert public.status_code == 301 and public["Location"].endswith(briefing.get_absolute_url())


def test_a_restore_that_would_break_a_constraint_is_refused_with_the_reason(
    admin_client, edited_briefing, make_briefing
):
    briefing, first, _ = edited_briefing
    # Another briefing of that day has taken the slug the first revision had.
    make_briefing(title="Another", slug=first.field_dict["slug"])
    response = admin_client.post(url("restore", briefing, first.pk), follow=True)
    page = response.content.decode()
    assert "This revision cannot be restored" in page
    assert "Web address must be unique for Date and time date" in page
    briefing.refresh_from_db()
    assert briefing.title == "Regular Press Conference on 28 January"


def test_a_stale_save_is_refused_and_keeps_what_the_second_person_typed(
    admin_client, django_user_model, make_briefing
):
    briefing = make_briefing(status=Status.DRAFT)
    with revision():
        briefing.save()
    other = Client()
    other.force_login(
        django_user_model.objects.create_superuser("colleague", "c@example.org", "pw")
    )
    mine, theirs = form_of(admin_client, briefing), form_of(other, briefing)
    assert mine["version_token"]
    response = other.post(
        url("change", briefing), {**theirs, "title": "Their title", "_save": "Save"}
    )
    assert response.status_code == 302
    response = admin_client.post(
        url("change", briefing), {**mine, "opening_remarks": "My long remarks.", "_save": "Save"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else (colleague) changed this briefing at" in page
    assert "See what they changed" in page
    assert "My long remarks." in page
    briefing.refresh_from_db()
    assert briefing.title == "Their title" and briefing.opening_remarks == ""
    # Saving again, having seen the warning, replaces their version knowingly.
    again = read_form(page, lambda f: f.get("id") == "briefing_form").fields
    assert admin_client.post(url("change", briefing), {**again, "_save": "Save"}).status_code == 302
    briefing.refresh_from_db()
    assert briefing.opening_remarks == "My long remarks."


@pytest.mark.parametrize("kind", ["article", "section"])
def test_articles_and_sections_refuse_a_stale_save_too(admin_client, make_article, kind):
    article = make_article()
    obj = article if kind == "article" else article.section
    mine = form_of(admin_client, obj)
    # A section's title is written per language: its English field is title_en.
    title = "title" if kind == "article" else "title_en"
    assert save_via_admin(admin_client, obj, **{title: "First save"}).status_code == 302
    response = admin_client.post(url("change", obj), {**mine, title: "Second", "_save": "Save"})
    assert response.status_code == 200
    assert f"changed this {kind} at" in response.content.decode()
    obj.refresh_from_db()
    assert obj.title == "First save"


def test_an_outlet_can_be_compared_and_restored(admin_client):
    outlet = Outlet.objects.create(name="Xinhua", slug="xinhua")
    save_via_admin(admin_client, outlet)
    save_via_admin(admin_client, outlet, name="Xinhua News Agency")
    first, *_ = Version.objects.get_for_object(outlet).order_by("pk")
    admin_client.post(url("restore", outlet, first.pk))
    outlet.refresh_from_db()
    assert outlet.name == "Xinhua"
    assert Briefing.objects.count() == 0


def test_a_publisher_adds_a_public_correction_shown_on_the_page_with_its_date(
    publisher_client, editor_client, make_briefing
):
    briefing = make_briefing()
    with revision():
        briefing.save()
    version = Version.objects.get_for_object(briefing).get()
    correction = url("correction", briefing, version.pk)
    assert editor_client.get(correction).status_code == 403
    assert (
        "Add a public correction note"
        in publisher_client.get(url("history", briefing)).content.decode()
    )
    response = publisher_client.post(
        correction, {"note": "Corrected the NHK answer's second paragraph."}
    )
    assert response.status_code == 302
    page = Client().get(briefing.get_absolute_url()).content.decode()
    assert "Corrections" in page
    assert "Corrected the NHK answer&#x27;s second paragraph." in page
    assert '<time datetime="' in page.split("Corrections")[1]


def test_a_save_after_a_refused_one_is_described_without_the_version_token(
    publisher_client, make_article
):
    article = make_article(title="Visa rules")
    change = reverse("admin:sections_article_change", args=[article.pk])
    page = publisher_client.get(change).content.decode()
    form = read_form(page, lambda f: f.get("id") == "article_form").fields
    type(article).objects.filter(pk=article.pk).update(title="Changed meanwhile")
    article.refresh_from_db()
    article.save()  # someone else's save moves the token
    refused = publisher_client.post(change, {**form, "title": "Mine", "_save": "Save"})
    assert refused.status_code == 200
    again = read_form(refused.content.decode(), lambda f: f.get("id") == "article_form").fields
    assert publisher_client.post(change, {**again, "_save": "Save"}).status_code == 302
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert "version" not in comment.lower() and "Title" in comment


def test_the_comparison_shows_formatting_links_and_images_and_the_restore_what_changes(
    publisher_client, make_article
):
    article = make_article(
        title="Notice", body='<p>Apply <a href="https://a.example/">here</a>.</p>'
    )
    with revision():
        article.save()
    first = Version.objects.get_for_object(article).get()
    article.body = (
        '<p>Apply <a href="https://b.example/">here</a>.</p><img src="/m/d.jpg" alt="Door">'
    )
    article.status = Status.WITHDRAWN
    with revision():
        article.save()
    compare = reverse("admin:sections_article_compare", args=[article.pk])
    page = publisher_client.get(compare, {"new": first.pk + 1, "old": first.pk})
    shown = page.content.decode()
    assert '<td class="rendered"><p>Apply <a href="https://b.example/"' in shown
    assert '<mark class="format">here</mark>' in shown
    assert '<ins><img src="/m/d.jpg" alt="Door"></ins>' in shown
    # Restoring the first keeps the status as it is: the confirmation does not list it.
    restore = reverse("admin:sections_article_restore", args=[article.pk, first.pk])
    confirm = publisher_client.get(restore).content.decode()
    changed = confirm.split('class="comparison-fields"')[1].split("</table>")[0]
    assert "Body" in changed and "Status" not in changed
    assert "Kept as they are now, whatever that revision said: Publication time, " in confirm
