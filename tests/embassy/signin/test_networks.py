"""ADMIN_ALLOWED_NETWORKS: the admin answers only there; ADMIN_URL moves it."""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from embassy.environment import env_networks, env_path_prefix
from tests.embassy.test_settings import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_only(settings):
    settings.ADMIN_ALLOWED_NETWORKS = env_networks_from("192.0.2.0/24, 2001:db8:1::/48")


def env_networks_from(value):
    os.environ["TEST_NETWORKS"] = value
    try:
        return env_networks("TEST_NETWORKS")
    finally:
        del os.environ["TEST_NETWORKS"]


@pytest.mark.parametrize("address", ["192.0.2.10", "2001:db8:1:2::5", "::ffff:192.0.2.99"])
def test_the_admin_answers_inside_the_networks(staff_client, office_only, address):
    assert staff_client.get("/admin/", REMOTE_ADDR=address).status_code == 200
    assert staff_client.get("/admin/login/", REMOTE_ADDR=address).status_code in {200, 302}


@pytest.mark.parametrize("address", ["198.51.100.1", "2001:db8:2::1", "bogus"])
def test_elsewhere_it_is_a_404_even_for_staff(staff_client, office_only, address):
    for path in ("/admin/", "/admin/login/", "/admin/second-factor/", "/zh-hans/admin/"):
        assert staff_client.get(path, REMOTE_ADDR=address).status_code == 404, path
    # The public site still answers.
    assert staff_client.get("/", REMOTE_ADDR=address).status_code == 200


def test_without_the_setting_the_admin_answers_anywhere(staff_client):
    assert staff_client.get("/admin/", REMOTE_ADDR="198.51.100.1").status_code == 200


def test_bad_networks_and_paths_are_refused():
    with pytest.raises(ImproperlyConfigured, match="not an IP"):
        env_networks_from("10.0.0.0/8, office")
    os.environ["TEST_PREFIX"] = "staff desk"
    try:
        with pytest.raises(ImproperlyConfigured, match="must be a path"):
            env_path_prefix("TEST_PREFIX", "admin/")
    finally:
        del os.environ["TEST_PREFIX"]


def test_admin_url_moves_the_admin_and_robots_does_not_tell(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.urls import reverse\n"
        "print(reverse('admin:index'), reverse('signin:enrol'))\n"
        # The view itself: its database (not migrated here) stays out of it.
        "from django.test import RequestFactory\n"
        "from embassy.views import robots_txt\n"
        "print(robots_txt(RequestFactory(HTTP_HOST='localhost').get('/robots.txt'))"
        ".content.decode())\n"
    )
    result = run_manage("shell", "-c", code, ADMIN_URL="/staff-desk-7f3k/", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "/staff-desk-7f3k/ /staff-desk-7f3k/second-factor/enrol/" in result.stdout
    robots = result.stdout.split("User-agent:", 1)[1]
    assert "Disallow: /search/" in robots
    assert "staff-desk" not in robots and "/admin/" not in robots
