"""A briefing saved as published is announced by the worker within seconds, not at the next
minute's pass: its save enqueues a pass once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from transcripts.models import Briefing

from .tasks import send_alerts


@receiver(post_save, sender=Briefing, dispatch_uid="alerts-briefing-saved")
def briefing_saved(sender, instance, **kwargs):
    if instance.is_published:
        transaction.on_commit(send_alerts.enqueue)
