"""The alerts through django-tasks' database queue and its real worker (db_worker)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from embassy.alerts import tasks
from embassy.alerts.models import Kind, Subscription
from tests.embassy.alerts.conftest import messages

pytestmark = pytest.mark.django_db(transaction=True)


def work():
    """Run the worker until nothing is ready, as `manage.py db_worker` does in production."""
    call_command(
        "db_worker", "--batch", "--interval", "0", "--no-startup-delay", stdout=io.StringIO()
    )


def test_publishing_a_briefing_enqueues_a_pass_that_the_worker_runs(mailbox, make_briefing):
    Subscription.objects.create(email="reader@example.org", kind=Kind.BRIEFINGS, language="en")
    briefing = make_briefing(exchanges=2, held_at=timezone.now() - datetime.timedelta(minutes=1))
    queued = DBTaskResult.objects.get()
    assert queued.task_path == tasks.send_alerts.module_path
    assert messages(mailbox) == []  # not in the request: in the worker
    work()
    [alert] = messages(mailbox)
    assert briefing.title in alert["Subject"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    # Saving it again enqueues another pass, which sends nothing more.
    briefing.save()
    work()
    assert len(messages(mailbox)) == 1


def test_the_every_minute_pass_schedules_itself_once(mailbox):
    out = io.StringIO()
    call_command("send_alerts", "--schedule", stdout=out)
    assert "scheduled for the worker" in out.getvalue()
    call_command("send_alerts", "--schedule", stdout=out)
    assert "already scheduled" in out.getvalue()
    work()
    runs = DBTaskResult.objects.filter(task_path=tasks.every_minute.module_path)
    assert runs.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    [waiting] = runs.filter(status=TaskResultStatus.READY)
    assert waiting.run_after > timezone.now() + datetime.timedelta(seconds=50)


def test_a_failed_pass_still_schedules_the_next(smtp_down, make_briefing):
    Subscription.objects.create(email="reader@example.org", kind=Kind.BRIEFINGS, language="en")
    make_briefing(exchanges=1, held_at=timezone.now() - datetime.timedelta(minutes=1))
    DBTaskResult.objects.all().delete()  # the pass the save enqueued
    tasks.schedule()
    work()
    runs = DBTaskResult.objects.filter(task_path=tasks.every_minute.module_path)
    assert runs.filter(status=TaskResultStatus.FAILED).count() == 1
    assert runs.filter(status=TaskResultStatus.READY).count() == 1
