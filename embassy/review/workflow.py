"""The steps of a review, each one transaction and one revision, whoever takes it."""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from embassy.history.recording import revision
from embassy.pages.publishing import Status

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
    with transaction.atomic(), revision(user, "Submitted for review."):
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
        f"Sent back for changes: {comment}",
    )


def approve(obj, user, publish_at=None):
    """Published now, or scheduled for `publish_at`."""
    if publish_at is not None:
        obj.publish_at = publish_at
    _step(obj, user, ReviewNote.Kind.APPROVED, Status.PUBLISHED, revision_comment="Approved.")


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
