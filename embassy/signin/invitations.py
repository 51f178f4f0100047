"""New staff set up their second factor through a one-time link mailed to them.

A password alone never shows an authenticator key: whoever set up the app could sign in as
that person for good. The link (SIGNIN_INVITATION_HOURS, 72 by default) is needed as well as
the password: opened while signed in as its addressee, it lets this session enrol once.
Sending a new one replaces the old; enrolling spends it.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation

SESSION_KEY = "signin:invitation"


class CannotInvite(Exception):
    """Why no invitation could be sent; fit to show to the administrator."""


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime():
    return datetime.timedelta(hours=settings.SIGNIN_INVITATION_HOURS)


def issue(user):
    """A new invitation for `user` (the old one, if any, stops working): its token."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.update_or_create(
        user=user, defaults={"digest": digest(token), "sent_at": timezone.now()}
    )
    return token


def link(token):
    return settings.SITE_URL + reverse("signin:invitation", kwargs={"token": token})


def send(user):
    """Mail `user` a new invitation link; CannotInvite without an address or a mail server."""
    if not user.email:
        raise CannotInvite(f"{user.get_username()} has no email address: add one first.")
    token = issue(user)
    context = {
        "user": user,
        "link": link(token),
        "hours": settings.SIGNIN_INVITATION_HOURS,
        "site_name": settings.SITE_NAME,
    }
    try:
        send_mail(
            _("Set up your second factor for %(site_name)s") % context,
            render_to_string("signin/invitation_mail.txt", context),
            None,
            [user.email],
        )
    except OSError as error:  # smtplib's errors are OSErrors too
        Invitation.objects.filter(user=user).delete()
        raise CannotInvite(f"The invitation to {user.email} could not be sent: {error}") from None


def live(user, token_digest):
    """Whether `token_digest` is `user`'s current invitation and has not expired."""
    return Invitation.objects.filter(
        user=user, digest=token_digest, sent_at__gt=timezone.now() - lifetime()
    ).exists()


def accept(request, token):
    """The link was opened by its signed-in addressee: this session may enrol. False if not."""
    if not live(request.user, digest(token)):
        return False
    request.session[SESSION_KEY] = digest(token)
    return True


def admitted(request):
    """This session opened a live invitation of its user."""
    token_digest = request.session.get(SESSION_KEY)
    return bool(token_digest) and live(request.user, token_digest)


def spend(request):
    """The app is set up: the invitation is used up."""
    Invitation.objects.filter(user=request.user).delete()
    request.session.pop(SESSION_KEY, None)
