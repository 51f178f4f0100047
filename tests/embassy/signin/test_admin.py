"""Superusers sign staff out everywhere, or reset their second factor, from the Users list."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

USERS = reverse("admin:auth_user_changelist")


@pytest.fixture
def boss(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def signed_in(user, n):
    clients = [Client() for _ in range(n)]
    for client in clients:
        client.force_login(user)
    return clients


def test_sign_out_everywhere_ends_every_session_of_the_chosen_users_only(boss, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    other = django_user_model.objects.create_user("other", is_staff=True)
    editors, others = signed_in(editor, 3), signed_in(other, 1)
    assert all(c.get("/admin/").status_code == 200 for c in editors)
    response = boss.post(
        USERS, {"action": "sign_out_everywhere", "_selected_action": [editor.pk]}, follow=True
    )
    assert "3 session(s) ended." in response.content.decode()
    assert all(c.get("/admin/").status_code == 302 for c in editors)
    assert others[0].get("/admin/").status_code == 200
    assert boss.get("/admin/").status_code == 200
    assert Session.objects.count() == 2


def test_reset_second_factor_action(boss, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    response = boss.post(
        USERS, {"action": "reset_second_factor", "_selected_action": [editor.pk]}, follow=True
    )
    assert "Second factor reset for 1 user(s)" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_staff_who_may_change_users_but_are_not_superusers_have_no_such_actions(
    client, django_user_model
):
    manager = django_user_model.objects.create_user("manager", is_staff=True)
    manager.user_permissions.set(Permission.objects.filter(content_type__model="user"))
    client.force_login(manager)
    page = client.get(USERS).content.decode()
    assert "sign_out_everywhere" not in page
    assert "reset_second_factor" not in page


def test_a_session_lasts_a_working_day_of_inactivity_and_each_request_extends_it(
    settings, client, django_user_model
):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    first = Session.objects.get().expire_date
    client.get("/admin/")
    assert Session.objects.get().expire_date > first


# --- people (#28) ---------------------------------------------------------------------------

ADD_USER = reverse("admin:auth_user_add")


def test_a_colleague_is_added_on_one_page_as_staff_in_their_role(boss, django_user_model):
    page = boss.get(ADD_USER).content.decode()
    for name in ("first_name", "last_name", "email", "role", "username", "password1"):
        assert f'name="{name}"' in page
    assert "Publisher: also publishes" in page
    response = boss.post(
        ADD_USER,
        {
            "first_name": "Lan",
            "last_name": "Nguyen",
            "email": "lan@example.org",
            "role": "Publisher",
            "username": "lan",
            "usable_password": "true",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    lan = django_user_model.objects.get(username="lan")
    assert (lan.get_full_name(), lan.email, lan.is_staff) == ("Lan Nguyen", "lan@example.org", True)
    assert [g.name for g in lan.groups.all()] == ["Publisher"]
    assert not lan.is_superuser
    assert lan.has_perm("transcripts.publish_briefing")


def test_a_role_is_required_and_must_be_one_of_the_two(boss, django_user_model):
    data = {
        "first_name": "X",
        "email": "x@example.org",
        "username": "x",
        "usable_password": "false",
    }
    for role in ("", "Administrator"):
        response = boss.post(ADD_USER, {**data, "role": role})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["role"]
    assert not django_user_model.objects.filter(username="x").exists()


def test_the_list_says_each_role_and_whether_the_second_factor_is_set(
    boss, django_user_model, role_user
):
    editor, publisher = role_user("Editor"), role_user("Publisher")
    TOTPDevice.objects.create(user=publisher, name="app", confirmed=True)
    TOTPDevice.objects.create(user=editor, name="app", confirmed=False)  # not finished
    response = boss.get(USERS)
    rows = {
        user.username: (response.context["cl"].model_admin.role(user), user.app_set_up)
        for user in response.context["cl"].result_list
    }
    assert rows["editor"] == ("Editor", False)
    assert rows["publisher"] == ("Publisher", True)
    assert rows["boss"] == ("Administrator", False)
    page = response.content.decode()
    assert "Second factor" in page and "Role" in page


def test_resetting_a_second_factor_is_written_in_the_user_s_history(boss, role_user):
    from django.contrib.admin.models import LogEntry

    editor = role_user("Editor")
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    boss.post(USERS, {"action": "reset_second_factor", "_selected_action": [editor.pk]})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = LogEntry.objects.get(object_id=str(editor.pk))
    assert entry.get_change_message() == "Reset the second factor and ended their sessions."
    assert entry.user.username == "boss"
