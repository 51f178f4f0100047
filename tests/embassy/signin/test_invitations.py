"""New staff set up their second factor only through the link mailed to them, once, in time.

The mail goes through a real SMTP server on loopback (aiosmtpd); the codes are computed from
the key the enrolment page shows, by RFC 6238 (test_second_factor.totp).
"""

import datetime
import email
import email.policy
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from embassy.signin.models import Invitation
from tests.embassy.alerts.conftest import use_smtp
from tests.embassy.signin.test_second_factor import totp
from tests.html_forms import read_form
from tests.loopback import free_port, smtp_server

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ENROL = reverse("signin:enrol")
SECOND = reverse("signin:second-factor")
USERS = reverse("admin:auth_user_changelist")
LINK = re.compile(r"http://testserver(/\S+/invitation/[\w-]+/)")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def mailbox(settings):
    with smtp_server() as (controller, mailbox):
        use_smtp(settings, controller.port)
        yield mailbox


def mails(mailbox):
    return [
        email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        for envelope in mailbox.messages
    ]


@pytest.fixture
def newcomer(django_user_model):
    user = django_user_model.objects.create_user(
        "newcomer", "newcomer@example.org", "pw-new", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="transcripts"))
    return user


@pytest.fixture
def administrator(django_user_model):
    """A superuser who has set up a second factor already (their session is verified)."""
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss")
    client = Client()
    client.force_login(boss)
    device = TOTPDevice.objects.create(user=boss, name="app", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def invite(administrator, *users):
    return administrator.post(
        USERS,
        {"action": "send_invitation", "_selected_action": [u.pk for u in users]},
        follow=True,
    )


def signed_in(password="pw-new", username="newcomer", next_url="/admin/"):
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": password, "next": next_url})
    assert response.status_code == 302
    return client


def link_in(message):
    return LINK.search(message.get_content()).group(1)


def test_a_password_alone_never_shows_the_key(newcomer):
    client = signed_in()
    page = client.get(ENROL)
    assert page.status_code == 403
    text = page.content.decode()
    assert "open the link in the invitation" in text
    assert 'id="totp-secret"' not in text and "signin-qr" not in text
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert client.post(ENROL, {"token": "123456"}).status_code == 403
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_the_mailed_link_and_the_password_set_up_the_app_once(administrator, newcomer, mailbox):
    answer = invite(administrator, newcomer)
    assert "Invitation sent to newcomer@example.org" in answer.content.decode()
    (message,) = mails(mailbox)
    assert message["To"] == "newcomer@example.org"
    assert "Set up your second factor" in message["Subject"]
    assert "works once, for 72 hours" in message.get_content()
    path = link_in(message)

    # Opened before signing in: the sign-in page first, then back to the link.
    client = Client()
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    response = client.post(LOGIN, {"username": "newcomer", "password": "pw-new", "next": path})
    assert response["Location"] == path
    response = client.get(path)
    assert response["Location"].startswith(ENROL)
    page = client.get(response["Location"]).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    done = client.post(ENROL, {"token": totp(secret), "next": "/admin/"})
    assert done.status_code == 200
    assert len(re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())) == 10
    assert client.get("/admin/").status_code == 200
    assert not Invitation.objects.exists()

    # Spent: someone else with the password and the mail gets nothing from it.
    other = signed_in()
    assert other.get(path)["Location"].startswith(SECOND)
    assert other.get(ENROL)["Location"].startswith(SECOND)


def test_the_link_expires(newcomer, mailbox, administrator, settings):
    invite(administrator, newcomer)
    path = link_in(mails(mailbox)[0])
    Invitation.objects.update(
        sent_at=timezone.now()
        - datetime.timedelta(hours=settings.SIGNIN_INVITATION_HOURS, minutes=1)
    )
    client = signed_in()
    response = client.get(path)
    assert response.status_code == 404
    assert "older than 72 hours" in response.content.decode()
    assert client.get(ENROL).status_code == 403


def test_sending_again_replaces_the_old_link(newcomer, mailbox, administrator):
    invite(administrator, newcomer)
    invite(administrator, newcomer)
    first, second = (link_in(m) for m in mails(mailbox))
    assert first != second
    client = signed_in()
    assert client.get(first).status_code == 404
    assert client.get(second)["Location"].startswith(ENROL)
    assert client.get(ENROL).status_code == 200


def test_a_link_opens_nothing_for_another_account(
    newcomer, mailbox, administrator, django_user_model
):
    django_user_model.objects.create_user("colleague", "c@example.org", "pw-c", is_staff=True)
    invite(administrator, newcomer)
    path = link_in(mails(mailbox)[0])
    client = signed_in(username="colleague", password="pw-c")
    assert client.get(path).status_code == 404
    assert client.get(ENROL).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_staff_made_in_the_admin_are_invited_at_once(administrator, django_user_model, mailbox):
    user = django_user_model.objects.create_user("fresh", "", "pw-fresh")
    change = reverse("admin:auth_user_change", args=[user.pk])
    form = read_form(
        administrator.get(change).content.decode(), lambda f: f.get("id") == "user_form"
    )
    # Multiple selects with nothing chosen send nothing (the reader gives "").
    fields = {name: value for name, value in form.fields.items() if value or "_" not in name}
    fields.pop("groups", None), fields.pop("user_permissions", None)
    fields.update({"email": "fresh@example.org", "is_staff": "on", "_save": "Save"})
    # Sent once the save is committed (hence a test whose transactions commit).
    response = administrator.post(change, fields, follow=True)
    assert "Invitation sent to fresh@example.org" in response.content.decode()
    (message,) = mails(mailbox)
    assert message["To"] == "fresh@example.org"
    # Saved again: no second mail while the first invitation stands.
    administrator.post(change, fields)
    assert len(mails(mailbox)) == 1


def test_without_an_address_or_a_mail_server_the_admin_is_told(administrator, newcomer, settings):
    newcomer.email = ""
    newcomer.save()
    page = invite(administrator, newcomer).content.decode()
    assert "ewcomer has no email address: add one first" in page
    newcomer.email = "newcomer@example.org"
    newcomer.save()
    use_smtp(settings, free_port())
    page = invite(administrator, newcomer).content.decode()
    assert "could not be sent" in page
    assert not Invitation.objects.exists()


def test_the_session_key_changes_when_the_second_factor_is_given(newcomer, administrator, mailbox):
    invite(administrator, newcomer)
    client = signed_in()
    client.get(link_in(mails(mailbox)[0]))
    page = client.get(ENROL).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    before = client.cookies["sessionid"].value
    client.post(ENROL, {"token": totp(secret), "next": "/admin/"})
    after_enrolment = client.cookies["sessionid"].value
    assert after_enrolment != before
    # The key seen before the code no longer signs anyone in.
    stale = Client()
    stale.cookies["sessionid"] = before
    assert stale.get("/admin/")["Location"].startswith(LOGIN)

    # And at each later sign-in, after the code.
    client.post(reverse("admin:logout"))
    client = signed_in()
    before = client.cookies["sessionid"].value
    later = totp(secret, timezone.now().timestamp() + 30)
    assert client.post(SECOND, {"token": later, "next": "/admin/"}).status_code == 302
    assert client.cookies["sessionid"].value != before
    assert client.get("/admin/").status_code == 200


def test_the_command_prints_a_link_for_the_first_administrator(newcomer, capsys):
    from django.core.management import call_command

    call_command("send_invitation", "newcomer", "--show-link")
    path = LINK.search(capsys.readouterr().out).group(1)
    client = signed_in()
    assert client.get(path)["Location"].startswith(ENROL)
