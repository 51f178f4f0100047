"""Home, section and article pages, and the menu on every page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from embassy.pages.publishing import Status
from sections.models import Article, MenuGroup, Section
from tests import factories
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_every_demo_section_and_article_answers(client, demo_site):
    for section in Section.objects.all():
        page = html(client.get(section.get_absolute_url()))
        assert page.count("<h1") == 1
        assert f"<h1>{section.title.replace('&', '&amp;').replace(chr(39), '&#x27;')}</h1>" in page
        for suffix in ("print/", "suggest/"):
            assert client.get(section.get_absolute_url() + suffix).status_code == 200
    for article in Article.objects.all():
        for suffix in ("", "print/", "suggest/"):
            assert client.get(article.get_absolute_url() + suffix).status_code == 200


def test_home_shows_latest_briefings_articles_by_section_and_topics(client, demo_site):
    page = html(client.get("/"))
    assert page.count("<h1") == 1
    assert "Zhao Lijian&#x27;s Regular Press Conference on January 28, 2021</a>" in page
    assert ">Consular Services</a></h3>" in page
    assert (
        'href="/sections/consular-services/about/">Visas, passports and notarial services</a>'
    ) in page
    topics = re.search(r'id="home-topics".*?</section>', page, re.S).group(0)
    assert ">FIGHT COVID-19 THE CHINESE WAY</a>" in topics


@pytest.mark.parametrize("prefix", ["", "/zh-hans", "/vi"])
def test_home_lists_the_menus_sections_not_the_statements_one(client, demo_site, prefix):
    """The statements' section ("About this site") is out of the menu: the footer links its
    pages, the home page's section list does not show it."""
    page = html(client.get(prefix + "/"))
    listed = page.split('id="from-the-sections"')[1].split("</div>\n</section>")[0]
    titles = re.findall(r'<h3 id="home-section-\d+"><a href="([^"]+)">', listed)
    assert titles, listed
    assert not [address for address in titles if "about-this-site" in address]
    assert "about-this-site" not in listed
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    assert "/sections/about-this-site/" in footer  # the statements are still linked


def test_a_section_out_of_the_menu_is_not_on_the_home_page(client, make_article, make_section):
    make_article(section=make_section("Visas"), title="Visa notice")
    make_article(section=make_section("Hidden", show_in_menu=False), title="Hidden notice")
    page = html(client.get("/"))
    assert ">Visa notice</a>" in page
    assert "Hidden notice" not in page and ">Hidden</a>" not in page
    # Its pages answer still: out of the menu is not unpublished.
    assert client.get("/sections/hidden/").status_code == 200


def test_home_shows_the_newest_three_articles_of_each_section(client, make_article, make_section):
    visas = make_section("Visas")
    now = timezone.now()
    for n in range(5):
        make_article(
            section=visas, title=f"Visa notice {n}", publish_at=now - datetime.timedelta(n)
        )
    make_article(section=visas, title="Visa draft", status=Status.DRAFT)
    page = html(client.get("/"))
    assert [t for t in re.findall(r">(Visa [^<]+)</a>", page)] == [
        "Visa notice 0",
        "Visa notice 1",
        "Visa notice 2",
    ]


def test_home_queries_do_not_grow_with_content(
    client, make_section, make_article, make_many_briefings, count_queries
):
    make_article()
    few = count_queries(client, "/")
    for n in range(20):
        section = make_section(f"Section {n}")
        for _ in range(5):
            make_article(section=section)
    make_many_briefings(100, exchanges=0)
    # The page's own four; the frame's notices and the home page's services (kept per content
    # generation, embassy/siteinfo/templatetags/siteinfo.py), and with them, once per
    # generation, the next scheduled change that bounds what is kept: one query for every
    # dated kind.
    # And the missions with their host names, read once per generation.
    frame = 2 + 1 + 1
    assert count_queries(client, "/") == few <= 4 + frame


def test_menu_shows_sections_in_staff_order_with_sub_sections_in_one_query(
    client, make_section, count_queries
):
    make_section("Zebra crossing", position=1)
    parent = make_section("Alpha", position=2)
    make_section("Passports", parent=parent, position=1)
    make_section("Hidden", position=3, show_in_menu=False)
    make_section("Human Rights", menu_group=MenuGroup.TOPICS, position=1)
    page = html(client.get("/"))
    menu = re.search(r'<nav class="site-menu".*?</nav>', page, re.S).group(0)
    assert menu.index("Zebra crossing") < menu.index("Alpha") < menu.index("Passports")
    assert '<ul><li><a href="/sections/passports/">Passports</a></li></ul>' in menu
    assert "Hidden" not in menu
    assert menu.index(">Topics</p>") < menu.index("Human Rights")
    before = count_queries(client, "/sections/alpha/")
    for n in range(10):
        make_section(f"More {n}", parent=parent)
    assert count_queries(client, "/sections/alpha/") == before


