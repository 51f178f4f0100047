"""The worker's pass: announce once, record each delivery once, survive a mail server down."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from embassy.alerts.dispatch import (
    MailServerDown,
    announce_new_briefings,
    last_digest_moment,
    run_pass,
)
from embassy.alerts.models import Announcement, Delivery, Frequency, Kind, Subscription
from embassy.pages.publishing import Status
from tests import factories
from tests.embassy.alerts.conftest import body, messages, use_smtp
from tests.loopback import free_port, smtp_server

pytestmark = pytest.mark.django_db

READER = "reader@example.org"


def follow(kind=Kind.BRIEFINGS, frequency=Frequency.IMMEDIATE, email=READER, **target):
    return Subscription.objects.create(
        email=email, kind=kind, frequency=frequency, language="en", **target
    )


def recent(**delta):
    return timezone.now() - datetime.timedelta(minutes=5) + datetime.timedelta(**delta)


def test_a_mail_server_down_delays_the_alert_and_loses_nothing(settings, make_briefing):
    settings.SITE_URL = "http://testserver"
    follow()
    port = free_port()
    use_smtp(settings, port)
    briefing = make_briefing(exchanges=1, held_at=recent())
    with pytest.raises(MailServerDown):
        run_pass()
    # Announced (the decision is recorded), not sent.
    assert Announcement.objects.filter(briefing=briefing).exists()
    assert Delivery.objects.get().sent_at is None
    with pytest.raises(MailServerDown):
        run_pass()
    # The server comes back (on the same port): the alert goes out, once.
    with smtp_server(port=port) as (_controller, mailbox):
        report = run_pass()
        assert report.sent == 1
        run_pass()
        [alert] = messages(mailbox)
    assert briefing.title in alert["Subject"]
    assert Delivery.objects.get().sent_at is not None


def test_a_server_that_refuses_the_mail_keeps_it_owed(settings, make_briefing):
    settings.SITE_URL = "http://testserver"
    follow()
    make_briefing(exchanges=1, held_at=recent())
    with smtp_server(refuse=[READER]) as (controller, mailbox):
        use_smtp(settings, controller.port)
        with pytest.raises(MailServerDown):
            run_pass()
        assert mailbox.messages == []
    assert Delivery.objects.pending().count() == 1


def test_a_briefing_scheduled_for_later_is_mailed_when_it_comes_into_view(mailbox, make_briefing):
    follow()
    briefing = make_briefing(exchanges=2, held_at=timezone.now() + datetime.timedelta(hours=1))
    run_pass()
    assert messages(mailbox) == []
    assert not Announcement.objects.filter(briefing=briefing).exists()
    # Its time comes (as if an hour had passed).
    type(briefing).objects.filter(pk=briefing.pk).update(held_at=recent())
    run_pass()
    run_pass()
    assert len(messages(mailbox)) == 1


def test_a_draft_is_never_mailed(mailbox, make_briefing):
    follow()
    draft = make_briefing(exchanges=1, status=Status.DRAFT, held_at=recent())
    run_pass()
    assert messages(mailbox) == []
    # Published, then unpublished before the worker got to send it: nothing goes out.
    draft.status = Status.PUBLISHED
    draft.save()
    announce_new_briefings()
    type(draft).objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    run_pass()
    assert messages(mailbox) == []
    assert not Delivery.objects.exists()


def test_each_kind_gets_what_concerns_it(mailbox, make_briefing):
    climate_briefing = make_briefing(exchanges=3, held_at=recent(), title="Climate day")
    climate_briefing.exchanges.get(position=3).tags.add("climate")
    run_pass()  # announced with nobody subscribed
    tag = climate_briefing.exchanges.get(position=3).tags.get()
    bloomberg, cctv = factories.outlet("Bloomberg"), factories.outlet("CCTV")
    follow(Kind.TOPIC, email="topic@example.org", topic=tag)
    follow(Kind.OUTLET, email="outlet@example.org", outlet=bloomberg)
    follow(Kind.OUTLET, email="cctv@example.org", outlet=cctv)
    follow(Kind.SPOKESPERSON, email="speaker@example.org", spokesperson=factories.spokesperson())
    follow(Kind.SEARCH, email="search@example.org", query="Question 2")
    follow(Kind.SEARCH, email="nothing@example.org", query="nowhere-said")

    briefing = make_briefing(exchanges=2, held_at=recent(minutes=1), title="Trade day")
    briefing.exchanges.get(position=2).tags.add("climate")
    run_pass()
    to = {message["To"]: message for message in messages(mailbox)}
    # Bloomberg asked question 1 and AFP question 2 (the factory's outlets take turns, CCTV
    # first at position 0); CCTV asked nothing this time.
    assert set(to) == {
        "topic@example.org",
        "outlet@example.org",
        "speaker@example.org",
        "search@example.org",
    }
    assert "Question 2 of briefing" in body(to["topic@example.org"])
    assert "Question 1 of briefing" not in body(to["topic@example.org"])
    assert "Question 1 of briefing" in body(to["outlet@example.org"])
    assert "Question 2 of briefing" not in body(to["outlet@example.org"])
    assert "Question 2 of briefing" in body(to["search@example.org"])
    assert all("Trade day" in message["Subject"] for message in to.values())


def test_the_daily_digest_gathers_a_days_briefings_into_one_mail(mailbox, settings, make_briefing):
    settings.ALERTS_DIGEST_HOUR = 8
    follow(frequency=Frequency.DAILY)
    first = make_briefing(exchanges=1, held_at=recent(), title="Morning briefing")
    second = make_briefing(exchanges=1, held_at=recent(minutes=1), title="Evening briefing")
    today_8 = last_digest_moment(timezone.now())
    before = today_8 - datetime.timedelta(minutes=1)
    subscription = Subscription.objects.get()
    subscription.last_digest_at = before - datetime.timedelta(hours=1)
    subscription.save()
    # The last digest went out before today's 8 o'clock: one is due.
    run_pass(now=today_8 + datetime.timedelta(minutes=1))
    [digest] = messages(mailbox)
    assert digest["Subject"] == "Every new briefing: 2 new briefings"
    text = body(digest)
    assert text.index(first.title) < text.index(second.title)
    # The next pass the same day sends nothing more.
    run_pass(now=today_8 + datetime.timedelta(minutes=2))
    assert len(messages(mailbox)) == 1
    assert Delivery.objects.pending().count() == 0


def test_no_digest_before_its_hour(mailbox, settings, make_briefing):
    settings.ALERTS_DIGEST_HOUR = 8
    subscription = follow(frequency=Frequency.DAILY)
    make_briefing(exchanges=1, held_at=recent())
    moment = last_digest_moment(timezone.now())
    subscription.last_digest_at = moment + datetime.timedelta(minutes=1)
    subscription.save()
    run_pass(now=moment + datetime.timedelta(minutes=2))
    assert messages(mailbox) == []
    assert Delivery.objects.pending().count() == 1


def test_two_passes_at_once_record_one_delivery(mailbox, make_briefing):
    follow()
    briefing = make_briefing(exchanges=1, held_at=recent())
    run_pass()
    # Whatever happens, the table refuses a second delivery of the same briefing.
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(subscription=Subscription.objects.get(), briefing=briefing)
    assert len(messages(mailbox)) == 1
