"""Staff see how many follow what; addresses only with the permission for them."""

import pytest
from django.contrib.auth.models import Permission

from embassy.alerts.models import Kind, Subscription

pytestmark = pytest.mark.django_db

URL = "/admin/alerts/subscription/"


@pytest.fixture
def subscriptions(db):
    for n in range(3):
        Subscription.objects.create(email=f"reader{n}@example.org", kind=Kind.BRIEFINGS)


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("staff", "s@example.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_subscription"))
    client.force_login(user)
    return user


def test_staff_see_counts_not_addresses(client, staff, subscriptions):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "3 subscriptions" in html
    assert "reader0@example.org" not in html
    one = Subscription.objects.first()
    detail = client.get(f"{URL}{one.pk}/change/").content.decode()
    assert "reader0@example.org" not in detail
    assert client.get(URL, {"q": "reader0"}).content.decode().count("reader0@") == 0


def test_the_permission_shows_addresses(client, staff, subscriptions):
    staff.user_permissions.add(Permission.objects.get(codename="view_subscriber_address"))
    html = client.get(URL).content.decode()
    assert "reader0@example.org" in html and "reader2@example.org" in html


def test_nobody_adds_or_edits_subscriptions_in_the_admin(admin_client, subscriptions):
    assert admin_client.get(f"{URL}add/").status_code == 403
    one = Subscription.objects.first()
    response = admin_client.post(f"{URL}{one.pk}/change/", {"email": "x@example.org"})
    assert response.status_code == 403
    assert Subscription.objects.filter(email="x@example.org").count() == 0
