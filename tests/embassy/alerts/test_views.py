"""Subscribe, confirm, unsubscribe, manage, through the real views and a real SMTP server."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from embassy.alerts import tokens
from embassy.alerts.dispatch import run_pass
from embassy.alerts.models import Delivery, Frequency, Kind, Subscription
from embassy.pages.publishing import Status
from tests.embassy.alerts.conftest import body, link, messages

pytestmark = pytest.mark.django_db

READER = "reader@example.org"


@pytest.fixture
def climate(make_briefing):
    """A published topic (a briefing carries it), already announced."""
    briefing = make_briefing(exchanges=1)
    briefing.tags.add("climate")
    run_pass()
    return briefing.tags.get()


def subscribe(client, REMOTE_ADDR="127.0.0.1", **fields):  # noqa: N803 (the WSGI name)
    data = {"email": READER, "kind": Kind.BRIEFINGS, "frequency": Frequency.IMMEDIATE}
    data.update(fields)
    return client.post("/alerts/subscribe/", data, REMOTE_ADDR=REMOTE_ADDR)


def test_a_reader_follows_a_topic_from_subscription_to_one_click_unsubscribe(
    client, climate, mailbox, make_briefing
):
    response = subscribe(client, kind=Kind.TOPIC, topic="climate", language="en")
    assert response.status_code == 302
    assert "Check your mailbox" in client.get(response["Location"]).content.decode()
    # Nothing is stored before the reader confirms.
    assert not Subscription.objects.exists()
    [confirmation] = messages(mailbox)
    assert confirmation["To"] == READER
    assert confirmation["Subject"] == "Confirm your alert: New briefings on a subject: climate"
    confirm_url = link(confirmation, "confirm")

    page = client.get(confirm_url)
    assert page.status_code == 200 and "Confirm your alert" in page.content.decode()
    assert not Subscription.objects.exists()  # a mail scanner opening the link confirms nothing
    confirmed = client.post(confirm_url)
    assert "Your alert is set up" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.topic, subscription.language) == (
        READER,
        climate,
        "en",
    )

    # A briefing on the topic is published: exactly one mail, however many passes run.
    other = make_briefing(exchanges=2)
    other.tags.add("trade")  # not followed
    on_topic = make_briefing(exchanges=3, title="Climate talks")
    on_topic.exchanges.get(position=2).tags.add("climate")
    run_pass()
    run_pass()
    alerts = messages(mailbox)[1:]
    assert len(alerts) == 1
    [alert] = alerts
    assert alert["Subject"] == "New briefings on a subject: climate: Climate talks"
    text = body(alert)
    assert "Climate talks" in text
    assert "http://testserver" + on_topic.get_absolute_url() in text
    assert "Question 2 of briefing" in text
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = link(alert, "unsubscribe")
    assert alert["List-Unsubscribe"].strip() == f"<http://testserver{unsubscribe_url}>"
    assert Delivery.objects.get().sent_at is not None

    # RFC 8058: the mail program POSTs, without a CSRF token.
    client.handler.enforce_csrf_checks = True
    done = client.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "Unsubscribed" in done.content.decode()
    assert not Subscription.objects.exists()
    make_briefing(exchanges=1, title="Climate again").tags.add("climate")
    run_pass()
    assert len(messages(mailbox)) == 2


def test_the_unsubscribe_link_asks_before_stopping(client, mailbox):
    subscription = Subscription.objects.create(email=READER, kind=Kind.BRIEFINGS, language="en")
    url = f"/alerts/unsubscribe/{tokens.unsubscribe_token(subscription)}/"
    page = client.get(url)
    assert "Stop this alert" in page.content.decode()
    assert Subscription.objects.exists()
    client.post(url)
    assert not Subscription.objects.exists()
    assert "already stopped" in client.get(url).content.decode()


def test_a_confirmation_link_expires_after_48_hours(client, mailbox, monkeypatch):
    subscribe(client)
    confirm_url = link(messages(mailbox)[0], "confirm")
    later = datetime.datetime.now().timestamp() + 48 * 3600 + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(confirm_url)
    assert response.status_code == 400
    assert "It has expired" in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_altered_link_is_refused(client, mailbox):
    subscribe(client)
    confirm_url = link(messages(mailbox)[0], "confirm")
    response = client.post(confirm_url[:-3] + "xx/")
    assert response.status_code == 400
    assert "incomplete or was changed" in response.content.decode()
    assert client.get("/alerts/manage/nonsense/").status_code == 400
    assert client.post("/alerts/unsubscribe/nonsense/").status_code == 400


def test_confirming_twice_keeps_one_subscription(client, mailbox):
    subscribe(client)
    confirm_url = link(messages(mailbox)[0], "confirm")
    client.post(confirm_url)
    client.post(confirm_url)
    assert Subscription.objects.count() == 1


def test_at_most_one_confirmation_an_hour_to_one_address(client, mailbox, settings):
    settings.ALERTS_RATE_LIMIT = {"requests": 50, "period": 3600}
    for n in range(4):
        response = subscribe(client, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302
    assert len(messages(mailbox)) == 1
    subscribe(client, email="other@example.org")
    assert len(messages(mailbox)) == 2


def test_sub_addresses_and_case_get_no_second_confirmation_within_the_hour(
    client, mailbox, settings
):
    settings.ALERTS_RATE_LIMIT = {"requests": 50, "period": 3600}
    victim = "flood-victim@example.net"
    spellings = [victim, "flood-victim+1@example.net", "flood-victim+2@example.net"]
    spellings += ["flood-victim+3@example.net", "Flood-Victim@EXAMPLE.net"]
    for n, address in enumerate(spellings):
        response = subscribe(client, email=address, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302
    [confirmation] = messages(mailbox)
    assert confirmation["To"] == victim


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("target@[127.0.0.1]", "not a network address"),
        ('"target"@example.net', "without quotation marks"),
    ],
)
def test_addresses_the_site_never_mails_are_refused(client, mailbox, address, message):
    response = subscribe(client, email=address)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert messages(mailbox) == []


def test_limits_per_client_and_per_address(client, mailbox, settings):
    settings.ALERTS_RATE_LIMIT = {"requests": 2, "period": 3600}
    assert subscribe(client, email="a@example.org").status_code == 302
    assert subscribe(client, email="b@example.org").status_code == 302
    refused = subscribe(client, email="c@example.org")
    assert refused.status_code == 429
    assert "too many alerts this hour" in refused.content.decode()
    assert len(messages(mailbox)) == 2
    # The same address from elsewhere is counted too.
    assert subscribe(client, email="a@example.org", REMOTE_ADDR="203.0.113.5").status_code == 302
    over = subscribe(client, email="a@example.org", REMOTE_ADDR="203.0.113.6")
    assert over.status_code == 429


def test_the_honeypot_and_header_injection(client, mailbox):
    bot = subscribe(client, website="http://spam.example")
    assert bot.status_code == 400
    assert "could not be made" in bot.content.decode()
    injected = subscribe(client, email="reader@example.org\nBcc: victim@example.org")
    assert injected.status_code == 400
    assert "must be on one line" in injected.content.decode()
    search = subscribe(client, kind=Kind.SEARCH, query="vaccine\r\nBcc: x@example.org")
    assert search.status_code == 400
    assert messages(mailbox) == []


def test_only_public_names_can_be_followed(client, mailbox, make_briefing):
    make_briefing(status=Status.DRAFT, exchanges=1).tags.add("secret")
    response = subscribe(client, kind=Kind.TOPIC, topic="secret")
    assert response.status_code == 400
    assert "nothing by that name to follow" in response.content.decode()
    assert messages(mailbox) == []


def test_a_mail_server_down_at_subscription_says_so(client, smtp_down):
    response = subscribe(client)
    assert response.status_code == 503
    assert "could not be sent" in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_manage_page_lists_and_removes(client, mailbox, climate):
    Subscription.objects.create(email=READER, kind=Kind.BRIEFINGS, language="en")
    kept = Subscription.objects.create(
        email="READER@example.org", kind=Kind.TOPIC, topic=climate, language="en"
    )
    Subscription.objects.create(email="someone@example.org", kind=Kind.BRIEFINGS, language="en")
    url = f"/alerts/manage/{tokens.manage_token(READER)}/"
    page = client.get(url).content.decode()
    assert "Every new briefing" in page and "New briefings on a subject: climate" in page
    assert "someone@example.org" not in page
    first = Subscription.objects.get(email=READER)
    response = client.post(url, {"remove": [str(first.pk)]})
    assert "1 alert removed" in response.content.decode()
    assert list(Subscription.objects.of_address(READER)) == [kept]
    client.post(url, {"all": "1"})
    assert not Subscription.objects.of_address(READER).exists()
    assert Subscription.objects.count() == 1


def test_subscribe_forms_on_the_list_pages(client, make_briefing):
    briefing = make_briefing(exchanges=3)
    briefing.tags.add("climate")
    pages = {
        "/briefings/": (Kind.BRIEFINGS, None),
        "/tags/climate/": (Kind.TOPIC, 'name="topic" value="climate"'),
        "/outlets/cctv/": (Kind.OUTLET, 'name="outlet" value="cctv"'),
        "/spokespeople/zhao-lijian/": (
            Kind.SPOKESPERSON,
            'name="spokesperson" value="zhao-lijian"',
        ),
        "/search/?q=Question": (Kind.SEARCH, 'name="query" value="Question"'),
    }
    for url, (kind, target) in pages.items():
        response = client.get(url)
        # No CSRF cookie: the list pages stay in the page cache.
        assert not response.cookies, url
        html = response.content.decode()
        assert 'action="/alerts/subscribe/"' in html, url
        assert f'name="kind" value="{kind}"' in html, url
        if target:
            assert f'<input type="hidden" {target}>' in html, url
        assert 'name="language" value="en"' in html, url


def test_a_subscription_confirmed_now_gets_no_old_briefing(client, mailbox, make_briefing):
    make_briefing(exchanges=1)
    run_pass()
    Subscription.objects.create(email=READER, kind=Kind.BRIEFINGS, language="en")
    run_pass()
    assert messages(mailbox) == []
    make_briefing(exchanges=1, held_at=timezone.now() - datetime.timedelta(minutes=1))
    run_pass()
    assert len(messages(mailbox)) == 1


# The alerts' own page: a choice of what exists for every kind --------------------------------


def test_the_alerts_page_offers_what_exists_to_follow(client, make_briefing):
    make_briefing(exchanges=3).tags.add("climate")
    make_briefing(exchanges=1, status=Status.DRAFT).tags.add("secret")
    response = client.get("/alerts/subscribe/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="climate">climate</option>' in html
    assert "secret" not in html  # only what the public may know of
    for outlet in ("bloomberg", "afp", "cctv"):
        assert f'<option value="{outlet}">' in html
    assert '<option value="zhao-lijian">Zhao Lijian</option>' in html
    assert 'name="query"' in html and "Words to search for" in html
    for kind in Kind:
        assert f'value="{kind}"' in html and str(kind.label) in html
    assert "<!DOCTYPE html>" in html and 'class="site-header' in html  # the site's frame


def test_a_reader_follows_an_outlet_chosen_on_the_alerts_page(client, mailbox, make_briefing):
    make_briefing(exchanges=3)
    response = subscribe(client, kind=Kind.OUTLET, outlet="cctv", language="en")
    assert response.status_code == 302
    [confirmation] = messages(mailbox)
    assert confirmation["Subject"] == "Confirm your alert: New questions from an outlet: CCTV"
    client.post(link(confirmation, "confirm"))
    assert Subscription.objects.get().outlet.slug == "cctv"


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        (Kind.TOPIC, "topic", "Choose the subject to follow."),
        (Kind.OUTLET, "outlet", "Choose the outlet to follow."),
        (Kind.SPOKESPERSON, "spokesperson", "Choose the spokesperson to follow."),
        (Kind.SEARCH, "query", "Enter the words to follow."),
    ],
)
def test_a_kind_without_what_it_follows_says_so_beside_its_choice(
    client, mailbox, make_briefing, kind, field, message
):
    make_briefing(exchanges=1)
    response = subscribe(client, kind=kind, outlet="", language="en")
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in html
    assert f'value="{kind}" id="id_kind_' in html and "checked" in html
    assert messages(mailbox) == []


def test_a_link_can_choose_the_kind_and_what_it_follows(client, make_briefing):
    make_briefing(exchanges=1).tags.add("climate")
    html = client.get("/alerts/subscribe/?kind=topic&topic=climate").content.decode()
    assert '<option value="climate" selected>climate</option>' in html
    assert 'value="topic" id="id_kind_1" required checked' in html


def test_the_alerts_pages_are_in_the_readers_language(client, mailbox, make_briefing):
    make_briefing(exchanges=1)
    html = client.get("/vi/alerts/subscribe/").content.decode()
    assert "Cơ quan báo chí" in html and "Từ khóa cần tìm" in html and "Chọn…" in html
    response = subscribe(client, kind=Kind.BRIEFINGS, language="vi")
    confirm = client.get("/vi" + link(messages(mailbox)[0], "confirm")).content.decode()
    assert response.status_code == 302
    assert "gửi tới reader@example.org" in confirm
