"""Addresses kept per process: the same as reverse() gives, under every language and prefix."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from embassy.core import addresses
from embassy.core.addresses import address

pytestmark = pytest.mark.django_db


def test_an_address_is_what_reverse_gives_in_the_language_asked():
    assert address("home") == reverse("home") == "/"
    assert address("home", language="zh-hans") == "/zh-hans/"
    with translation.override("vi"):
        assert address("home") == "/vi/"  # the active language by default
        assert address("home", language="en") == "/"


def test_the_script_prefix_is_part_of_the_address():
    assert address("search") == "/search/"
    set_script_prefix("/embassy/")
    try:
        assert address("search") == "/embassy/search/"
    finally:
        set_script_prefix("/")
    assert address("search") == "/search/"


def test_a_changed_slug_or_date_is_a_new_address(make_briefing):
    briefing = make_briefing(slug="before")
    first = briefing.get_absolute_url()
    briefing.slug = "after"
    assert briefing.get_absolute_url() == first.replace("/before/", "/after/")
    assert briefing.get_absolute_url() == reverse(
        "transcripts:briefing", kwargs={**briefing.date_kwargs(), "slug": "after"}
    )


def test_a_page_reads_each_address_once(make_briefing, client, settings):
    settings.PAGE_CACHE = False
    briefing = make_briefing()
    client.get(briefing.get_absolute_url())
    kept = len(addresses._kept)
    assert kept and client.get(briefing.get_absolute_url()).status_code == 200
    assert len(addresses._kept) == kept


def test_changed_settings_start_from_nothing_kept(settings):
    address("home")
    assert len(addresses._kept)
    settings.ROOT_URLCONF = "embassy.urls"
    assert not len(addresses._kept)
