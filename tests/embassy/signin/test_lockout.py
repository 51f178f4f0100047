"""Wrong passwords lock out the (account, address) pair and a guessing address, visibly.

Never the account alone: a stranger who knows a username must not keep its owner out.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse

from embassy.signin.lockout import weighed_failures

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "e@example.org", "right-pw", is_staff=True
    )


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_the_right_password_after_too_many_wrong_ones_is_refused(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "editor", "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # The attacker now has the password: still refused, and not even checked.
    response = sign_in(client, "editor", "right-pw")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_stranger_cannot_lock_the_owner_out(client, django_user_model):
    django_user_model.objects.create_superuser("victimadmin", "v@example.org", "right-pw")
    for _ in range(5):
        sign_in(client, "victimadmin", "wrong", address="198.51.100.66")
    # The stranger's address is locked for that account, the owner elsewhere is not.
    assert sign_in(client, "victimadmin", "right-pw", address="198.51.100.66").status_code == 429
    response = sign_in(client, "victimadmin", "right-pw", address="192.0.2.99")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_one_address_trying_many_accounts_is_locked(client, editor, settings):
    for n in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(client, f"guess{n}", "wrong", address="203.0.113.50")
    # Under the address's limit, every pair below its own: the editor there still signs in.
    assert sign_in(client, "editor", "right-pw", address="203.0.113.50").status_code == 302
    client.logout()
    sign_in(client, "one-more-guess", "wrong", address="203.0.113.50")
    # Now the guessing address is paused whoever it names; the editor from elsewhere is not.
    assert sign_in(client, "editor", "right-pw", address="203.0.113.50").status_code == 429
    response = sign_in(client, "editor", "right-pw", address="192.0.2.1")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("pair", "address", "locked"),
    [(4, 19, False), (5, 0, True), (0, 20, True), (4, 20, True), (0, 100, True), (0, 0, False)],
)
def test_either_limit_locks_and_neither_alone_below_it(pair, address, locked):
    assert (weighed_failures(pair, address, 5, 20) >= 5) is locked


def test_superusers_see_the_failures_and_lift_a_lock_out(client, editor, django_user_model):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    assert AccessAttempt.objects.filter(username="editor").exists()
    assert AccessFailureLog.objects.filter(username="editor").count() == settings.AXES_FAILURE_LIMIT

    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    admin_client = type(client)()
    admin_client.force_login(boss)
    page = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "editor" in page and "203.0.113.7" in page
    page = admin_client.get(reverse("admin:axes_accessfailurelog_changelist")).content.decode()
    assert "editor" in page

    # Deleting the attempts lifts the lock-out.
    AccessAttempt.objects.filter(username="editor").delete()
    assert sign_in(client, "editor", "right-pw", address="192.0.2.1").status_code == 302


def test_staff_who_are_not_superusers_do_not_see_the_attempts(staff_client):
    response = staff_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 403


def test_an_ipv6_client_counts_by_its_network(client, editor):
    # One household or server has a whole /64: stepping through it is not a new address.
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"2001:db8:1:2::{n + 1}")
    assert sign_in(client, "editor", "right-pw", address="2001:db8:1:2::99").status_code == 429
    assert sign_in(client, "editor", "right-pw", address="2001:db8:1:3::1").status_code == 302
