"""Every named address of the site, as it was before the code moved (issue 9): none may change.

A permalink printed in a newspaper or kept in a researcher's notes must keep working, so each
name reverses to the very path it always had and that path answers with its page.
"""

import pytest
from django.urls import get_resolver, reverse

from embassy.alerts import tokens
from embassy.alerts.models import Subscription
from sections.models import Section
from transcripts.models import Briefing

pytestmark = pytest.mark.django_db

SEED_DAY = {"year": 2021, "month": 1, "day": 28}
SEED_PATH = (
    "/briefings/2021/01/28/"
    "foreign-ministry-spokesperson-zhao-lijians-regular-press-conference-on-january-28-2021/"
)

# name: (kwargs, path, status); "{seed}" is the seed briefing's address, "{pk}" an exchange's id.
OLD_ADDRESSES = {
    "home": ({}, "/", 200),
    "search": ({}, "/search/", 200),
    "robots-txt": ({}, "/robots.txt", 200),
    "sitemap": ({}, "/sitemap.xml", 200),
    "sitemap-section": ({"section": "briefings"}, "/sitemap-briefings.xml", 200),
    "sections:section": ({"slug": "consular-services"}, "/sections/consular-services/", 200),
    "sections:section-print": (
        {"slug": "consular-services"},
        "/sections/consular-services/print/",
        200,
    ),
    "sections:section-suggest": (
        {"slug": "consular-services"},
        "/sections/consular-services/suggest/",
        200,
    ),
    "sections:article": (
        {"section_slug": "consular-services", "slug": "{article}"},
        "/sections/consular-services/{article}/",
        200,
    ),
    "sections:article-print": (
        {"section_slug": "consular-services", "slug": "{article}"},
        "/sections/consular-services/{article}/print/",
        200,
    ),
    "sections:article-suggest": (
        {"section_slug": "consular-services", "slug": "{article}"},
        "/sections/consular-services/{article}/suggest/",
        200,
    ),
    "transcripts:archive": ({}, "/briefings/", 200),
    "transcripts:archive-year": ({"year": 2021}, "/briefings/2021/", 200),
    "transcripts:archive-month": ({"year": 2021, "month": 1}, "/briefings/2021/01/", 200),
    "transcripts:archive-day": (SEED_DAY, "/briefings/2021/01/28/", 200),
    "transcripts:briefing": ({**SEED_DAY, "slug": "{slug}"}, "{seed}", 200),
    "transcripts:briefing-print": ({**SEED_DAY, "slug": "{slug}"}, "{seed}print/", 200),
    "transcripts:briefing-suggest": ({**SEED_DAY, "slug": "{slug}"}, "{seed}suggest/", 200),
    "transcripts:exchange": (
        {**SEED_DAY, "slug": "{slug}", "pk": "{pk}"},
        "{seed}exchanges/{pk}/",
        200,
    ),
    "transcripts:exchange-print": (
        {**SEED_DAY, "slug": "{slug}", "pk": "{pk}"},
        "{seed}exchanges/{pk}/print/",
        200,
    ),
    "transcripts:exchange-suggest": (
        {**SEED_DAY, "slug": "{slug}", "pk": "{pk}"},
        "{seed}exchanges/{pk}/suggest/",
        200,
    ),
    # The API's addresses gained their version (#26); the old ones redirect for good, with
    # their query (tests/embassy/api/test_errors.py).
    "api:api-root": ({}, "/api/v1/", 200),
    "api:index": ({}, "/api/v1/", 200),
    "api:openapi-json": ({}, "/api/v1/openapi.json", 200),
    "api:openapi-view": ({}, "/api/v1/docs", 200),
    "api:list_briefings": ({}, "/api/v1/briefings", 200),
    "api:get_briefing": ({"briefing_id": "{briefing_id}"}, "/api/v1/briefings/{briefing_id}", 200),
    "api:list_exchanges": ({}, "/api/v1/exchanges", 200),
    "api:get_exchange": ({"exchange_id": "{pk}"}, "/api/v1/exchanges/{pk}", 200),
    "api:list_spokespeople": ({}, "/api/v1/spokespeople", 200),
    "api:get_spokesperson": (
        {"spokesperson_id": "{spokesperson_id}"},
        "/api/v1/spokespeople/{spokesperson_id}",
        200,
    ),
    "api:list_outlets": ({}, "/api/v1/outlets", 200),
    "api:get_outlet": ({"outlet_id": "{outlet_id}"}, "/api/v1/outlets/{outlet_id}", 200),
    "api:list_topics": ({}, "/api/v1/topics", 200),
    "api:get_topic": ({"slug": "climate-change"}, "/api/v1/topics/climate-change", 200),
    "api:list_sections": ({}, "/api/v1/sections", 200),
    "api:get_section": ({"section_id": "{section_id}"}, "/api/v1/sections/{section_id}", 200),
    "api:list_articles": ({}, "/api/v1/articles", 200),
    "api:get_article": ({"article_id": "{article_id}"}, "/api/v1/articles/{article_id}", 200),
    "api:export_jsonl": ({}, "/api/v1/export/briefings.jsonl", 200),
    "api:export_csv": ({}, "/api/v1/export/briefings.csv", 200),
    "alerts:subscribe": ({}, "/alerts/subscribe/", 200),
    "alerts:requested": ({}, "/alerts/subscribe/sent/", 200),
    "alerts:confirm": ({"token": "{confirm}"}, "/alerts/confirm/{confirm}/", 200),
    "alerts:unsubscribe": ({"token": "{unsubscribe}"}, "/alerts/unsubscribe/{unsubscribe}/", 200),
    "alerts:manage": ({"token": "{manage}"}, "/alerts/manage/{manage}/", 200),
    "transcripts:spokesperson": ({"slug": "zhao-lijian"}, "/spokespeople/zhao-lijian/", 200),
    "transcripts:outlet": ({"slug": "cctv"}, "/outlets/cctv/", 200),
    "transcripts:tag": ({"slug": "climate-change"}, "/tags/climate-change/", 200),
    "transcripts:feed-rss": ({}, "/feeds/briefings/rss/", 200),
    "transcripts:feed-atom": ({}, "/feeds/briefings/atom/", 200),
    "transcripts:tag-feed-rss": (
        {"slug": "climate-change"},
        "/feeds/tags/climate-change/rss/",
        200,
    ),
    "transcripts:tag-feed-atom": (
        {"slug": "climate-change"},
        "/feeds/tags/climate-change/atom/",
        200,
    ),
}


