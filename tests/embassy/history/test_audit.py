"""Recent changes across the site, the deleted list, and the sign-ins of staff."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from embassy.history.recording import revision
from sections.models import Article
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

CHANGES = reverse("admin:history_change_changelist")


def test_recent_changes_say_who_what_and_link_to_the_comparison(
    admin_client, admin_user, django_user_model, make_briefing, make_article
):
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    briefing = make_briefing()
    with revision(admin_user, "Corrected the NHK answer."):
        briefing.save()
    article = make_article()
    with revision(colleague, "New visa rules."):
        article.save()
    page = admin_client.get(CHANGES).content.decode()
    assert "Corrected the NHK answer." in page and "New visa rules." in page
    version = Version.objects.get_for_object(briefing).get()
    compare = reverse("admin:transcripts_briefing_compare", args=[briefing.pk])
    assert f'href="{compare}?new={version.pk}"' in page
    by_colleague = admin_client.get(CHANGES, {"user__id__exact": colleague.pk}).content.decode()
    assert "New visa rules." in by_colleague and "NHK" not in by_colleague
    kind = ContentType.objects.get_for_model(Briefing).pk
    briefings_only = admin_client.get(CHANGES, {"kind": kind}).content.decode()
    assert "NHK" in briefings_only and "New visa rules." not in briefings_only


def test_comparing_a_first_revision_alone_asks_for_two(admin_client, make_briefing):
    briefing = make_briefing()
    with revision():
        briefing.save()
    version = Version.objects.get_for_object(briefing).get()
    compare = reverse("admin:transcripts_briefing_compare", args=[briefing.pk])
    response = admin_client.get(compare, {"new": version.pk}, follow=True)
    assert "Choose two revisions to compare." in response.content.decode()


def test_a_deleted_article_is_listed_and_recovered(admin_client, make_article):
    article = make_article(title="Visa rules")
    with revision():
        article.save()
    pk = article.pk
    article.delete()
    page = admin_client.get(reverse("admin:history_deleted")).content.decode()
    assert "Visa rules" in page
    version = Version.objects.get_deleted(Article).get()
    response = admin_client.post(reverse("admin:history_recover", args=[version.pk]))
    assert response.status_code == 302
    assert Article.objects.get(pk=pk).title == "Visa rules"
    assert Version.objects.get_for_object_reference(Article, pk).count() == 2
    after = admin_client.get(reverse("admin:history_deleted")).content.decode()
    assert 'value="Recover Visa rules"' not in after


def test_staff_sign_ins_and_failed_sign_ins_are_listed_once(admin_client, admin_user):
    client = Client()
    login = reverse("admin:login")
    client.post(login, {"username": "admin", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    client.post(login, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.9")
    # One log: django-axes' own records, no second copy of them.
    assert list(AccessFailureLog.objects.values_list("username", "ip_address")) == [
        ("admin", "203.0.113.9")
    ]
    signed_in = AccessLog.objects.filter(ip_address="203.0.113.9")  # not admin_client's own
    assert list(signed_in.values_list("username", flat=True)) == ["admin"]
    changes = admin_client.get(CHANGES).content.decode()
    sign_ins = reverse("admin:axes_accesslog_changelist")
    failures = reverse("admin:axes_accessfailurelog_changelist")
    assert f'href="{sign_ins}">Sign-ins of staff' in changes
    assert f'href="{failures}">Failed sign-ins' in changes
    for url in (sign_ins, failures):
        page = admin_client.get(url).content.decode()
        assert "203.0.113.9" in page and ">admin<" in page


def test_editors_see_recent_changes_but_not_sign_ins(editor_client):
    assert editor_client.get(CHANGES).status_code == 200
    for log in ("accesslog", "accessfailurelog"):
        assert editor_client.get(reverse(f"admin:axes_{log}_changelist")).status_code == 403


def test_an_editor_may_not_recover_published_content(editor_client, make_article):
    article = make_article(title="Published rules")
    with revision():
        article.save()
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    response = editor_client.post(reverse("admin:history_recover", args=[version.pk]), follow=True)
    assert "was published: a publisher may recover it." in response.content.decode()
    assert not Article.objects.exists()
