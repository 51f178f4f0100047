import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from embassy.alerts.models import Kind, Subscription
from tests.embassy.alerts.conftest import messages

pytestmark = pytest.mark.django_db


def test_one_pass_from_the_command_line(mailbox, make_briefing):
    Subscription.objects.create(email="reader@example.org", kind=Kind.BRIEFINGS, language="en")
    make_briefing(exchanges=1, held_at=timezone.now() - datetime.timedelta(minutes=1))
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert out.getvalue() == "1 briefings announced, 1 alerts and 0 digests sent.\n"
    assert len(messages(mailbox)) == 1


def test_a_mail_server_down_is_a_clear_failure(smtp_down, make_briefing):
    Subscription.objects.create(email="reader@example.org", kind=Kind.BRIEFINGS, language="en")
    make_briefing(exchanges=1, held_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(CommandError, match="the alerts owed stay owed"):
        call_command("send_alerts", stdout=io.StringIO())