def test_section_page_lists_articles_newest_first_paginated(client, make_section, make_article):
    section = make_section(
        "Consular Services", intro="<p>Visas and passports.</p><p>Opening hours.</p>"
    )
    now = timezone.now()
    for n in range(25):
        make_article(
            section=section, title=f"Notice {n:02}", publish_at=now - datetime.timedelta(n)
        )
    make_article(section=section, title="Unpublished notice", status=Status.DRAFT)
    make_article(
        section=section, title="Tomorrow's notice", publish_at=now + datetime.timedelta(days=1)
    )
    first = html(client.get("/sections/consular-services/"))
    assert "<p>Visas and passports.</p>" in first and "<p>Opening hours.</p>" in first
    titles = re.findall(r">(Notice \d\d)</a>", first)
    assert titles == [f"Notice {n:02}" for n in range(20)]
    assert "Unpublished" not in first and "Tomorrow" not in first
    assert 'href="?page=2" rel="next"' in first
    second = html(client.get("/sections/consular-services/?page=2"))
    assert re.findall(r">(Notice \d\d)</a>", second) == [f"Notice {n}" for n in range(20, 25)]
    for bad in ("3", "0", "-1", "abc", "last", "1.5"):
        assert client.get("/sections/consular-services/", {"page": bad}).status_code == 404


def test_remarks_section_lists_briefings_newest_first(client, make_many_briefings, count_queries):
    make_many_briefings(3, exchanges=0)
    few = count_queries(client, "/sections/spokespersons-remarks/")
    page = html(client.get("/sections/spokespersons-remarks/"))
    assert page.index("Bulk Press Conference 0") < page.index("Bulk Press Conference 2")
    assert "28 January 2021, 19:34 Beijing time" in page
    Briefing.objects.all().delete()
    make_many_briefings(500, exchanges=0)
    assert count_queries(client, "/sections/spokespersons-remarks/") == few
    assert count_queries(client, "/sections/spokespersons-remarks/", page=25) == few
    assert client.get("/sections/spokespersons-remarks/?page=26").status_code == 404


def test_sub_section_page_shows_its_parent_in_the_breadcrumb(client, make_section):
    parent = make_section("Consular Services")
    child = make_section("Visas", parent=parent)
    page = html(client.get(child.get_absolute_url()))
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', page, re.S).group(0)
    assert 'href="/sections/consular-services/">Consular Services</a>' in crumbs
    assert 'aria-current="page">Visas</li>' in crumbs
    assert 'href="/sections/visas/">Visas</a>' in html(client.get(parent.get_absolute_url()))


def test_article_page_and_print_version(client, make_article):
    article = make_article(title="Visa rules", body="<p>Bring your passport.</p>")
    article.tags.add("Visas")
    page = html(client.get(article.get_absolute_url()))
    assert "<h1>Visa rules</h1>" in page and "<p>Bring your passport.</p>" in page
    assert 'href="/tags/visas/">Visas</a>' in page
    assert f'href="{article.get_absolute_url()}print/">Print</a>' in page
    assert f'href="{article.get_absolute_url()}suggest/">Suggest to a friend</a>' in page
    printed = html(client.get(article.get_absolute_url() + "print/"))
    assert "<p>Bring your passport.</p>" in printed and "site-menu" not in printed
    assert f"http://testserver{article.get_absolute_url()} · printed" in printed
    assert f'printed <time datetime="{timezone.localdate():%Y-%m-%d}">' in printed


def test_draft_articles_are_hidden_from_visitors(client, make_article):
    url = make_article(status=Status.DRAFT).get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(url + "print/").status_code == 404
    assert client.get(url + "suggest/").status_code == 404


def test_draft_articles_are_hidden_from_staff_without_permission(
    staff_without_permissions_client, make_article
):
    url = make_article(status=Status.DRAFT).get_absolute_url()
    assert staff_without_permissions_client.get(url).status_code == 404


def test_staff_preview_draft_articles_with_a_banner(staff_client, make_article):
    url = make_article(status=Status.DRAFT).get_absolute_url()
    for suffix in ("", "print/"):
        response = staff_client.get(url + suffix)
        assert response.status_code == 200
        assert "<strong>Draft</strong>" in html(response)
    assert "draft-banner" not in html(staff_client.get(make_article().get_absolute_url()))


def test_article_under_the_wrong_section_is_not_found(client, make_article, make_section):
    article = make_article()
    other = make_section("Culture")
    assert client.get(f"/sections/{other.slug}/{article.slug}/").status_code == 404
    assert client.get("/sections/no-such-section/").status_code == 404


def test_article_page_queries_are_constant(client, make_article, count_queries):
    plain = make_article()
    tagged = make_article()
    tagged.tags.add("a", "b", "c", "d")
    assert count_queries(client, plain.get_absolute_url()) == count_queries(
        client, tagged.get_absolute_url()
    )


def test_current_section_is_marked_in_the_menu(client, make_briefing):
    briefing = make_briefing()
    page = html(client.get(briefing.get_absolute_url()))
    assert 'href="/sections/spokespersons-remarks/" aria-current="true"' in page
    section_page = html(client.get("/sections/spokespersons-remarks/"))
    assert 'href="/sections/spokespersons-remarks/" aria-current="page"' in section_page


