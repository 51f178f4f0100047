"""What every page shares: the frame, the page actions, the error pages."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import path
from django.views import defaults

from embassy import urls as site_urls
from embassy.pages.routes import page_action_urls
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture
def public_pages(demo_site):
    """Every kind of public page on the demo site, with whether it is a content page."""
    briefing = Briefing.objects.get(language="en")
    briefing.tags.add("Climate")
    exchange = briefing.exchanges.first()
    return {
        "/": False,
        "/sections/spokespersons-remarks/": True,
        "/sections/consular-services/": True,
        "/sections/consular-services/about/": True,
        briefing.get_absolute_url(): True,
        exchange.get_absolute_url(): True,
        briefing.spokesperson.get_absolute_url(): False,
        exchange.outlet.get_absolute_url(): False,
        "/tags/climate/": False,
        "/briefings/": False,
        "/briefings/2021/": False,
        "/briefings/2021/01/": False,
        "/briefings/2021/01/28/": False,
    }


def test_every_page_has_the_frame(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = html(response)
        assert '<html lang="en" ' in page, url
        assert page.count("<h1") == 1, url
        assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page, url
        assert 'class="site-header"' in page and 'class="site-footer"' in page, url
        assert 'aria-label="Main menu"' in page and ">Topics</p>" in page, url
        assert 'action="/search/"' in page, url
        if url != "/":
            assert '<nav class="breadcrumb" aria-label="Breadcrumb">' in page, url


def test_every_content_page_offers_suggest_next_to_print(client, public_pages):
    for url, is_content in public_pages.items():
        page = html(client.get(url))
        actions = re.search(r'<ul class="page-actions".*?</ul>', page, re.S)
        if not is_content:
            assert actions is None, url
            continue
        assert actions, url
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', actions.group(0))
        assert links == [(url + "suggest/", "Suggest to a friend"), (url + "print/", "Print")]
        assert client.get(url + "suggest/").status_code == 200, url
        assert client.get(url + "print/").status_code == 200, url


def test_print_versions_have_no_site_frame(client, public_pages):
    for url, is_content in public_pages.items():
        if not is_content:
            continue
        page = html(client.get(url + "print/"))
        assert '<html lang="en" ' in page and page.count("<h1") == 1
        assert 'name="robots" content="noindex"' in page
        for frame in ("site-header", "site-menu", "site-footer", "page-actions", "breadcrumb"):
            assert frame not in page, (url, frame)
        assert f"http://testserver{url} · printed" in page


def test_page_action_urls_strip_the_action_from_the_address():
    for address in ("/sections/a/", "/sections/a/print/", "/sections/a/suggest/"):
        assert page_action_urls(address) == {
            "page": "/sections/a/",
            "print": "/sections/a/print/",
            "suggest": "/sections/a/suggest/",
        }


def test_not_found_page_is_in_the_sites_look(client, demo_site):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = html(response)
    assert "<h1>Page not found</h1>" in page
    assert 'aria-label="Main menu"' in page and "Spokesperson&#x27;s Remarks" in page
    assert 'href="/briefings/"' in page


def test_server_error_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
        response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in page
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert 'href="/static/css/site.css"' in page and 'class="site-header"' in page


def broken_view(request):
    raise RuntimeError("a bug in a view")


# The site's own addresses (i18n_patterns cannot be included, so they are copied) and one more.
urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]


def test_server_errors_answer_with_the_500_page(client, settings, db):
    settings.ROOT_URLCONF = __name__  # the site's own addresses, and one view that fails
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html(response)
