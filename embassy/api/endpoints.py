"""The read-only API at /api/v1/: published content only, a page at a time.

Every list is paginated (`page`, `page_size` up to MAX_PAGE_SIZE; more is capped), newest first
where content is dated; every object has its stable id and the permalink of its page. The
OpenAPI description is at /api/v1/openapi.json and its reader at /api/v1/docs (Swagger UI,
served from the site's own static files). Drafts, briefings not yet held and the names only they
carry never appear: every query starts from `published()` or the embargo-aware lists.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.utils import timezone
from ninja import NinjaAPI, Status
from ninja.errors import HttpError, Throttled
from ninja.pagination import paginate

from embassy.missions.middleware import mission_of
from embassy.pages.dates import in_range, out_of_range_message
from embassy.search.kinds import KINDS
from embassy.search.query import EXCHANGES, NEWEST, RELEVANCE, Criteria, search
from sections.models import Article, Section
from transcripts.models import Briefing, Exchange, Outlet, Spokesperson, attach_topics
from transcripts.tagging import public_tags

from . import export, schemas
from .http import ClientThrottle, database_unavailable, server_error, too_many_requests
from .paging import MAX_PAGE_SIZE, NumberedPages
from .translations import attach_translations

api = NinjaAPI(
    title=f"{settings.SITE_NAME}: open data",
    version="1",
    description=(
        "Published briefings, their exchanges, the outlets and spokespeople, topics, sections "
        f"and articles, read-only. Lists take `page` and `page_size` (at most {MAX_PAGE_SIZE}). "
        "Every answer has an ETag; CORS allows reading from any origin. A client that asks too "
        "much gets 429 with Retry-After; every error is JSON. Bulk files: "
        "/api/v1/export/briefings.jsonl and .csv."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientThrottle()],
)
api.add_exception_handler(Throttled, too_many_requests)
# The database cannot be reached or answered too late; a DataError or an IntegrityError is a
# fault of ours (500), not an outage.
api.add_exception_handler(OperationalError, database_unavailable)
api.add_exception_handler(InterfaceError, database_unavailable)
api.add_exception_handler(Exception, server_error)


def checked_days(date_from, date_to):
    """The days a client asked for, or 400: for one outside the site's range (year 1, 9999),
    which would overflow when converted to the site's time zone, or for a range that ends
    before it starts."""
    for day in (date_from, date_to):
        if day is not None and not in_range(day):
            raise HttpError(400, out_of_range_message())
    if date_from and date_to and date_from > date_to:
        raise HttpError(400, f"date_from ({date_from}) is after date_to ({date_to}).")
    return date_from, date_to


def checked_words(text):
    """The words to search, or 400 for a NUL character, which no database takes."""
    if "\x00" in text:
        raise HttpError(400, "The words to search may not contain a NUL character.")
    return text.strip()


def checked_language(code):
    """The language a client asked for (None for any), or 400 for one the site does not have:
    an empty list would look like a language with nothing published."""
    if not code:
        return None
    offered = [offered for offered, _ in settings.LANGUAGES]
    if code not in offered:
        raise HttpError(400, f"No language {code!r}: the site's are {', '.join(offered)}.")
    return code


def changed_since(queryset, moment):
    """What changed at or after `moment`, or came into view then (a briefing scheduled before
    `moment` and public since has an older updated_at): for a client keeping a copy."""
    if moment is None:
        return queryset
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    fields = queryset.visible_from_fields
    visible_from = Coalesce(*fields) if len(fields) > 1 else F(fields[0])
    return queryset.alias(visible_from=visible_from).filter(
        Q(updated_at__gte=moment) | Q(visible_from__gte=moment)
    )


def named(queryset, slug, what):
    """The object a filter names, or 400: unknown and embargoed names are alike."""
    if slug is None:
        return None
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise HttpError(400, f"No {what} with the slug {slug!r}.")
    return found


def briefing_rows(mission):
    return (
        Briefing.objects.shown_on(mission)
        .published()
        .select_related("spokesperson", "section")
        .prefetch_related("tags")
        .defer("search_vector", "opening_remarks")
        .annotate(exchange_count=Count("exchanges"))
    )


def exchange_rows(mission):
    return (
        Exchange.objects.shown_on(mission)
        .published()
        .select_related("briefing", "outlet", "responder")
        .defer("search_vector", "briefing__search_vector", "briefing__opening_remarks")
    )


# The index

LISTS = ["briefings", "exchanges", "spokespeople", "outlets", "topics", "sections", "articles"]


@api.get("/", tags=["index"])
def index(request) -> dict[str, str]:
    """Where everything is: each list, the bulk files, this description and its reader."""
    where = {name: name for name in LISTS}
    where.update(
        export_jsonl="export/briefings.jsonl",
        export_csv="export/briefings.csv",
        openapi="openapi.json",
        docs="docs",
    )
    # Relative to this index's own address, /api/v1/.
    return {name: request.build_absolute_uri(path) for name, path in where.items()}


# Briefings


@api.get("/briefings", response=list[schemas.Briefing], tags=["briefings"])
@paginate(
    NumberedPages, prepare=lambda rows, request: attach_translations(rows, mission_of(request))
)
def list_briefings(
    request,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    spokesperson: str | None = None,
    topic: str | None = None,
    language: str | None = None,
    updated_since: datetime.datetime | None = None,
):
    """Published briefings, newest first. `spokesperson` and `topic` are slugs; a topic
    matches a briefing tagged with it or holding an exchange that is. `updated_since` (ISO
    8601; UTC when no offset is given) keeps a copy current: the briefings edited, or come
    into view, at or after that moment."""
    language = checked_language(language)
    briefings = briefing_rows(mission_of(request)).between_days(*checked_days(date_from, date_to))
    if speaker := named(
        Spokesperson.objects.with_published_briefings(), spokesperson, "spokesperson"
    ):
        briefings = briefings.filter(spokesperson=speaker)
    if tag := named(public_tags(), topic, "topic"):
        briefings = briefings.filter(pk__in=Briefing.objects.on_topic(tag).values("pk"))
    if language:
        briefings = briefings.in_language(language)
    return changed_since(briefings, updated_since).newest_first()


@api.get(
    "/briefings/{int:briefing_id}",
    response={200: schemas.BriefingDetail, 404: schemas.Problem},
    tags=["briefings"],
)
def get_briefing(request, briefing_id: int):
    """One published briefing with its opening remarks and every exchange, in order."""
    briefing = (
        briefing_rows(mission_of(request))
        .defer(None)
        .defer("search_vector")
        .prefetch_related(
            Prefetch(
                "exchanges",
                queryset=Exchange.objects.select_related("outlet", "responder").defer(
                    "search_vector"
                ),
            )
        )
        .filter(pk=briefing_id)
        .first()
    )
    if briefing is None:
        return Status(404, {"detail": f"No published briefing with the id {briefing_id}."})
    briefing.listed_exchanges = attach_topics(briefing.exchanges.all())
    for exchange in briefing.listed_exchanges:
        exchange.briefing = briefing
    return attach_translations([briefing], mission_of(request))[0]


# Exchanges


class SearchMatches:
    """The exchanges a search of words finds, as NumberedPages cuts them: the site's search
    finds and counts one page at a time (the newest `most_counted` matches at most)."""

    def __init__(self, criteria):
        self.criteria, self.count = criteria, 0

    def __getitem__(self, rows):
        size = rows.stop - rows.start
        results = search(self.criteria, rows.start // size + 1, per_page=size)
        self.count = min(results.total, results.most_counted)
        if results.missing_page:
            return []
        ids = [hit.object.pk for hit in results.page.object_list]
        found = exchange_rows(self.criteria.mission).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def __len__(self):
        return self.count


@api.get("/exchanges", response=list[schemas.Exchange], tags=["exchanges"])
@paginate(NumberedPages, prepare=lambda rows, request: attach_topics(rows))
def list_exchanges(
    request,
    q: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    outlet: str | None = None,
    spokesperson: str | None = None,
    topic: str | None = None,
    language: str | None = None,
    sort: Literal["newest", "relevance"] = NEWEST,
):
    """Published exchanges, newest briefing first and in the order asked. `q` searches the
    words as the site's search does (every word must match; "quotes" for a phrase; then only
    the newest 500 matches are listed, `sort=relevance` ranks them). `outlet`, `spokesperson`
    (whoever answered) and `topic` are slugs."""
    date_from, date_to = checked_days(date_from, date_to)
    criteria = Criteria(
        text=checked_words(q),
        date_from=date_from,
        date_to=date_to,
        outlet=named(Outlet.objects.with_published_exchanges(), outlet, "outlet"),
        spokesperson=named(
            Spokesperson.objects.with_published_briefings(), spokesperson, "spokesperson"
        ),
        tag=named(public_tags(), topic, "topic"),
        kind=EXCHANGES,
        sort=RELEVANCE if sort == RELEVANCE else NEWEST,
        mission=mission_of(request),
        # Counted and paged in the language asked for, not filtered after the page is cut.
        language=checked_language(language),
    )
    if criteria.text:
        return SearchMatches(criteria)
    exchanges = KINDS[EXCHANGES].filtered(criteria)
    return exchange_rows(mission_of(request)).filter(pk__in=exchanges.values("pk")).newest_first()


@api.get(
    "/exchanges/{int:exchange_id}",
    response={200: schemas.Exchange, 404: schemas.Problem},
    tags=["exchanges"],
)
def get_exchange(request, exchange_id: int):
    exchange = exchange_rows(mission_of(request)).filter(pk=exchange_id).first()
    if exchange is None:
        return Status(404, {"detail": f"No published exchange with the id {exchange_id}."})
    return attach_topics([exchange])[0]


# Who speaks and who asks


@api.get("/spokespeople", response=list[schemas.Spokesperson], tags=["people"])
@paginate(NumberedPages)
def list_spokespeople(request):
    """The spokespeople of published briefings, by name."""
    return Spokesperson.objects.with_published_briefings()


@api.get(
    "/spokespeople/{int:spokesperson_id}",
    response={200: schemas.Spokesperson, 404: schemas.Problem},
    tags=["people"],
)
def get_spokesperson(request, spokesperson_id: int):
    found = Spokesperson.objects.with_published_briefings().filter(pk=spokesperson_id).first()
    if found is None:
        return Status(404, {"detail": f"No spokesperson with the id {spokesperson_id}."})
    return found


@api.get("/outlets", response=list[schemas.Outlet], tags=["people"])
@paginate(NumberedPages)
def list_outlets(request):
    """The outlets that asked at a published briefing, by name."""
    return Outlet.objects.with_published_exchanges()


@api.get(
    "/outlets/{int:outlet_id}",
    response={200: schemas.Outlet, 404: schemas.Problem},
    tags=["people"],
)
def get_outlet(request, outlet_id: int):
    found = Outlet.objects.with_published_exchanges().filter(pk=outlet_id).first()
    if found is None:
        return Status(404, {"detail": f"No outlet with the id {outlet_id}."})
    return found


# Topics, sections, articles


@api.get("/topics", response=list[schemas.Topic], tags=["pages"])
@paginate(NumberedPages)
def list_topics(request):
    """The topics on at least one published briefing, exchange or article, by name."""
    return public_tags()


@api.get("/topics/{slug}", response={200: schemas.Topic, 404: schemas.Problem}, tags=["pages"])
def get_topic(request, slug: str):
    found = public_tags().filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": f"No topic with the slug {slug!r}."})
    return found


@api.get("/sections", response=list[schemas.Section], tags=["pages"])
@paginate(NumberedPages)
def list_sections(request):
    """The site's sections in menu order (sub-sections name their parent)."""
    return Section.objects.shown_on(mission_of(request)).published()


