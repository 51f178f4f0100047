"""Staff sign in with a password and a TOTP code (or a recovery code) when it is required.

The codes are computed here from the key the enrolment page shows, by RFC 6238 itself, not
by django-otp: what a phone's app would show.
"""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from embassy.signin import invitations

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
SECOND = reverse("signin:second-factor")
ENROL = reverse("signin:enrol")


def totp(secret_b32, at=None, step=30, digits=6):
    """RFC 6238 with SHA-1, as authenticator apps compute it."""
    key = base64.b32decode(secret_b32.replace(" ", ""))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="transcripts"))
    return user


def sign_in(client, password="pw-1", next_url="/admin/transcripts/briefing/"):
    return client.post(LOGIN, {"username": "editor", "password": password, "next": next_url})


def open_invitation(client, user):
    """What the link mailed by the admin does (the mail itself: test_invitations.py)."""
    token = invitations.issue(user)
    return client.get(reverse("signin:invitation", kwargs={"token": token}))


def enrol(client):
    """Password, the invitation, then the enrolment page's key and a code: the recovery codes."""
    sign_in(client)
    open_invitation(client, get_user_model().objects.get(username="editor"))
    page = client.get(f"{ENROL}?next=/admin/").content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    done = client.post(ENROL, {"token": totp(secret), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    return secret, codes


def test_a_password_alone_reaches_only_the_enrolment_page(client, editor, make_briefing):
    draft = make_briefing(status="draft")
    response = sign_in(client)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    assert client.get("/admin/transcripts/briefing/").status_code == 302
    # On the public site the half-signed-in account is a visitor: no drafts.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_enrolment_with_a_real_code_gives_recovery_codes_and_the_admin(client, editor):
    sign_in(client)
    assert open_invitation(client, editor)["Location"].startswith(ENROL)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page  # the QR code, inline
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    wrong = client.post(ENROL, {"token": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    # django-otp pauses the device after a wrong code (1 s, then doubling), as at sign-in:
    # even the right code is refused until then, and the page says why.
    paused = client.post(ENROL, {"token": totp(secret), "next": "/admin/"})
    assert paused.status_code == 429
    assert "Too many wrong codes in a row: wait a few seconds" in paused.content.decode()
    time.sleep(1.1)
    done = client.post(ENROL, {"token": totp(secret), "next": "/admin/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/admin/transcripts/briefing/").status_code == 200


def test_the_next_sign_in_needs_the_apps_code(client, editor):
    secret, _ = enrol(client)
    client.post(reverse("admin:logout"))
    response = sign_in(client)
    response = client.get(response["Location"])
    assert response["Location"].startswith(SECOND)
    assert client.get(response["Location"]).status_code == 200
    # The same code again is refused (a code is spent once); the next period's code is good.
    assert client.post(SECOND, {"token": totp(secret)}).status_code == 400
    time.sleep(1.1)  # the pause after a wrong code
    later = client.post(SECOND, {"token": totp(secret, time.time() + 30), "next": "/admin/"})
    assert later.status_code == 302 and later["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(client, editor):
    _, codes = enrol(client)
    for attempt in ("first", "again"):
        client.post(reverse("admin:logout"))
        sign_in(client)
        response = client.post(SECOND, {"token": codes[0], "next": "/admin/"})
        if attempt == "first":
            assert response.status_code == 302
            assert client.get("/admin/").status_code == 200
        else:
            assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_an_outside_next_address_is_not_followed(client, editor):
    secret, _ = enrol(client)
    client.post(reverse("admin:logout"))
    sign_in(client)
    response = client.post(
        SECOND, {"token": totp(secret, time.time() + 30), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_a_second_enrolment_needs_a_reset(client, editor, django_user_model):
    enrol(client)
    assert client.get(ENROL)["Location"].startswith(SECOND)
    out = __import__("io").StringIO()
    call_command("reset_second_factor", "editor", stdout=out)
    assert "2 device(s) forgotten" in out.getvalue()
    assert "Invitation to set up a new app mailed to e@example.org" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    # Signed out by the reset; the next sign-in enrols a new app, through the new invitation.
    assert client.get("/admin/")["Location"].startswith(LOGIN)
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith(ENROL)
    assert client.get(ENROL).status_code == 403
    open_invitation(client, editor)
    assert client.get(ENROL).status_code == 200


def test_reset_of_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="No user"):
        call_command("reset_second_factor", "nobody")


def test_without_the_setting_a_password_is_enough(client, editor, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    sign_in(client)
    assert client.get("/admin/").status_code == 200
