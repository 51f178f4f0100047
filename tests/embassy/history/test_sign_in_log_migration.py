"""The rows of the old sign-in log (history.SignIn) move into django-axes' logs, times kept."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("history", "0002_corrections")]
AFTER = [("history", "0003_sign_ins_are_axes_logs")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_sign_ins_become_axes_records():
    old = migrate(BEFORE)
    SignIn = old.get_model("history", "SignIn")
    at = timezone.now() - datetime.timedelta(days=40)
    SignIn.objects.create(username="editor", succeeded=True, address="192.0.2.1")
    SignIn.objects.create(username="guess", succeeded=False, address="198.51.100.7")
    SignIn.objects.update(at=at)
    try:
        new = migrate(AFTER)
        AccessLog = new.get_model("axes", "AccessLog")
        AccessFailureLog = new.get_model("axes", "AccessFailureLog")
        log = AccessLog.objects.get()
        assert (log.username, log.ip_address, log.attempt_time) == ("editor", "192.0.2.1", at)
        failure = AccessFailureLog.objects.get()
        assert (failure.username, failure.ip_address, failure.attempt_time) == (
            "guess",
            "198.51.100.7",
            at,
        )
        assert "history_signin" not in connection.introspection.table_names()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
