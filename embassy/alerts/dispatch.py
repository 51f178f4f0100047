"""The pass the worker runs every minute (and after each briefing published from the admin).

1. Announce: each published briefing not announced yet (just published, or come into view at
   its time) gets its Announcement and a Delivery for every subscription it concerns, in one
   transaction: the decision and its record are one.
2. Send what is owed to immediate subscriptions, one Delivery at a time: the row is locked,
   the mail sent, the row marked sent, then committed. A mail server that is down raises
   MailServerDown and rolls back that Delivery, which stays owed for the next pass: delayed,
   not lost. A retry or a restart finds every mailed Delivery marked sent and sends it no more.
3. Daily digests: once a day, from ALERTS_DIGEST_HOUR (site time), each daily subscription
   with owed Deliveries gets one mail of them all.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from embassy.core.mailforms import SEND_ERRORS
from transcripts.models import Briefing, Exchange

from .mail import alert_message
from .matching import concerned
from .models import Announcement, Delivery, Frequency, Subscription

logger = logging.getLogger(__name__)


class MailServerDown(Exception):
    """The mail server could not be reached or refused: what is owed stays owed."""


@dataclass
class PassReport:
    announced: int = 0
    sent: int = 0
    digests: int = 0

    def __str__(self):
        return (
            f"{self.announced} briefings announced, {self.sent} alerts and "
            f"{self.digests} digests sent."
        )


def announce_new_briefings():
    """Announce what came into view since the last pass; return how many briefings."""
    waiting = (
        Briefing.objects.published()
        .exclude(pk__in=Announcement.objects.values("briefing"))
        .order_by("held_at", "pk")
    )
    announced = 0
    for briefing in waiting:
        try:
            with transaction.atomic():
                Announcement.objects.create(briefing=briefing)
                Delivery.objects.bulk_create(
                    Delivery(subscription=subscription, briefing=briefing, exchange_ids=ids)
                    for subscription, ids in concerned(briefing)
                )
        except IntegrityError:
            continue  # another worker announced it first
        announced += 1
    return announced


def items_of(deliveries):
    """[(briefing, exchanges)] of the deliveries, for the mail, in two queries."""
    wanted = {pk for delivery in deliveries for pk in delivery.exchange_ids}
    exchanges = Exchange.objects.select_related("briefing", "outlet", "responder").in_bulk(wanted)
    return [
        (delivery.briefing, [exchanges[pk] for pk in delivery.exchange_ids if pk in exchanges])
        for delivery in deliveries
    ]


def owed_to_immediate():
    return Delivery.objects.pending().filter(subscription__frequency=Frequency.IMMEDIATE)


def send(message):
    try:
        message.send()
    except SEND_ERRORS as error:
        raise MailServerDown(str(error)) from error


def send_immediate(connection):
    sent = 0
    for pk in owed_to_immediate().order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .pending()
                .select_related("subscription", "briefing")
                .filter(pk=pk)
                .first()
            )
            if delivery is None:
                continue  # sent by another worker meanwhile
            if not Briefing.objects.published().filter(pk=delivery.briefing_id).exists():
                # Unpublished since it was announced: a draft is never mailed.
                delivery.delete()
                continue
            send(alert_message(delivery.subscription, items_of([delivery]), connection))
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["sent_at"])
        sent += 1
    return sent


def last_digest_moment(now):
    """The latest ALERTS_DIGEST_HOUR o'clock (site time) at or before `now`."""
    local = timezone.localtime(now)
    moment = local.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return moment if moment <= local else moment - datetime.timedelta(days=1)


def send_digests(connection, now):
    moment = last_digest_moment(now)
    due = (
        Subscription.objects.filter(frequency=Frequency.DAILY, deliveries__sent_at__isnull=True)
        .exclude(last_digest_at__gte=moment)
        .distinct()
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            )
            if subscription is None:
                continue
            owed = list(
                subscription.deliveries.pending()
                .filter(briefing__in=Briefing.objects.published())
                .select_related("briefing")
                .order_by("briefing__held_at", "briefing_id")
            )
            if owed:
                send(alert_message(subscription, items_of(owed), connection))
                Delivery.objects.filter(pk__in=[d.pk for d in owed]).update(sent_at=now)
                sent += 1
            subscription.last_digest_at = now
            subscription.save(update_fields=["last_digest_at"])
    return sent


def run_pass(now=None):
    """One pass: announce, send immediate alerts, send the digests that are due."""
    now = now or timezone.now()
    report = PassReport(announced=announce_new_briefings())
    if not (
        owed_to_immediate().exists()
        or Subscription.objects.filter(
            frequency=Frequency.DAILY, deliveries__sent_at__isnull=True
        ).exists()
    ):
        return report
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except SEND_ERRORS as error:
        raise MailServerDown(str(error)) from error
    try:
        report.sent = send_immediate(connection)
        report.digests = send_digests(connection, now)
    finally:
        try:
            connection.close()
        except SEND_ERRORS:
            logger.warning("Could not close the mail connection cleanly", exc_info=True)
    return report
