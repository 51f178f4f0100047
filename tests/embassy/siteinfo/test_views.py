"""The embassy's contact details and seal: edited in the admin, in every footer and header, and
on the Contact page."""

import pytest

from embassy.siteinfo.models import SiteProfile
from tests import factories, media_files

pytestmark = pytest.mark.django_db

DETAILS = {
    "address": "46 Hoang Dieu Street\nBa Dinh District, Hanoi",
    "telephone": "+84 24 3845 3736",
    "consular_emergency_line": "+84 91 000 1234",
    "office_hours": "Monday to Friday, 9:00–12:00",
    "email": "consular@embassy.example",
}


def test_without_details_the_contact_page_says_so_and_the_shipped_seal_shows(client):
    page = client.get("/contact/").content.decode()
    assert "<h1>Contact</h1>" in page
    assert "have not been published yet" in page
    assert (
        '<img class="site-emblem" src="/static/img/seal.svg" width="64" height="64" alt="">' in page
    )


def test_contact_details_show_in_the_footer_and_on_the_contact_page(client):
    SiteProfile(**DETAILS).save()
    home = client.get("/").content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert "46 Hoang Dieu Street, Ba Dinh District, Hanoi" in footer
    assert '<a href="tel:+842438453736">+84 24 3845 3736</a>' in footer
    assert (
        "Consular emergency line" in footer and 'href="mailto:consular@embassy.example"' in footer
    )
    assert '<a href="/contact/">Contact</a>' in footer
    page = client.get("/contact/").content.decode()
    assert "46 Hoang Dieu Street<br>Ba Dinh District, Hanoi" in page
    assert "Monday to Friday, 9:00–12:00" in page
    assert '<a href="tel:+84910001234">+84 91 000 1234</a>' in page


def test_staff_edit_the_details_and_choose_the_seal_in_the_admin(admin_client, client):
    seal = factories.make_image(
        "Seal",
        alt_text="",
        decorative=True,
        upload=media_files.upload(
            "seal.png", media_files.image_bytes("PNG", size=(200, 200), alpha=True)
        ),
    )
    # The list leads to the one row (added if there is none yet).
    response = admin_client.get("/admin/siteinfo/siteprofile/")
    assert response["Location"] == "/admin/siteinfo/siteprofile/add/"
    response = admin_client.post("/admin/siteinfo/siteprofile/add/", {**DETAILS, "seal": seal.pk})
    assert response.status_code == 302
    profile = SiteProfile.objects.get(mission__slug="embassy")
    assert (
        admin_client.get("/admin/siteinfo/siteprofile/")["Location"]
        == f"/admin/siteinfo/siteprofile/{profile.pk}/change/"
    )
    page = client.get("/").content.decode()
    assert f"images/{seal.key}/" in page and 'class="site-emblem"' in page
    # A change shows at once (the cached details are forgotten).
    admin_client.post(
        f"/admin/siteinfo/siteprofile/{profile.pk}/change/",
        {**DETAILS, "telephone": "+84 24 1111 2222", "seal": ""},
    )
    page = client.get("/").content.decode()
    assert "+84 24 1111 2222" in page and "/static/img/seal.svg" in page
    # The seal in use cannot be deleted from the library.
    admin_client.post(
        f"/admin/siteinfo/siteprofile/{profile.pk}/change/", {**DETAILS, "seal": seal.pk}
    )
    response = admin_client.post(f"/admin/media/image/{seal.pk}/delete/", {"post": "yes"})
    assert "Contact details and seal" in response.content.decode()


def test_the_details_cost_no_query_once_read(client, count_queries):
    SiteProfile(**DETAILS).save()
    # Nothing at all: the details and the menu are kept per content generation in the process
    # (SiteProfile.current, sections/context_processors.py), not asked of the cache each time.
    assert count_queries(client, "/contact/", after_an_edit=False) == 0


def test_the_demo_fills_example_details(demo_site, client):
    profile = SiteProfile.objects.get(mission__slug="embassy")
    assert profile.address.startswith("46 Hoang Dieu Street") and profile.email.endswith(".example")
    assert profile.consular_emergency_line and profile.office_hours
