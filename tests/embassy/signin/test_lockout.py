"""Wrong passwords lock out the account and the client address (django-axes), visibly."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse

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


def test_the_account_is_locked_from_any_address(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n + 1}")
    assert sign_in(client, "editor", "right-pw", address="192.0.2.99").status_code == 429


def test_one_address_trying_many_accounts_is_locked(client, editor, django_user_model):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", address="203.0.113.50")
    # The real editor, from elsewhere, still signs in; the guessing address does not.
    assert sign_in(client, "editor", "right-pw", address="203.0.113.50").status_code == 429
    response = sign_in(client, "editor", "right-pw", address="192.0.2.1")
    assert response.status_code == 302


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
