"""The one search API: what was said, on which day, by whom, to whom.

`search(criteria, page_number)` finds published exchanges, briefings or articles and returns
one page of hits with highlighted snippets, and the number of hits of each kind. The difference
between the databases stays in here:

- PostgreSQL: the stored, weighted `search_vector` columns (filled by triggers, GIN-indexed;
  see transcripts/migrations/0002_search_vectors.py), `websearch_to_tsquery` (quoted phrases,
  every word required, stemming: "questions" finds "question"), `ts_rank` for relevance and
  `ts_headline` for the snippets, all in the database.
- SQLite: every word or quoted phrase must appear (case-insensitively) in the question, answer
  or outlet (title or body for briefings and articles); a match in the question, outlet or
  title ranks first; snippets are cut and highlighted in Python.

Bounded work, whatever the words (bench/README.md has the figures over 100,000 exchanges):
a search reads at most the newest MOST_COUNTED + 1 (501) matches of each kind, never all.

- Counts stop there: a kind with more shows "more than 500". An exact count of a word found
  in most exchanges ("China") has to visit every matching row, which took up to 1.5 s.
- The kind shown is one query for its newest MOST_COUNTED + 1 matches (ids, and ranks when
  sorted by relevance): that is its count and the candidates of its pages. The pages list
  those candidates only: past the first 500 a reader narrows the search (dates, outlet).
- "Most relevant first" ranks those newest 500 matches, not every match: with up to 500
  matches the order is exact; with more, an older exchange that would have ranked higher is
  not shown. That is the trade-off for ranking without reading every matching vector.
- Snippets (`ts_headline`, the costliest part) are made in a second query for the page's rows
  only, whatever plan PostgreSQL chooses.

A page costs the same number of queries however many hits there are: one for the candidates
of the kind shown, one capped count for each other kind, one for the rows of the page.
"""

import datetime
import html
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from sections.models import Article

from . import search_text
from .models import Briefing, Exchange

EXCHANGES, BRIEFINGS, ARTICLES = "exchanges", "briefings", "articles"
KINDS = {EXCHANGES: "Exchanges", BRIEFINGS: "Briefings", ARTICLES: "Articles"}
RELEVANCE, NEWEST = "relevance", "newest"
SORTS = {RELEVANCE: "Most relevant first", NEWEST: "Newest first"}
PER_PAGE = 20
# Matches counted, and listed, at most: 25 pages of 20. A search reads rows until it has found
# this many, so the costliest (a phrase in 6 % of exchanges: 8,500 rows read) grows with it:
# at 1,000 that phrase took 53 ms p50 through HTTP, at 500 29-43 ms (bench/README.md).
MOST_COUNTED = 500
EXCHANGE_HIT_FIELDS = [
    "position",
    "question",
    "answer",
    "briefing__title",
    "briefing__slug",
    "briefing__held_at",
    "outlet__name",
    "outlet__slug",
]
# The configuration the vectors were built with (migration 0002): query with the same one.
CONFIG = "english"


@dataclass(frozen=True)
class Criteria:
    """What a reader asks for. Every part is optional; the filters combine with the text."""

    text: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    spokesperson: object = None  # a Spokesperson
    outlet: object = None  # an Outlet
    tag: object = None  # a taggit Tag
    kind: str = EXCHANGES
    sort: str = RELEVANCE

    @property
    def is_empty(self):
        return not (
            self.text
            or self.date_from
            or self.date_to
            or self.spokesperson
            or self.outlet
            or self.tag
        )

    @property
    def ranked(self):
        return bool(self.text) and self.sort == RELEVANCE


@dataclass(frozen=True)
class Hit:
    kind: str
    object: object
    snippet: str  # safe HTML


@dataclass
class Results:
    criteria: Criteria
    counts: dict  # kind: number of hits, or most_counted + 1 when there are more
    page: object  # a django.core.paginator.Page of Hits
    missing_page: int | None = None  # the page asked for when it was past the last one
    paginator: object = field(default=None, repr=False)
    most_counted: int = MOST_COUNTED

    @property
    def total(self):
        return self.counts[self.criteria.kind]

    @property
    def more_than_counted(self):
        """Whether the kind shown has more hits than were counted (and listed)."""
        return self.total > self.most_counted

    @property
    def total_text(self):
        return self.count_text(self.total)

    def count_text(self, count):
        return f"more than {self.most_counted:,}" if count > self.most_counted else str(count)

    @property
    def kinds(self):
        """(kind, label, count as shown, whether it is the one shown), for the tabs of a page."""
        return [
            (kind, label, self.count_text(self.counts[kind]), kind == self.criteria.kind)
            for kind, label in KINDS.items()
        ]


