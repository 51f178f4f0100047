"""Ending sessions: a superuser signs a member of staff out everywhere.

Sessions are rows of django.contrib.sessions (the default database backend); a row names its
user only inside its encoded data, so each is decoded. clearsessions (run daily, see README)
keeps the table to the live ones.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions_of(user_ids):
    """Delete every live session of these users; the number deleted."""
    wanted = {str(pk) for pk in user_ids}
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) in wanted
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)