@api.get(
    "/sections/{int:section_id}",
    response={200: schemas.Section, 404: schemas.Problem},
    tags=["pages"],
)
def get_section(request, section_id: int):
    found = Section.objects.shown_on(mission_of(request)).published().filter(pk=section_id).first()
    if found is None:
        return Status(404, {"detail": f"No section with the id {section_id}."})
    return found


def article_rows(mission):
    return (
        Article.objects.shown_on(mission)
        .published()
        .select_related("section")
        .prefetch_related("tags")
        .defer("search_vector")
    )


@api.get("/articles", response=list[schemas.Article], tags=["pages"])
@paginate(NumberedPages)
def list_articles(
    request,
    section: str | None = None,
    topic: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    updated_since: datetime.datetime | None = None,
):
    """Published articles, newest first. `section` and `topic` are slugs; `updated_since` as
    for briefings."""
    articles = article_rows(mission_of(request)).between_days(*checked_days(date_from, date_to))
    if found := named(
        Section.objects.shown_on(mission_of(request)).published(), section, "section"
    ):
        articles = articles.filter(section=found)
    if tag := named(public_tags(), topic, "topic"):
        articles = articles.tagged(tag)
    return changed_since(articles, updated_since).newest_first()


@api.get(
    "/articles/{int:article_id}",
    response={200: schemas.Article, 404: schemas.Problem},
    tags=["pages"],
)
def get_article(request, article_id: int):
    found = article_rows(mission_of(request)).filter(pk=article_id).first()
    if found is None:
        return Status(404, {"detail": f"No article with the id {article_id}."})
    return found


# Bulk export

EXPORT_TYPES = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def download(request, kind):
    # The files of the mission the request is for, regenerated here when what it shows changed
    # since they were made (the worker and the export_briefings command usually got there
    # first).
    mission = mission_of(request)
    export.refresh(mission)
    response = FileResponse(
        export.path_of(mission, kind).open("rb"),
        content_type=EXPORT_TYPES[kind],
        as_attachment=True,
        filename=export.FILES[kind],
    )
    response["ETag"] = export.etag(mission)
    return response


@api.get("/export/briefings.jsonl", tags=["export"])
def export_jsonl(request):
    """Every published briefing this site shows, one JSON object a line, shaped as
    /api/v1/briefings/{id}."""
    return download(request, "jsonl")


@api.get("/export/briefings.csv", tags=["export"])
def export_csv(request):
    """Every exchange of every published briefing this site shows, one a row, with its
    briefing's columns."""
    return download(request, "csv")
