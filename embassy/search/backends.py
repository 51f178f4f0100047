"""How each database finds, ranks and highlights the words; the kinds say where to look.

Both read text and query in one form, segmenting.searchable(): Chinese cut into words,
diacritics folded, lower case. A row whose text differs from that form (Chinese, Vietnamese)
keeps a copy in `search_text`, filled on save; English rows need none.

- PostgreSQL: the stored, weighted `search_vector` columns (filled by triggers from the copy or
  the text, GIN-indexed; see the migrations named *search_vector* and *languages*),
  `websearch_to_tsquery` (quoted phrases, every word required, stemming: "questions" finds
  "question"), `ts_rank` for relevance and `ts_headline` for the snippets of English rows.
  ts_headline cannot mark words in unspaced Chinese, nor words it did not fold itself, so a
  row with a copy has its snippet cut in Python from its text as written.
- SQLite: every word or quoted phrase must appear in one of the kind's fields or in the copy;
  a match in its weighty fields ranks first; snippets are cut and highlighted in Python.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, CharField, F, Func, IntegerField, Q, Value, When

from embassy.languages.segmenting import (
    PART_SEPARATOR,
    composed,
    folded,
    searchable,
    segmented,
    unsegmented,
)

from . import snippets

# The configuration the vectors are built with (english with unaccent before the stemmer,
# transcripts migration 0009): query with it. The copies and the query are folded already;
# unaccent folds what the triggers index as written, such as an outlet's name (Tuổi Trẻ).
CONFIG = "embassy_search"


# The newest rows a search of several words reads first, with PostgreSQL (see
# PostgresFinder.listed): enough to hold 501 matches of words found in one row in five (a
# common Vietnamese word searched in every language, when a fifth of the rows are
# Vietnamese). It costs a search of several rare words about 6 ms.
PROBED = 2500


def on_postgresql():
    return connection.vendor == "postgresql"


class Finder:
    """What both databases share: a kind's filtered rows, counted, listed and shown."""

    # Whether a Latin word of the query marks whole words only (PostgreSQL matched words).
    whole_words = False

    def __init__(self, criteria):
        self.criteria = criteria
        # The query's words and phrases as typed (Chinese as written, without the spaces it is
        # cut with), and each in the searched form: cut, folded.
        typed = snippets.terms(segmented(composed(criteria.text)))
        self.terms = [unsegmented(term) for term in typed]
        self.searched_terms = [folded(term) for term in typed]

    def queryset(self, kind):
        """Every hit of `kind`, unordered, without the columns a hit shows."""
        return self.matched(kind.filtered(self.criteria), kind)

    def count(self, kind, most):
        """How many hits of `kind` there are, up to `most`: the database stops there."""
        return self.queryset(kind).order_by().values("pk")[:most].count()

    def listed(self, kind, most):
        """How many hits of `kind` there are (up to `most` + 1), and the primary keys of the
        newest `most` of them in the order they are listed, from one query.

        Ranked, they are sorted by rank in Python (a stable sort: newest first among equals),
        so the database computes the rank of these rows only.
        """
        hits = self.queryset(kind).newest_first()
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
        shown = kind.shown().filter(pk__in=pks).order_by()
        if self.criteria.text:
            shown = self.with_snippets(kind, shown)
        return {obj.pk: obj for obj in shown}

    def snippet_in_python(self, kind, obj):
        """The text around the words, as written, the words marked."""
        if not self.terms:
            return snippets.highlight(kind.plain_text(obj), [])
        text = kind.snippet_text(obj)
        if kind.preferred_field:
            preferred = getattr(obj, kind.preferred_field)
            if snippets.contains_every(preferred, self.terms, self.whole_words):
                text = preferred
        return snippets.highlight(text, self.terms, whole_words=self.whole_words)


