import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from embassy.pages.publishing import Status
from sections.models import Article, MenuGroup, Section

pytestmark = pytest.mark.django_db


def test_article_body_is_sanitized_on_save(make_article):
    article = make_article(
        body='<p onclick="steal()">Visa rules</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)"><style>p{}</style>'
    )
    article.refresh_from_db()
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "onerror" not in article.body
    assert "javascript:" not in article.body
    assert "<style" not in article.body
    assert "<p>Visa rules</p>" in article.body


def test_article_body_keeps_ordinary_formatting(make_article):
    html = (
        '<h2>Visas</h2><p>Apply <strong>early</strong>, see <a href="https://example.org/">'
        "the form</a>.</p><ul><li>One</li></ul>"
    )
    article = make_article(body=html)
    article.refresh_from_db()
    assert "<h2>Visas</h2>" in article.body
    assert "<strong>early</strong>" in article.body
    assert 'href="https://example.org/"' in article.body
    assert "<li>One</li>" in article.body


def test_published_hides_drafts_and_future_articles(make_article):
    live = make_article(status=Status.PUBLISHED)
    make_article(status=Status.DRAFT)
    make_article(status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_sections_are_ordered_by_group_then_position(db):
    topics = Section.objects.create(
        title="Human Rights", slug="hr", menu_group=MenuGroup.TOPICS, position=1
    )
    second = Section.objects.create(title="B", slug="b", position=20)
    first = Section.objects.create(title="A", slug="a", position=10)
    assert list(Section.objects.all()) == [first, second, topics]


def test_menu_excludes_hidden_sections(db):
    shown = Section.objects.create(title="A", slug="a")
    Section.objects.create(title="B", slug="b", show_in_menu=False)
    assert list(Section.objects.in_menu()) == [shown]


def test_article_slug_is_unique_within_its_section(make_article, make_section):
    section = make_section()
    make_article(section=section, slug="visas")
    make_article(section=make_section("Embassy Information"), slug="visas")
    with pytest.raises(IntegrityError):
        make_article(section=section, slug="visas")


def test_urls(make_article, make_section):
    section = make_section()
    article = make_article(section=section, slug="visas")
    assert section.get_absolute_url() == "/sections/consular-services/"
    assert article.get_absolute_url() == "/sections/consular-services/visas/"
