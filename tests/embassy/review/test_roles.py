"""The Editor and Publisher groups hold exactly the permissions of the table in roles.py."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from embassy.review.roles import EDITOR, PUBLISHER, ROLES, role_permissions

pytestmark = pytest.mark.django_db


def held(role):
    return {
        (p.content_type.app_label, p.codename)
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


@pytest.mark.parametrize("role", list(ROLES))
def test_each_group_holds_exactly_its_table(role):
    assert held(role) == role_permissions(role)


def test_publishers_may_publish_and_delete_and_editors_may_not():
    assert {("sections", "publish_article"), ("transcripts", "publish_briefing")} <= held(PUBLISHER)
    assert not {p for p in held(EDITOR) if p[1].startswith(("publish_", "delete_briefing"))}
    assert held(EDITOR) < held(PUBLISHER)


def test_a_permission_given_by_hand_is_taken_back_on_the_next_migrate():
    editors = Group.objects.get(name=EDITOR)
    editors.permissions.add(Permission.objects.get(codename="publish_briefing"))
    call_command("migrate", verbosity=0)
    assert held(EDITOR) == role_permissions(EDITOR)
