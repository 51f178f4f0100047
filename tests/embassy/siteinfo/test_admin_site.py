"""The admin a press officer can use: the site's name, the embassy's words, the clock named."""

import datetime
import re

import pytest
from django.utils import timezone

from embassy.pages.dates import zone_label
from sections.models import Article

pytestmark = pytest.mark.django_db


def test_the_admin_is_named_for_the_site_and_grouped_in_the_embassys_words(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Embassy of the People&#x27;s Republic of China — site administration" in page
    headings = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', page)
    assert headings[:8] == [
        "Review",  # what waits for a Publisher first (embassy/review/templatetags/review.py)
        "Menu &amp; pages",
        "Briefings",
        "People &amp; outlets",
        "Topics",
        "Media",
        "Site",
        "Users &amp; access",
    ]
    for jargon in ("Authentication and authorization", "Taggit", "TAGGIT", ">Tags<"):
        assert jargon not in page


def test_slugs_are_web_addresses_with_an_explanation(admin_client):
    page = admin_client.get("/admin/sections/article/add/").content.decode()
    assert '<label class="required" for="id_slug">Web address:</label>' in page
    assert (
        "The last part of the page's address, as in /sections/consular-services/visa-rules/" in page
    )
    assert ">Slug:<" not in page
    topic_page = admin_client.get("/admin/transcripts/topic/add/").content.decode()
    assert "Web address:" in topic_page


def test_dates_name_their_clock(admin_client, settings):
    page = admin_client.get("/admin/sections/article/add/").content.decode()
    assert '<span class="time-zone">Beijing time, UTC+8</span>' in page
    assert zone_label(timezone.make_aware(datetime.datetime(2021, 1, 28))) == "Beijing time, UTC+8"
    settings.TIME_ZONE = "Asia/Kolkata"
    assert zone_label().endswith("UTC+5:30")


def test_topics_replace_taggits_admin_and_count_their_uses(admin_client, make_article):
    make_article().tags.add("Visas")
    assert admin_client.get("/admin/taggit/tag/").status_code == 404
    response = admin_client.get("/admin/transcripts/topic/")
    assert [t.name for t in response.context["cl"].result_list] == ["Visas"]
    assert response.context["cl"].result_list[0].use_total == 1


def test_a_draft_has_a_preview_link_and_a_published_page_does_not(admin_client, make_article):
    draft = make_article(status="draft")
    page = admin_client.get(f"/admin/sections/article/{draft.pk}/change/").content.decode()
    assert (
        f'<a href="{draft.get_absolute_url()}" class="viewsitelink" target="_blank" '
        'rel="noopener">Preview' in page
    )
    # The preview is the public page as it will look, for staff.
    assert "Draft" in admin_client.get(draft.get_absolute_url()).content.decode()
    published = make_article()
    page = admin_client.get(f"/admin/sections/article/{published.pk}/change/").content.decode()
    assert ">Preview" not in page and "View on site" in page
    assert Article.objects.count() == 2


def test_a_draft_briefing_has_a_preview_link(admin_client, make_briefing):
    draft = make_briefing(status="draft")
    page = admin_client.get(f"/admin/transcripts/briefing/{draft.pk}/change/").content.decode()
    assert f'href="{draft.get_absolute_url()}" class="viewsitelink"' in page
