"""Staff's translation tools: the languages of each article and briefing, and "Create translation
as draft", through the admin with the test client."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from embassy.history.entries import in_words
from embassy.pages.publishing import Status
from sections.models import Article
from tests.html_forms import read_form
from transcripts.models import Briefing, Exchange

pytestmark = pytest.mark.django_db

BRIEFINGS = reverse("admin:transcripts_briefing_changelist")
ARTICLES = reverse("admin:sections_article_changelist")


def translate_url(obj, language):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language])


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture
def versions(make_briefing):
    """An English briefing, its Chinese version up to date; no Vietnamese one."""
    english = make_briefing(title="Regular Press Conference")
    chinese = make_briefing(
        title="例行记者会", slug="li", language="zh-hans", translation_key=english.translation_key
    )
    return english, chinese


def test_the_list_shows_each_language_existing_missing_or_out_of_date(staff_client, versions):
    english, chinese = versions
    page = staff_client.get(BRIEFINGS).content.decode()
    assert "<strong>English: original</strong>" in page
    assert f'<a href="{change_url(chinese)}" class="translation-current" lang="zh-hans">' in page
    assert "中文: up to date" in page
    assert '<span class="translation-missing">Tiếng Việt: missing</span>' in page
    # The original changed after the translation was last edited: out of date.
    Briefing.objects.filter(pk=english.pk).update(
        updated_at=chinese.updated_at + datetime.timedelta(minutes=5)
    )
    page = staff_client.get(BRIEFINGS).content.decode()
    assert "中文: out of date" in page and 'class="translation-out_of_date"' in page


def test_the_list_takes_the_same_queries_for_many_translated_rows(
    staff_client, make_briefing, count_queries
):
    def pair(n):
        english = make_briefing(title=f"Conference {n}")
        make_briefing(
            title=f"记者会{n}", language="zh-hans", translation_key=english.translation_key
        )

    pair(0)
    few = count_queries(staff_client, BRIEFINGS)
    for n in range(1, 8):
        pair(n)
    assert count_queries(staff_client, BRIEFINGS) == few


def test_the_change_page_lists_the_versions_with_links_and_a_create_button(staff_client, versions):
    english, chinese = versions
    page = staff_client.get(change_url(english)).content.decode()
    assert 'class="translation-overview"' in page
    assert f'<a href="{change_url(chinese)}" lang="zh-hans">例行记者会</a>' in page
    assert f'href="{chinese.get_absolute_url()}"' in page
    assert (
        f'<a class="button" href="{translate_url(english, "vi")}">Create translation as draft</a>'
        in page
    )
    assert translate_url(english, "zh-hans") not in page  # it exists


def test_creating_a_briefings_translation_copies_it_as_a_draft_in_history(staff_client, versions):
    english, _chinese = versions
    english.tags.add("Climate")
    url = translate_url(english, "vi")
    confirmation = staff_client.get(url)
    assert confirmation.status_code == 200
    assert "Create the Tiếng Việt translation as a draft" in confirmation.content.decode()
    assert Briefing.objects.count() == 2  # a GET creates nothing
    form = read_form(confirmation.content.decode(), lambda f: f.get("method") == "post")
    response = staff_client.post(url, dict(form.fields))
    draft = Briefing.objects.get(language="vi")
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    assert draft.status == Status.DRAFT
    assert draft.translation_key == english.translation_key
    assert draft.slug == f"{english.slug}-vi" and draft.held_at == english.held_at
    copied = [(e.position, e.outlet_id, e.question, e.answer) for e in draft.exchanges.all()]
    original = [(e.position, e.outlet_id, e.question, e.answer) for e in english.exchanges.all()]
    assert copied == original and len(copied) == 3
    assert list(draft.tags.names()) == ["Climate"]
    # One revision, by the member of staff, with the exchanges.
    version = Version.objects.get_for_object(draft).get()
    assert version.revision.user.username == "editor"
    assert "Tiếng Việt translation" in in_words(version.revision.comment)
    assert (
        Version.objects.filter(revision=version.revision, content_type__model="exchange").count()
        == 3
    )
    # The draft's change page opens, and knows its versions.
    page = staff_client.get(change_url(draft)).content.decode()
    assert "Tiếng Việt: up to date" not in page  # the list's words, not the form's
    assert "this one" in page
    # The public does not see it.
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_creating_an_articles_translation(staff_client, make_article):
    article = make_article(title="Visa rules", body="<p>Bring your passport.</p>")
    response = staff_client.post(translate_url(article, "zh-hans"))
    draft = Article.objects.get(language="zh-hans")
    assert response["Location"] == change_url(draft)
    assert (draft.slug, draft.body, draft.section_id) == (
        article.slug,
        article.body,
        article.section_id,
    )
    assert draft.status == Status.DRAFT and draft.translation_key == article.translation_key
    page = staff_client.get(ARTICLES).content.decode()
    assert "中文: up to date" in page


def test_a_language_that_exists_leads_to_that_version_and_creates_nothing(staff_client, versions):
    english, chinese = versions
    response = staff_client.post(translate_url(english, "zh-hans"))
    assert response["Location"] == change_url(chinese)
    assert Briefing.objects.count() == 2
    assert staff_client.get(translate_url(english, "xx")).status_code == 404


def test_creating_needs_the_add_permission(client, django_user_model, versions):
    english, _chinese = versions
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_briefing", "change_briefing"])
    )
    client.force_login(user)
    assert client.post(translate_url(english, "vi")).status_code == 403
    assert "Create translation as draft" not in client.get(change_url(english)).content.decode()
    assert Briefing.objects.count() == 2


def test_a_version_cannot_take_the_language_of_another_one(staff_client, versions):
    english, chinese = versions
    page = staff_client.get(change_url(chinese)).content.decode()
    form = read_form(page, lambda f: f.get("id") == "briefing_form")
    fields = dict(form.fields)
    fields["language"] = "en"
    response = staff_client.post(change_url(chinese), fields)
    assert response.status_code == 200
    assert "“Regular Press Conference” is already the English version." in response.content.decode()
    chinese.refresh_from_db()
    assert chinese.language == "zh-hans"


def test_exchanges_of_the_copy_are_its_own(staff_client, versions):
    english, _chinese = versions
    staff_client.post(translate_url(english, "vi"))
    draft = Briefing.objects.get(language="vi")
    Exchange.objects.filter(briefing=draft).update(question="Câu hỏi?")
    assert not english.exchanges.filter(question="Câu hỏi?").exists()