def search(criteria, page_number=1, per_page=PER_PAGE, most_counted=MOST_COUNTED):
    """One page of what `criteria` finds, and how many of each kind there are.

    A count above `most_counted` is most_counted + 1, and only the newest `most_counted` hits
    are listed (ranked among themselves when sorted by relevance).
    """
    criteria = _bounded(criteria)
    finder = PostgresFinder(criteria) if _on_postgresql() else SimpleFinder(criteria)
    shown = criteria.kind
    count, listed = finder.listed(shown, most_counted)
    counts = {
        kind: count if kind == shown else finder.count(kind, most_counted + 1) for kind in KINDS
    }
    paginator = Paginator(listed, per_page)
    missing_page = None
    if page_number > paginator.num_pages:
        missing_page = page_number if listed else None
        page_number = paginator.num_pages
    page = paginator.page(max(1, page_number))
    rows = finder.rows(shown, page.object_list)
    page.object_list = [finder.hit(shown, rows[pk]) for pk in page.object_list]
    return Results(criteria, counts, page, missing_page, paginator, most_counted)


def refresh_vectors():
    """Recompute every stored vector (after loading rows with the triggers disabled).

    The triggers of migration 0002 do the work: touching the columns they watch is enough.
    Nothing to do on SQLite, which keeps no vectors.
    """
    if not _on_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute("UPDATE transcripts_exchange SET outlet_id = outlet_id")
        cursor.execute("UPDATE transcripts_briefing SET title = title")
        cursor.execute("UPDATE sections_article SET title = title")


def _on_postgresql():
    return connection.vendor == "postgresql"


def _bounded(criteria):
    text, _ = search_text.shorten(criteria.text)
    kind = criteria.kind if criteria.kind in KINDS else EXCHANGES
    sort = criteria.sort if criteria.sort in SORTS else RELEVANCE
    return Criteria(**{**criteria.__dict__, "text": text, "kind": kind, "sort": sort})


def _day_start(day):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


NEWEST_FIRST = {
    EXCHANGES: ["-briefing__held_at", "-briefing_id", "position", "id"],
    BRIEFINGS: ["-held_at", "-id"],
    ARTICLES: ["-publish_at", "-id"],
}


class Finder:
    """Filters shared by both databases; subclasses match, rank and highlight the text."""

    def __init__(self, criteria):
        self.criteria = criteria

    def queryset(self, kind):
        """Every hit of `kind`, unordered, without the columns a hit shows."""
        return getattr(self, f"filtered_{kind}")()

    def count(self, kind, most):
        """How many hits of `kind` there are, up to `most`: the database stops there."""
        return self.queryset(kind).order_by().values("pk")[:most].count()

    def listed(self, kind, most):
        """How many hits of `kind` there are (up to `most` + 1), and the primary keys of the
        newest `most` of them in the order they are listed, from one query.

        Ranked, they are sorted by rank in Python (a stable sort: newest first among equals),
        so the database computes the rank of these rows only.
        """
        hits = self.queryset(kind).order_by(*NEWEST_FIRST[kind])
        if not self.criteria.ranked:
            newest = list(hits.values_list("pk", flat=True)[: most + 1])
            return len(newest), newest[:most]
        ranked = hits.annotate(search_rank=self.rank(kind)).values_list("pk", "search_rank")
        newest = list(ranked[: most + 1])
        return len(newest), [pk for pk, _ in sorted(newest[:most], key=lambda hit: -hit[1])]

    def rows(self, kind, pks):
        """The hits with these primary keys, with what a hit shows, by primary key."""
        if not pks:
            return {}
        shown = getattr(self, f"shown_{kind}")().filter(pk__in=pks).order_by()
        if self.criteria.text:
            shown = self.with_snippets(kind, shown)
        return {obj.pk: obj for obj in shown}

    def shown_exchanges(self):
        # Published again: a briefing unpublished between the two queries stays unfound.
        return (
            Exchange.objects.published()
            .select_related("briefing", "outlet")
            # Leaving out the vectors and the briefing's remarks keeps the join narrow.
            .only(*EXCHANGE_HIT_FIELDS)
        )

    def shown_briefings(self):
        return Briefing.objects.published().defer("search_vector")

    def shown_articles(self):
        return Article.objects.published().select_related("section").defer("search_vector")

    def in_dates(self, queryset, date_field):
        if self.criteria.date_from:
            queryset = queryset.filter(
                **{f"{date_field}__gte": _day_start(self.criteria.date_from)}
            )
        if self.criteria.date_to:
            next_day = self.criteria.date_to + datetime.timedelta(days=1)
            queryset = queryset.filter(**{f"{date_field}__lt": _day_start(next_day)})
        return queryset

    def filtered_exchanges(self):
        c = self.criteria
        exchanges = self.in_dates(Exchange.objects.published(), "briefing__held_at")
        if c.spokesperson:
            # Whoever answered: the briefing's spokesperson unless someone else did.
            exchanges = exchanges.filter(
                Q(responder=c.spokesperson)
                | Q(responder__isnull=True, briefing__spokesperson=c.spokesperson)
            )
        if c.outlet:
            exchanges = exchanges.filter(outlet=c.outlet)
        if c.tag:
            # Tagged themselves or through their briefing; subqueries keep each exchange once.
            exchanges = exchanges.filter(
                Q(pk__in=Exchange.objects.filter(tags=c.tag).values("pk"))
                | Q(briefing__in=Briefing.objects.filter(tags=c.tag).values("pk"))
            )
        return self.matched(exchanges, EXCHANGES)

    def filtered_briefings(self):
        c = self.criteria
        if c.outlet:
            # Outlets ask questions: only exchanges have one.
            return Briefing.objects.none()
        briefings = self.in_dates(Briefing.objects.published(), "held_at")
        if c.spokesperson:
            briefings = briefings.filter(spokesperson=c.spokesperson)
        if c.tag:
            briefings = briefings.filter(pk__in=Briefing.objects.filter(tags=c.tag).values("pk"))
        return self.matched(briefings, BRIEFINGS)

    def filtered_articles(self):
        c = self.criteria
        if c.outlet or c.spokesperson:
            return Article.objects.none()
        articles = self.in_dates(Article.objects.published(), "publish_at")
        if c.tag:
            articles = articles.filter(pk__in=Article.objects.filter(tags=c.tag).values("pk"))
        return self.matched(articles, ARTICLES)