# Not pages: answers for load balancers, tested in tests/embassy/operations/test_views.py.
LOAD_BALANCER_CHECKS = {"healthz", "readyz"}


def named_urls(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            # Staff pages, not public addresses: the admin and its sign-in steps.
            if pattern.namespace in {"admin", "signin"}:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern, inner)
        elif pattern.name and namespace + pattern.name not in LOAD_BALANCER_CHECKS:
            yield namespace + pattern.name


# Addresses added since, each tested with its feature (media, siteinfo: tests/embassy/).
ADDED_SINCE = {
    "media:document",
    "media:numbered-document",
    "media-file",
    "contact",
    # A briefing beside its translation (#12): tests/transcripts/test_views_side_by_side.py.
    "transcripts:briefing-side-by-side",
    "transcripts:briefing-side-by-side-print",
    "transcripts:briefing-side-by-side-suggest",
}


def test_the_table_names_every_public_url():
    assert sorted(set(named_urls())) == sorted({*OLD_ADDRESSES, *ADDED_SINCE})


@pytest.mark.parametrize("name", sorted(OLD_ADDRESSES))
def test_every_old_address_reverses_the_same_and_answers(client, demo_site, name):
    briefing = Briefing.objects.get(language="en")
    assert briefing.get_absolute_url() == SEED_PATH
    briefing.tags.add("climate change")
    exchange = briefing.exchanges.get(position=1)
    article = Section.objects.get(
        slug="consular-services", mission__slug="embassy"
    ).articles.first()
    values = {"slug": briefing.slug, "pk": exchange.pk, "article": article.slug, "seed": SEED_PATH}
    values.update(
        briefing_id=briefing.pk,
        spokesperson_id=briefing.spokesperson_id,
        outlet_id=exchange.outlet_id,
        section_id=article.section_id,
        article_id=article.pk,
        confirm=tokens.confirm_token(
            {"email": "reader@example.org", "kind": "briefings", "target": "", "language": "en"}
        ),
        unsubscribe=tokens.unsubscribe_token(Subscription(pk=1)),
        manage=tokens.manage_token("reader@example.org"),
    )
    kwargs, path, status = OLD_ADDRESSES[name]
    kwargs = {k: v.format(**values) if isinstance(v, str) else v for k, v in kwargs.items()}
    path = path.format(**values)
    assert reverse(name, kwargs=kwargs) == path
    response = client.get(path)
    assert response.status_code == status, path
    if response.streaming:
        shown = b"".join(response.streaming_content).decode()
    else:
        shown = response.content.decode()
    if response["Content-Type"].startswith("text/html"):
        assert "<h1" in shown and "</html>" in shown, path
    else:
        assert len(shown) > 50, path