class WeightALexemes(Func):
    """A vector cut to its weight-A lexemes (an exchange's: those of its outlet and question)."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


class PostgresFinder(Finder):
    whole_words = True

    def __init__(self, criteria):
        super().__init__(criteria)
        # Read as the index read the text: 新冠肺炎 → 新冠 肺炎, tiếng → tieng.
        self.query = SearchQuery(searchable(criteria.text), config=CONFIG, search_type="websearch")

    def matched(self, queryset, kind):
        if not self.criteria.text:
            return queryset
        return queryset.filter(search_vector=self.query)

    def rank(self, kind):
        return SearchRank(F("search_vector"), self.query)

    def listed(self, kind, most):
        """As Finder.listed(), looking first among the newest rows when there are several words.

        PostgreSQL estimates a match of several words as if they were independent; words that
        go together (hợp tác, two syllables of one Vietnamese word) are then thought rare, and
        it reads every match to sort them (20,000 rows: 180 ms over 100,000 exchanges) instead
        of walking the newest rows until it has enough (bench/README.md). So the newest
        PROBED rows are read first, whether each matches computed in the walk: when they hold
        more than `most` matches, or are all there is, the newest matches are among them;
        otherwise the index finds the few there are.
        """
        if len(self.searched_terms) < 2 or not kind.probed_first:
            return super().listed(kind, most)
        window = list(
            kind.filtered(self.criteria)
            .newest_first()
            .annotate(matches=SearchVectorExact(F("search_vector"), self.query))
            .values_list("pk", "matches")[:PROBED]
        )
        newest = [pk for pk, matches in window if matches][: most + 1]
        if len(newest) <= most and len(window) == PROBED:
            return super().listed(kind, most)
        if not self.criteria.ranked:
            return len(newest), newest[:most]
        ranks = dict(
            kind.model.objects.filter(pk__in=newest[:most])
            .annotate(search_rank=self.rank(kind))
            .values_list("pk", "search_rank")
        )
        return len(newest), sorted(newest[:most], key=lambda pk: -ranks.get(pk, 0))

    def headline(self, text):
        return SearchHeadline(
            text,
            self.query,
            config=CONFIG,
            start_sel=snippets.MARK_START,
            stop_sel=snippets.MARK_STOP,
            min_words=15,
            max_words=35,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def with_snippets(self, kind, queryset):
        snippet = self.headline(kind.snippet_source())
        if kind.preferred_field:
            # The preferred field when it matches, else the source: a headline parses all of
            # its text, and an exchange's answer is long.
            snippet = Case(
                When(
                    SearchVectorExact(WeightALexemes(F("search_vector")), self.query),
                    then=self.headline(F(kind.preferred_field)),
                ),
                default=snippet,
            )
        # Rows with a searchable copy are cut in Python: no headline to compute for them.
        snippet = Case(
            When(search_text="", then=snippet), default=Value(None), output_field=CharField()
        )
        return queryset.annotate(search_headline=snippet)

    def snippet(self, kind, obj):
        if not self.criteria.text or obj.search_headline is None:
            return self.snippet_in_python(kind, obj)
        return snippets.marked_to_html(obj.search_headline, from_html=kind.from_html)


class SimpleFinder(Finder):
    """SQLite: every word or phrase must appear somewhere; matches in weighty fields rank first.

    A term is looked for as typed in the fields as written, and folded in the searchable copy
    (Chinese cut into words, Vietnamese without its marks): tieng finds tiếng in the copy, and
    hợp is not looked for as hop in English text (where "hope" holds it).
    """

    def matched(self, queryset, kind):
        if not self.criteria.text:
            return queryset
        return queryset.filter(
            self._every_term_in(
                kind.weighty_fields + kind.other_fields, kind.weighty_searchable_fields
            )
        )

    def rank(self, kind):
        return Case(
            When(
                self._every_term_in(
                    kind.weighty_fields, kind.weighty_searchable_fields, first_part=True
                ),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )

    def _every_term_in(self, fields, searchable_fields=(), first_part=False):
        # Only punctuation matches nothing, as on PostgreSQL.
        condition = Q(pk__in=[]) if not self.terms else Q()
        for searched, term in zip(self.searched_terms, self.terms, strict=True):
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": term})
            for name in searchable_fields:
                any_field |= Q(**{f"{name}__contains": searched})
            if first_part:
                # The copy's first part is the weighty field's (the question, the title).
                pattern = f"{re.escape(searched)}[^{PART_SEPARATOR}]*{PART_SEPARATOR}"
                any_field |= Q(search_text__regex=pattern)
            else:
                any_field |= Q(search_text__contains=searched)
            condition &= any_field
        return condition

    def with_snippets(self, kind, queryset):
        return queryset  # cut in Python, from the text itself

    def snippet(self, kind, obj):
        return self.snippet_in_python(kind, obj)


def finder_for(criteria):
    return PostgresFinder(criteria) if on_postgresql() else SimpleFinder(criteria)