class QuestionLexemes(Func):
    """An exchange's vector cut to its weight-A lexemes: those of its outlet and question."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


class PostgresFinder(Finder):
    def __init__(self, criteria):
        super().__init__(criteria)
        self.query = SearchQuery(criteria.text, config=CONFIG, search_type="websearch")

    def matched(self, queryset, kind):
        if not self.criteria.text:
            return queryset
        return queryset.filter(search_vector=self.query)

    def rank(self, kind):
        return SearchRank(F("search_vector"), self.query)

    def headline(self, text):
        return SearchHeadline(
            text,
            self.query,
            config=CONFIG,
            start_sel=search_text.MARK_START,
            stop_sel=search_text.MARK_STOP,
            min_words=15,
            max_words=35,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def with_snippets(self, kind, queryset):
        if kind == EXCHANGES:
            # The question when it matches, else the answer: a headline parses all of its
            # text, and answers are long. Only the question and answer are needed.
            snippet = Case(
                When(
                    SearchVectorExact(QuestionLexemes(F("search_vector")), self.query),
                    then=self.headline(F("question")),
                ),
                default=self.headline(F("answer")),
            )
        elif kind == BRIEFINGS:
            snippet = self.headline(
                Concat("title", Value("\n\n"), "opening_remarks", output_field=TextField())
            )
        else:
            snippet = self.headline(F("body"))
        return queryset.annotate(search_headline=snippet)

    def hit(self, kind, obj):
        if not self.criteria.text:
            return Hit(kind, obj, mark_safe(search_text.highlight(_plain_text(kind, obj), [])))
        snippet = search_text.marked_to_html(obj.search_headline, from_html=kind == ARTICLES)
        return Hit(kind, obj, mark_safe(snippet))


class SimpleFinder(Finder):
    """SQLite: every word or phrase must appear somewhere; matches in the title weigh more."""

    # (weighty fields, other fields) of each kind.
    FIELDS = {
        EXCHANGES: (["outlet__name", "question"], ["answer"]),
        BRIEFINGS: (["title"], ["opening_remarks"]),
        ARTICLES: (["title"], ["body"]),
    }

    def __init__(self, criteria):
        super().__init__(criteria)
        self.terms = search_text.terms(criteria.text)

    def matched(self, queryset, kind):
        if not self.criteria.text:
            return queryset
        weighty_fields, other_fields = self.FIELDS[kind]
        # Only punctuation matches nothing, as on PostgreSQL.
        every_term = Q(pk__in=[]) if not self.terms else Q()
        for term in self.terms:
            every_term &= _any_contains(weighty_fields + other_fields, term)
        return queryset.filter(every_term)

    def rank(self, kind):
        weighty_fields, _ = self.FIELDS[kind]
        every_term_in_weighty_fields = Q(pk__in=[]) if not self.terms else Q()
        for term in self.terms:
            every_term_in_weighty_fields &= _any_contains(weighty_fields, term)
        return Case(
            When(every_term_in_weighty_fields, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )

    def with_snippets(self, kind, queryset):
        return queryset  # cut in Python, from the text itself

    def hit(self, kind, obj):
        text = _plain_text(kind, obj)
        if kind == EXCHANGES and self.terms:
            # The question if it has a matched word, otherwise the answer.
            lowered = obj.question.lower()
            if not any(term.lower() in lowered for term in self.terms):
                text = obj.answer
        return Hit(kind, obj, mark_safe(search_text.highlight(text, self.terms)))


def _any_contains(fields, term):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def _plain_text(kind, obj):
    """The text a snippet is cut from when nothing is highlighted."""
    if kind == EXCHANGES:
        return obj.question
    if kind == BRIEFINGS:
        return obj.opening_remarks
    return html.unescape(strip_tags(obj.body))
