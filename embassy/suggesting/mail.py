"""The suggestion mail: one message per friend, sent over one connection, reported honestly."""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from embassy.core.mailforms import REFUSED_MESSAGE, SEND_ERRORS

logger = logging.getLogger(__name__)

# What a mail program would turn into a link: a scheme (https:, mailto:, data:...), "www.",
# or a bare domain name with a path or a known-looking ending ("evil.example/x", "evil.com").
LINK_LIKE = re.compile(
    r"\b[a-z][a-z0-9+.-]*:(?://)?\S+"
    r"|\bwww\.\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#:]\S*)?\b",
    re.IGNORECASE,
)
LINK_LEFT_OUT = "[link left out]"


def without_links(text):
    """The visitor's text with everything a mail program could make a link of left out: the
    mail goes out under the embassy's address and must not carry someone else's links."""
    return LINK_LIKE.sub(LINK_LEFT_OUT, text)


@dataclass(frozen=True)
class Suggestion:
    page_title: str
    page_url: str  # absolute, built by the server from the page itself
    held_at: datetime | None
    sender_name: str
    sender_email: str
    note: str
    site_name: str
    site_url: str
    sender: str = ""  # the From: the embassy's address, named in the page's language

    @property
    def subject(self):
        # The page's title only: nothing the visitor typed reads as the embassy speaking.
        # Titles are one line already; collapsing whitespace makes sure of it for the header.
        subject = _("A page suggested to you: %(title)s") % {"title": self.page_title}
        return " ".join(subject.split())

    @property
    def quoted_note(self):
        """The note as a quotation in the plain-text mail: each line starts with "> "."""
        return "\n".join(f"> {line}".rstrip() for line in self.note.splitlines())


def page_date(page):
    """A briefing's date and time, or its exchange's; None for sections and articles."""
    if hasattr(page, "held_at"):
        return page.held_at
    briefing = getattr(page, "briefing", None)
    return getattr(briefing, "held_at", None)


def profile_of(request):
    """The site profile of the request's mission. Through the app registry, as contrib.auth's
    get_user_model(): the content pages' routes (embassy/pages/routes.py) import this app's
    view, and the profile's app builds on the content pages."""
    return apps.get_model("siteinfo", "SiteProfile").of_request(request)


def suggestion_for(request, page, sender_name, sender_email, note):
    return Suggestion(
        page_title=page.title,
        # The request's host is one of ALLOWED_HOSTS, or Django has refused the request.
        page_url=request.build_absolute_uri(page.get_absolute_url()),
        held_at=page_date(page),
        sender_name=without_links(sender_name),
        sender_email=sender_email,
        note=without_links(note),
        # The embassy's name in the page's language: the friend reads the page in it.
        site_name=profile_of(request).name,
        site_url=request.build_absolute_uri("/"),
        sender=profile_of(request).sender(get_language()),
    )


def message_to(friend, suggestion, connection=None):
    """The mail to one friend: they see their own address only."""
    context = {"suggestion": suggestion}
    message = EmailMultiAlternatives(
        subject=suggestion.subject,
        body=render_to_string("suggesting/suggestion_mail.txt", context),
        from_email=suggestion.sender or settings.DEFAULT_FROM_EMAIL,
        to=[friend],
        reply_to=[suggestion.sender_email],
        connection=connection,
    )
    message.attach_alternative(
        render_to_string("suggesting/suggestion_mail.html", context), "text/html"
    )
    return message


@dataclass
class Delivery:
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def deliver(suggestion, friends):
    """Send the suggestion to each friend over one connection; say who got it and who didn't."""
    delivery = Delivery()
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except SEND_ERRORS:
        logger.exception("Could not reach the mail server to suggest %s", suggestion.page_url)
        delivery.failed = list(friends)
        return delivery
    try:
        for position, friend in enumerate(friends):
            try:
                sent = connection.send_messages([message_to(friend, suggestion, connection)])
            except REFUSED_MESSAGE:
                logger.exception(
                    "The mail server refused a suggestion of %s to a friend at %s",
                    suggestion.page_url,
                    friend.rpartition("@")[2],
                )
                delivery.failed.append(friend)
                continue
            except SEND_ERRORS:
                # The connection itself failed: trying the others would only wait for the
                # timeout again, once per friend.
                logger.exception("Lost the mail server while suggesting %s", suggestion.page_url)
                delivery.failed.extend(friends[position:])
                break
            (delivery.sent if sent else delivery.failed).append(friend)
    finally:
        try:
            connection.close()
        except SEND_ERRORS:
            logger.warning("Could not close the mail connection cleanly", exc_info=True)
    return delivery