def test_exchange_published_time_is_beijing_time(client, make_briefing, settings):
    # Stored in UTC, shown as dated on the transcript.
    briefing = make_briefing(held_at=datetime.datetime(2021, 1, 28, 11, 34, tzinfo=datetime.UTC))
    assert "28 January 2021, 19:34 Beijing time" in html(client.get(briefing.get_absolute_url()))


def test_an_article_shows_its_lead_image_and_library_images_responsively(
    client, make_article, count_queries
):
    photo = factories.make_image(
        "Ambassador",
        alt_text="Ambassador Xiong Bo",
        caption="At the embassy",
        credit="Photo: Xinhua",
    )
    inline = factories.make_image("Queue", alt_text="The visa queue at dawn")
    article = make_article(
        lead_image=photo,
        body=f'<p>Text</p><p><img src="/media/{inline.reference_marker}v-960w.jpg" '
        'alt="The visa queue at dawn"></p>',
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<figure class="lead-image"><picture>' in page
    assert (
        'alt="Ambassador Xiong Bo"' in page and "At the embassy" in page and "Photo: Xinhua" in page
    )
    # The lead image is above the fold: loaded at once; the one in the text lazily.
    lead, body = page.split('<div class="body-text">')
    assert 'loading="lazy"' not in lead and 'srcset="' in lead
    assert 'alt="The visa queue at dawn" loading="lazy"' in body
    printed = client.get(article.get_absolute_url() + "print/").content.decode()
    assert "<picture>" not in printed and 'alt="Ambassador Xiong Bo"' in printed
    # Two queries for the text's images, one for the lead image's renditions, however many.
    plain = make_article()
    assert (
        count_queries(client, article.get_absolute_url())
        == count_queries(client, plain.get_absolute_url()) + 3
    )


def menu_queries(captured):
    return [q for q in captured if '"sections_section"' in q["sql"] and "show_in_menu" in q["sql"]]


def test_the_menu_is_read_once_per_content_generation(client, remarks_section, settings):
    settings.PAGE_CACHE = False  # every page rendered: the menu's own keeping is what is seen
    with CaptureQueriesContext(connection) as first:
        client.get("/briefings/")
    with CaptureQueriesContext(connection) as second:
        page = html(client.get("/briefings/"))
    assert len(menu_queries(first.captured_queries)) == 1
    assert menu_queries(second.captured_queries) == []
    assert "Spokesperson&#x27;s Remarks" in page

    # Any edit of the content starts a new generation: the next page reads the menu again.
    Section.objects.filter(pk=remarks_section.pk).update(title="Remarks and Answers")
    with CaptureQueriesContext(connection) as after_edit:
        page = html(client.get("/briefings/"))
    assert len(menu_queries(after_edit.captured_queries)) == 1
    assert "Remarks and Answers" in page and "Spokesperson&#x27;s Remarks" not in page


def test_the_menu_markup_is_kept_per_language_and_current_item(
    client, make_briefing, remarks_section, settings
):
    """Rendered once, then kept (sections/context_processors.py): what a page marks as current
    and its language still show on every page."""
    settings.PAGE_CACHE = False
    first, second = make_briefing(), make_briefing()
    for _ in range(2):
        for briefing in (first, second):
            page = html(client.get(briefing.get_absolute_url()))
            assert 'href="/sections/spokespersons-remarks/" aria-current="true"' in page
        section_page = html(client.get("/sections/spokespersons-remarks/"))
        assert 'href="/sections/spokespersons-remarks/" aria-current="page"' in section_page
        archive = html(client.get("/briefings/"))
        assert 'href="/sections/spokespersons-remarks/">' in archive
        assert "aria-current" not in re.search(r'<nav class="site-menu".*?</nav>', archive, re.S)[0]
        chinese = html(client.get("/zh-hans/briefings/"))
        assert 'href="/zh-hans/sections/spokespersons-remarks/">' in chinese
        # An edit elsewhere: a new generation, the same sections (the fragment memo's markup).
        Briefing.objects.filter(pk=first.pk).update(title="Edited")


def test_a_section_lists_each_pages_opening_escaped_once_with_its_paragraphs_apart(
    client, make_section, make_article
):
    """Was "Menu &amp;amp; pages › Articles.This page…": the body's entities escaped a second
    time, and its paragraphs joined without a space."""
    section = make_section("Visas")
    make_article(
        section=section,
        body="<p>Staff replace it under Menu &amp; pages › Articles.</p><p>This page would list "
        "the visas.</p>",
    )
    page = html(client.get(section.get_absolute_url()))
    summary = re.search(r'<p class="summary">(.*?)</p>', page).group(1)
    assert summary == (
        "Staff replace it under Menu &amp; pages › Articles. This page would list the visas."
    )


def test_a_chinese_pages_opening_is_cut_by_characters(client, make_section, make_article):
    section = make_section("Visas")
    make_article(section=section, language="zh-hans", body="<p>" + "签证办理须知。" * 60 + "</p>")
    page = html(client.get("/zh-hans" + section.get_absolute_url()))
    summary = re.search(r'<p class="summary">(.*?)</p>', page).group(1)
    assert summary.endswith("…") and len(summary) <= 240
