""" "Suggest to a friend" through a real SMTP server on loopback, and with the server down."""

import email
import email.policy
import socket
import time

import pytest

from embassy.environment import SMTP_BACKEND
from tests.loopback import free_port, smtp_server

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Alice Example",
    "email": "alice@example.org",
    "friends": "bob@example.net\ncarol@example.com",
    "note": "The second question is the one.",
    "website": "",
}


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    settings.DEFAULT_FROM_EMAIL = "news@embassy.example"


def received(envelope):
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def test_the_friends_receive_the_link_through_a_real_smtp_server(
    client, briefing, suggest_url, settings
):
    with smtp_server() as (controller, mailbox):
        use_smtp(settings, controller.port)
        response = client.post(suggest_url, FORM, follow=True)

    assert "Your suggestion was sent to 2 friends." in response.content.decode()
    assert [e.rcpt_tos for e in mailbox.messages] == [["bob@example.net"], ["carol@example.com"]]
    link = "http://testserver" + briefing.get_absolute_url()
    for envelope, friend in zip(
        mailbox.messages, ["bob@example.net", "carol@example.com"], strict=True
    ):
        assert envelope.mail_from == "news@embassy.example"
        message = received(envelope)
        assert message["To"] == friend
        # The embassy's address, named as the embassy (DEFAULT_FROM_EMAIL names no one).
        assert message["From"] == "Embassy of the People's Republic of China <news@embassy.example>"
        assert message["Reply-To"] == "alice@example.org"
        assert message["Cc"] is None and message["Bcc"] is None
        assert message["Subject"] == f"A page suggested to you: {briefing.title}"
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for part in (text, html):
            assert link in part
            assert "28 January 2021, 19:34 Beijing time" in part
            assert "The second question is the one." in part
            assert "Alice Example" in part and "alice@example.org" in part


def test_with_the_mail_server_down_nothing_is_lost_and_the_visitor_is_told(
    client, suggest_url, settings, caplog
):
    use_smtp(settings, free_port())  # nothing listens there: connection refused
    settings.SUGGEST_RATE_LIMIT = {"sends": 2, "period": 3600}
    started = time.monotonic()
    response = client.post(suggest_url, FORM)
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    html = response.content.decode()
    assert "The mail server could not be reached or did not accept the mail" in html
    assert "nothing was sent" in html
    form = response.context["form"]
    for name in ("name", "email", "friends", "note"):
        assert form[name].value() == FORM[name]
    assert "Could not reach the mail server" in caplog.text
    assert "ConnectionRefusedError" in caplog.text  # logged with its traceback
    assert elapsed < 2

    # Nothing was sent, so nothing counted: once the server is back, both friends get it.
    with smtp_server() as (controller, mailbox):
        settings.EMAIL_PORT = controller.port
        assert client.post(suggest_url, FORM).status_code == 302
    assert len(mailbox.messages) == 2


def test_a_mail_server_that_never_answers_does_not_hang_the_request(
    client, suggest_url, settings, caplog
):
    # A listening socket that never says hello: connect() succeeds, the greeting never comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        use_smtp(settings, silent.getsockname()[1])
        settings.EMAIL_TIMEOUT = 1
        started = time.monotonic()
        response = client.post(suggest_url, FORM)
        elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert "nothing was sent" in response.content.decode()
    assert "TimeoutError" in caplog.text
    assert elapsed < 3


def test_when_one_friend_is_refused_the_visitor_is_told_exactly_who_got_it(
    client, suggest_url, settings, caplog
):
    settings.SUGGEST_RATE_LIMIT = {"sends": 3, "period": 3600}
    data = {**FORM, "friends": "bob@example.net, nobody@example.com, carol@example.com"}
    with smtp_server(refuse={"nobody@example.com"}) as (controller, mailbox):
        use_smtp(settings, controller.port)
        response = client.post(suggest_url, data)

        assert [e.rcpt_tos for e in mailbox.messages] == [
            ["bob@example.net"],
            ["carol@example.com"],
        ]
        assert response.status_code == 503
        html = response.content.decode()
        assert (
            "Your suggestion was sent to bob@example.net, carol@example.com, but the mail "
            "server did not accept it for nobody@example.com." in html
        )
        # Only the address still to be sent to is kept, with the rest of the message.
        form = response.context["form"]
        assert form["friends"].value() == "nobody@example.com"
        assert form["note"].value() == FORM["note"]
        assert form["name"].value() == FORM["name"]
        assert "refused a suggestion" in caplog.text

        # Two were sent and count; the refused one was given back: one more send is allowed.
        again = client.post(suggest_url, {**FORM, "friends": "dave@example.org"})
        assert again.status_code == 302
        refused = client.post(suggest_url, {**FORM, "friends": "erin@example.org"})
        assert refused.status_code == 429
    assert len(mailbox.messages) == 3


def test_a_page_suggested_from_the_vietnamese_site_names_the_embassy_in_vietnamese(
    client, make_briefing, settings
):
    from django.utils import translation

    from embassy.siteinfo.models import SiteProfile

    SiteProfile.objects.create(
        site_name_en="Embassy of China in Viet Nam", site_name_vi="Đại sứ quán Trung Quốc"
    )
    briefing = make_briefing(language="vi", title="Họp báo thường kỳ")
    with translation.override("vi"):
        suggest_url = briefing.get_absolute_url() + "suggest/"
    assert suggest_url.startswith("/vi/")
    with smtp_server() as (controller, mailbox):
        use_smtp(settings, controller.port)
        response = client.post(suggest_url, {**FORM, "friends": "ban@example.vn"}, follow=True)
    assert response.status_code == 200
    [envelope] = mailbox.messages
    message = received(envelope)
    assert message["From"] == "Đại sứ quán Trung Quốc <news@embassy.example>"
    with translation.override("vi"):
        subject = translation.gettext("A page suggested to you: %(title)s")
    assert message["Subject"].strip() == subject % {"title": "Họp báo thường kỳ"}
    for part in ("plain", "html"):
        text = message.get_body((part,)).get_content()
        assert "Đại sứ quán Trung Quốc" in text
        assert "Embassy of" not in text
