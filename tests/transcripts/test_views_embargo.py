"""Names that only drafts or briefings not yet held carry stay embargoed.

Who will speak, which outlet will ask and on which topic are news before a briefing is public:
the search form's lists, /spokespeople/, /outlets/ and the topic feeds must not reveal them.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from embassy.pages.publishing import Status
from transcripts.models import Outlet, Spokesperson

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


@pytest.fixture(params=["draft", "future"])
def embargoed(request, make_briefing):
    """A briefing the public may not see yet (a draft, or published but dated tomorrow) with
    its own spokesperson, an outlet that asks only there, and a topic only it and its
    exchange carry."""
    if request.param == "draft":
        fields = {"status": Status.DRAFT}
    else:
        fields = {"held_at": timezone.now() + datetime.timedelta(days=1)}
    spokesperson = Spokesperson.objects.create(name="Secret Speaker", slug="secret-speaker")
    outlet = Outlet.objects.create(name="Secret Gazette", slug="secret-gazette")
    briefing = make_briefing(exchanges=1, spokesperson=spokesperson, **fields)
    briefing.tags.add("Embargoed Visit")
    exchange = briefing.exchanges.get()
    exchange.outlet = outlet
    exchange.save()
    exchange.tags.add("Embargoed Deal")
    return briefing


@pytest.fixture
def published(make_briefing):
    briefing = make_briefing(exchanges=1)
    briefing.tags.add("Climate")
    briefing.exchanges.get().tags.add("Trade")
    return briefing


def test_the_search_form_lists_only_names_with_published_content(client, embargoed, published):
    html = client.get(SEARCH).content.decode()
    for hidden in ("secret-speaker", "Secret Speaker", "secret-gazette", "Secret Gazette"):
        assert hidden not in html
    for hidden in ("embargoed-visit", "Embargoed Visit", "embargoed-deal", "Embargoed Deal"):
        assert hidden not in html
    for shown in (
        "zhao-lijian",
        "Zhao Lijian",
        "bloomberg",
        "Bloomberg",
        "climate",
        "Climate",
        "trade",
    ):
        assert f'value="{shown}"' in html or f">{shown}</option>" in html, shown


def test_an_embargoed_name_in_the_address_is_an_unknown_filter_not_a_search(
    client, embargoed, published
):
    response = client.get(SEARCH, {"q": "question", "outlet": "secret-gazette"})
    assert response.status_code == 200
    assert response.context["form"].errors["outlet"]
    assert response.context["criteria"].outlet is None


@pytest.mark.parametrize("prefix", ["/spokespeople/secret-speaker/", "/outlets/secret-gazette/"])
def test_pages_of_embargoed_spokespeople_and_outlets_are_not_found(client, embargoed, prefix):
    assert client.get(prefix).status_code == 404


@pytest.mark.parametrize("path", ["/spokespeople/zhao-lijian/", "/outlets/bloomberg/"])
def test_pages_of_published_spokespeople_and_outlets_still_answer(client, published, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()
    assert "Regular Press Conference" in response.content.decode()


@pytest.mark.parametrize(
    "slug", ["embargoed-visit", "embargoed-deal"], ids=["briefing-tag", "exchange-tag"]
)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_of_embargoed_topics_are_not_found_like_their_pages(client, embargoed, slug, kind):
    assert client.get(f"/tags/{slug}/").status_code == 404
    assert client.get(f"/feeds/tags/{slug}/{kind}/").status_code == 404


@pytest.mark.parametrize("slug", ["climate", "trade"])
def test_feeds_of_published_topics_still_answer(client, published, embargoed, slug):
    response = client.get(f"/feeds/tags/{slug}/rss/")
    assert response.status_code == 200
    assert published.title in response.content.decode()


def test_a_topic_on_a_published_article_has_a_feed(client, make_article):
    make_article(title="New visa rules").tags.add("Visas")
    response = client.get("/feeds/tags/visas/rss/")
    assert response.status_code == 200
    assert "Remarks on “Visas”</title>" in response.content.decode()


@pytest.mark.parametrize("path", ["/spokespeople/secret-speaker/", "/outlets/secret-gazette/"])
def test_editors_previewing_a_draft_may_follow_its_links(staff_client, embargoed, path):
    # The same people who may preview the briefing (visible_to) may open its names' pages.
    response = staff_client.get(path)
    assert response.status_code == 200
    assert "Secret" in response.content.decode()


@pytest.mark.parametrize("path", ["/spokespeople/secret-speaker/", "/outlets/secret-gazette/"])
def test_staff_without_briefing_permissions_see_what_the_public_sees(
    staff_without_permissions_client, embargoed, path
):
    assert staff_without_permissions_client.get(path).status_code == 404


def test_a_name_becomes_public_when_its_briefing_is_published(client, embargoed):
    embargoed.status = Status.PUBLISHED
    embargoed.held_at = timezone.now() - datetime.timedelta(minutes=1)
    embargoed.save()
    assert client.get("/spokespeople/secret-speaker/").status_code == 200
    assert client.get("/outlets/secret-gazette/").status_code == 200
    assert client.get("/feeds/tags/embargoed-visit/rss/").status_code == 200
    html = client.get(SEARCH).content.decode()
    assert 'value="secret-speaker"' in html and 'value="embargoed-deal"' in html
