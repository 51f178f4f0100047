"""Opening a page someone else has open in the admin says so (embassy/signin/presence.py)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from embassy.signin.presence import MAX_OPENERS, STILL_OPEN, open_page

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_second_person_to_open_a_briefing_is_told_who_has_it_open(role_user, make_briefing):
    briefing = make_briefing(exchanges=1)
    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    li = role_user("Editor", "li")
    li.first_name, li.last_name = "Li", "Wei"
    li.save()
    lan = role_user("Publisher", "lan")
    first = signed_in(li).get(url).content.decode()
    assert "opened this page" not in first
    second = signed_in(lan).get(url).content.decode()
    at = timezone.localtime().strftime("%H:%M")
    assert f"Li Wei opened this page at {at}: check with them" in second
    # Li opens it again: told of Lan, not of themselves.
    again = signed_in(li).get(url).content.decode()
    assert "lan opened this page" in again and "Li Wei opened" not in again
    # Another briefing is another page.
    other = make_briefing(exchanges=1)
    assert (
        "opened this page"
        not in signed_in(lan)
        .get(reverse("admin:transcripts_briefing_change", args=[other.pk]))
        .content.decode()
    )


def test_an_anonymous_visitor_writes_nothing(client, make_briefing, role_user):
    briefing = make_briefing(exchanges=1)
    url = reverse("admin:transcripts_briefing_change", args=[briefing.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    assert "opened this page" not in signed_in(role_user("Editor")).get(url).content.decode()


def test_old_openings_are_forgotten_and_the_entry_stays_small(role_user, make_briefing):
    briefing = make_briefing(exchanges=1)
    now = timezone.now()
    people = [role_user("Editor", f"editor{n}") for n in range(MAX_OPENERS + 3)]
    open_page(people[0], briefing, now - STILL_OPEN - datetime.timedelta(seconds=1))
    for person in people[1:]:
        open_page(person, briefing, now)
    others = open_page(people[0], briefing, now)
    assert len(others) == MAX_OPENERS
    assert "editor0" not in {name for name, _ in others}
