"""The one search API: what was said, on which day, by whom, to whom.

`search(criteria, page_number)` finds published exchanges, briefings or articles and returns
one page of hits with highlighted snippets, and the number of hits of each kind.
What each kind of result needs is in kinds.py; how each database matches, ranks and
highlights is in backends.py.

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
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from embassy.languages.models import language_name

from . import snippets
from .backends import finder_for
from .kinds import ARTICLES, BRIEFINGS, EXCHANGES, KINDS

__all__ = ["ARTICLES", "BRIEFINGS", "EXCHANGES", "KINDS", "Criteria", "Results", "search"]

RELEVANCE, NEWEST = "relevance", "newest"
SORTS = {RELEVANCE: _("Most relevant first"), NEWEST: _("Newest first")}
PER_PAGE = 20
# Matches counted, and listed, at most: 25 pages of 20. A search reads rows until it has found
# this many, so the costliest (a phrase in 6 % of exchanges: 8,500 rows read) grows with it:
# at 1,000 that phrase took 53 ms p50 through HTTP, at 500 29-43 ms (bench/README.md).
MOST_COUNTED = 500


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
    language: str | None = None  # a language code: hits written in it only; None: every language
    mission: object = None  # a Mission: what it shows only; None: everything published

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

    @property
    def template(self):
        return KINDS[self.kind].template

    @property
    def language(self):
        """The code of the language the hit is written in."""
        return KINDS[self.kind].language(self.object)

    @property
    def language_name(self):
        return language_name(self.language)


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
        if count > self.most_counted:
            return gettext("more than %(count)s") % {
                "count": number_format(self.most_counted, force_grouping=True)
            }
        return str(count)

    @property
    def kind_plural(self):
        """The kind shown, in the plural ("exchanges")."""
        return KINDS[self.criteria.kind].counted(self.most_counted + 1)

    @property
    def summary(self):
        """ "3 exchanges", "1 exchange", "More than 500 exchanges": the heading of the results."""
        kind = KINDS[self.criteria.kind]
        return capfirst(f"{self.total_text} {kind.counted(self.total)}")

    @property
    def kinds(self):
        """(kind, label, count as shown, whether it is the one shown), for the tabs of a page."""
        return [
            (name, kind.label, self.count_text(self.counts[name]), name == self.criteria.kind)
            for name, kind in KINDS.items()
        ]


def search(criteria, page_number=1, per_page=PER_PAGE, most_counted=MOST_COUNTED):
    """One page of what `criteria` finds, and how many of each kind there are.

    A count above `most_counted` is most_counted + 1, and only the newest `most_counted` hits
    are listed (ranked among themselves when sorted by relevance).
    """
    criteria = _bounded(criteria)
    finder = finder_for(criteria)
    shown = KINDS[criteria.kind]
    count, listed = finder.listed(shown, most_counted)
    counts = {
        name: count if kind is shown else finder.count(kind, most_counted + 1)
        for name, kind in KINDS.items()
    }
    paginator = Paginator(listed, per_page)
    missing_page = None
    if page_number > paginator.num_pages:
        missing_page = page_number if listed else None
        page_number = paginator.num_pages
    page = paginator.page(max(1, page_number))
    rows = finder.rows(shown, page.object_list)
    page.object_list = [
        Hit(shown.name, rows[pk], mark_safe(finder.snippet(shown, rows[pk])))
        for pk in page.object_list
    ]
    return Results(criteria, counts, page, missing_page, paginator, most_counted)


def _bounded(criteria):
    text, _ = snippets.shorten(criteria.text)
    kind = criteria.kind if criteria.kind in KINDS else EXCHANGES
    sort = criteria.sort if criteria.sort in SORTS else RELEVANCE
    return Criteria(**{**criteria.__dict__, "text": text, "kind": kind, "sort": sort})
