import pytest
from django.urls import reverse

from embassy.pages.publishing import Status
from sections.models import Article, Section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["admin:sections_section_changelist", "admin:sections_article_changelist"]
)
def test_anonymous_visitors_are_sent_to_the_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url_name", ["admin:sections_section_changelist", "admin:sections_article_changelist"]
)
def test_changelists_take_constant_queries(
    staff_client, make_article, make_section, count_queries, url_name
):
    make_article(section=make_section("Section 0"))
    few = count_queries(staff_client, reverse(url_name))
    for i in range(1, 40):
        make_article(section=make_section(f"Section {i}", parent=Section.objects.first()))
    assert count_queries(staff_client, reverse(url_name)) == few


def test_sections_listed_in_menu_order_and_searchable(staff_client, make_section):
    make_section("Consular Services", position=40)
    make_section("Ambassador Information", position=10)
    url = reverse("admin:sections_section_changelist")
    titles = [s.title for s in staff_client.get(url).context["cl"].result_list]
    assert titles == ["Ambassador Information", "Consular Services"]
    assert staff_client.get(url, {"q": "consular"}).context["cl"].result_count == 1


def test_add_article_sanitizes_body(staff_client, make_section):
    section = make_section()
    response = staff_client.post(
        reverse("admin:sections_article_add"),
        {
            "section": section.pk,
            "title": "Visa rules",
            "slug": "visa-rules",
            "body": "<p>Apply early.</p><script>alert(1)</script>",
            "publish_at_0": "2021-01-01",
            "publish_at_1": "09:00",
            "status": "published",
            "tags": "visas",
            "language": "en",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == "<p>Apply early.</p>"
    assert list(article.tags.names()) == ["visas"]
    # Staff are told what went, never silently.
    shown = [str(m) for m in staff_client.get(response["Location"]).context["messages"]]
    assert any(
        "Removed from the body when saving" in m and "&lt;script&gt; (with its content)" in m
        for m in shown
    ), shown


def test_a_clean_body_saves_without_a_warning(staff_client, make_section):
    section = make_section()
    response = staff_client.post(
        reverse("admin:sections_article_add"),
        {
            "section": section.pk,
            "title": "Visa rules",
            "slug": "visa-rules",
            "language": "en",
            "body": '<h2>Fees</h2><p><strong>Apply</strong> <a href="https://example.org">early</a>.'
            "</p><table><tbody><tr><th>Visa</th><td>60 USD</td></tr></tbody></table>",
            "publish_at_0": "2021-01-01",
            "publish_at_1": "09:00",
            "status": "published",
        },
        follow=True,
    )
    assert not [m for m in response.context["messages"] if "Removed" in str(m)]
    assert "<table><tbody><tr><th>Visa</th>" in Article.objects.get().body


def test_the_editor_is_offered_with_its_tools_and_the_library_buttons(staff_client):
    page = staff_client.get(reverse("admin:sections_article_add")).content.decode()
    assert "data-django-prose-editor-configurable" in page
    assert "django_prose_editor/editor.js" in page
    assert (
        'src="/static/js/library-picker.js" data-document-choices="/admin/media/document/choices/"'
        in page
    )


def test_section_intros_are_rich_text_too(staff_client):
    page = staff_client.get(reverse("admin:sections_section_add")).content.decode()
    assert 'name="intro_en"' in page and "data-django-prose-editor-configurable" in page


def test_reserved_article_slug_gets_a_form_error(staff_client, make_section):
    section = make_section()
    response = staff_client.post(
        reverse("admin:sections_article_add"),
        {
            "section": section.pk,
            "title": "Print",
            "slug": "print",
            "body": "",
            "publish_at_0": "2021-01-01",
            "publish_at_1": "09:00",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "reserved" in str(response.context["adminform"].form.errors["slug"])
    assert not Article.objects.exists()


def test_publish_action(staff_client, make_article):
    article = make_article(status=Status.DRAFT)
    staff_client.post(
        reverse("admin:sections_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert Section.objects.count() == 1
