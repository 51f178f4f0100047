"""Fixtures of the alerts' tests: a real SMTP server on loopback, and a reader's mailbox."""

import email
import email.policy
import re

import pytest

from tests.loopback import free_port, smtp_server


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def mailbox(settings):
    with smtp_server() as (controller, mailbox):
        use_smtp(settings, controller.port)
        settings.SITE_URL = "http://testserver"
        yield mailbox


@pytest.fixture
def smtp_down(settings):
    """Mail goes to a loopback port where nothing listens."""
    use_smtp(settings, free_port())
    settings.SITE_URL = "http://testserver"


def messages(mailbox, to=None):
    found = [
        email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        for envelope in mailbox.messages
    ]
    return [m for m in found if to is None or m["To"] == to]


def body(message):
    return message.get_body(("plain",)).get_content()


def link(message, kind):
    """The path of the first <site>/alerts/<kind>/<token>/ address in the mail."""
    found = re.search(rf"https?://[^/\s]+(/alerts/{kind}/[^/\s]+/)", body(message))
    assert found, body(message)
    return found.group(1)
