"""The alerts' work as django-tasks tasks (the API of Django 6's django.tasks), run by the
database backend's worker: `python manage.py db_worker`.

`send_alerts` is one pass (dispatch.run_pass). `every_minute` runs a pass and enqueues itself
again a minute later, whether the pass succeeded or not (a mail server that is down fails the
pass; the next one tries again); `python manage.py send_alerts --schedule` starts that chain
once, and does nothing when a run is already waiting.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from embassy.api import export

from .dispatch import run_pass

logger = logging.getLogger(__name__)

PERIOD = datetime.timedelta(minutes=1)


@task()
def send_alerts():
    return str(run_pass())


@task()
def every_minute():
    try:
        report = run_pass()
        # Every mission's bulk export follows the content too, so that downloads rarely wait.
        export.refresh_all()
        return str(report)
    finally:
        every_minute.using(run_after=timezone.now() + PERIOD).enqueue()


def schedule():
    """Start the every-minute chain unless a run is already waiting. True when started."""
    waiting = DBTaskResult.objects.filter(
        task_path=every_minute.module_path, status=TaskResultStatus.READY
    ).exists()
    if not waiting:
        every_minute.enqueue()
    return not waiting
