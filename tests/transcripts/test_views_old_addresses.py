"""A permalink outlives edits: a briefing's old addresses redirect to its new one."""

import datetime

import pytest
from django.utils import timezone

from embassy.pages.publishing import Status
from transcripts.models import OldBriefingAddress

pytestmark = pytest.mark.django_db


def test_changing_the_slug_redirects_the_briefing_its_exchanges_and_print_page(
    client, make_briefing
):
    briefing = make_briefing(exchanges=2, slug="regular-press-conference")
    exchange = briefing.exchanges.first()
    old_page = briefing.get_absolute_url()
    old_exchange = exchange.get_absolute_url()

    briefing.slug = "press-conference-on-january-28"
    briefing.save()

    response = client.get(old_page)
    assert response.status_code == 301
    assert response["Location"] == "/briefings/2021/01/28/press-conference-on-january-28/"
    assert client.get(response["Location"]).status_code == 200

    response = client.get(old_exchange)
    assert response.status_code == 301
    assert response["Location"] == exchange.get_absolute_url()

    response = client.get(old_page + "print/")
    assert response.status_code == 301
    assert response["Location"] == briefing.get_absolute_url() + "print/"

    response = client.get(old_exchange + "suggest/")
    assert response.status_code == 301
    assert response["Location"] == exchange.get_absolute_url() + "suggest/"


def test_changing_the_date_redirects_too(client, make_briefing):
    briefing = make_briefing(slug="regular-press-conference")
    old_page = briefing.get_absolute_url()
    briefing.held_at = timezone.make_aware(datetime.datetime(2021, 1, 29, 15, 0))
    briefing.save()
    response = client.get(old_page)
    assert response.status_code == 301
    assert response["Location"] == "/briefings/2021/01/29/regular-press-conference/"


def test_every_earlier_address_leads_to_the_current_one(client, make_briefing):
    briefing = make_briefing(slug="first")
    first = briefing.get_absolute_url()
    briefing.slug = "second"
    briefing.save()
    briefing.slug = "third"
    briefing.save()
    assert client.get(first)["Location"] == "/briefings/2021/01/28/third/"
    assert client.get("/briefings/2021/01/28/second/")["Location"] == "/briefings/2021/01/28/third/"
    assert OldBriefingAddress.objects.count() == 2


def test_other_edits_record_no_old_address(make_briefing):
    briefing = make_briefing()
    briefing.title = "A better title"
    briefing.save()
    assert not OldBriefingAddress.objects.exists()


def test_the_old_address_of_a_draft_is_still_404(client, make_briefing):
    briefing = make_briefing(slug="before")
    old_page = briefing.get_absolute_url()
    briefing.slug = "after"
    briefing.status = Status.DRAFT
    briefing.save()
    assert client.get(old_page).status_code == 404


def test_a_new_briefing_may_take_an_old_address(client, make_briefing):
    moved = make_briefing(slug="regular-press-conference")
    moved.slug = "moved"
    moved.save()
    newcomer = make_briefing(slug="regular-press-conference", title="The newcomer")
    response = client.get("/briefings/2021/01/28/regular-press-conference/")
    assert response.status_code == 200
    assert response.context["briefing"] == newcomer


def test_unknown_addresses_are_still_404(client, make_briefing):
    make_briefing(slug="known")
    assert client.get("/briefings/2021/01/28/unknown/").status_code == 404
    assert client.get("/briefings/2021/02/30/known/").status_code == 404


def test_staff_see_a_briefings_old_addresses_in_the_admin(staff_client, make_briefing):
    briefing = make_briefing(slug="before")
    briefing.slug = "after"
    briefing.save()
    response = staff_client.get(f"/admin/transcripts/briefing/{briefing.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "old addresses that redirect here" in content.lower()
    assert "before" in content
