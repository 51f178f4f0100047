"""The steps of a review, each one transaction and one revision, whoever takes it."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from embassy.history.entries import said
from embassy.history.recording import revision
from embassy.pages.publishing import Status, published_now_at

from .models import ReviewNote
from .roles import PUBLISHER

logger = logging.getLogger(__name__)


def _step(obj, user, kind, status, comment="", revision_comment=""):
    with transaction.atomic(), revision(user, revision_comment):
        obj.status = status
        obj.save()
        ReviewNote.objects.create(content_object=obj, kind=kind, comment=comment, written_by=user)


def submitted(obj, user, links):
    """Record that `obj` (already saved as In review) was submitted, and tell the publishers.

    `links` are the absolute addresses of its change page and of the waiting list."""
    ReviewNote.objects.create(content_object=obj, kind=ReviewNote.Kind.SUBMITTED, written_by=user)
    transaction.on_commit(lambda: mail_publishers(obj, user, links))


def submit(obj, user, links):
    with transaction.atomic(), revision(user, gettext_noop("Submitted for review.")):
        obj.status = Status.REVIEW
        obj.save()
        submitted(obj, user, links)


def send_back(obj, user, comment):
    _step(
        obj,
        user,
        ReviewNote.Kind.SENT_BACK,
        Status.DRAFT,
        comment,
        said(gettext_noop("Sent back for changes: %(comment)s"), comment=comment),
    )


def approve(obj, user, publish_at=None):
    """Published now, or scheduled for `publish_at`."""
    obj.publish_at = publish_at or published_now_at(obj, timezone.now())
    _step(
        obj,
        user,
        ReviewNote.Kind.APPROVED,
        Status.PUBLISHED,
        revision_comment=gettext_noop("Approved."),
    )


def publishers():
    return get_user_model().objects.filter(is_active=True, groups__name=PUBLISHER).exclude(email="")


def mail_publishers(obj, user, links):
    """One mail to every publisher, through the site's mail settings; a failure is logged, the
    submission stands (it is listed under Waiting for review either way)."""
    recipients = sorted(set(publishers().values_list("email", flat=True)))
    if not recipients:
        return
    kind = obj._meta.verbose_name
    change_url, waiting_url = links
    who = user.get_full_name() or user.get_username()
    try:
        send_mail(
            f"For review: {obj}",
            f"{who} submitted the {kind} “{obj}” for review.\n\n"
            f"Check it: {change_url}\n"
            f"Everything waiting for review: {waiting_url}\n",
            None,
            recipients,
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not mail the publishers about %s %s", kind, obj.pk)


def author_of(obj):
    """Who submitted `obj` last (None if nobody did, or their account is gone)."""
    note = ReviewNote.objects.about(obj).filter(kind=ReviewNote.Kind.SUBMITTED).first()
    return note.written_by if note else None


def author_language(user):
    """The language of a member of staff's mail: the site's (staff have no language of their
    own in this project)."""
    return settings.LANGUAGE_CODE


def mail_author(obj, author, subject_and_body):
    """One mail to the author, in their language; `subject_and_body()` is called under it. A
    failure is logged, the decision stands (the author sees it on the change page)."""
    if author is None or not author.is_active or not author.email:
        return
    with translation.override(author_language(author)):
        subject, body = subject_and_body()
    try:
        send_mail(subject, body, None, [author.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not mail the author of %s %s", obj._meta.verbose_name, obj.pk)


def mail_sent_back(obj, author, user, comment, change_url):
    def written():
        title = str(obj)
        return _("Sent back for changes: %(title)s") % {"title": title}, _(
            "%(who)s sent “%(title)s” back to you for changes:\n\n%(comment)s\n\n"
            "Change it here: %(url)s\n"
        ) % {"who": _name_of(user), "title": title, "comment": comment, "url": change_url}

    transaction.on_commit(lambda: mail_author(obj, author, written))


def mail_published(obj, author, user, state, page_url, change_url):
    """`state` is the state in words ("Published", "Scheduled for ..."), written by the caller
    under the author's language (see mail_author)."""

    def written():
        title = str(obj)
        return _("Approved: %(title)s") % {"title": title}, _(
            "%(who)s approved “%(title)s”: %(state)s.\n\n"
            "Its page: %(page)s\nIn the admin: %(url)s\n"
        ) % {
            "who": _name_of(user),
            "title": title,
            "state": state(),
            "page": page_url,
            "url": change_url,
        }

    transaction.on_commit(lambda: mail_author(obj, author, written))


def _name_of(user):
    return user.get_full_name() or user.get_username()
