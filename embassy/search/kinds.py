"""What each kind of search result needs, in one place: one small class per kind.

A kind says which published rows it searches, how the filters narrow them, which fields carry
its words (the weighty ones rank first), the text its snippet is cut from, and the template of
one hit. The search itself (query.py, backends.py) knows no kind by name.
"""

import html

from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sections.models import Article
from transcripts.models import Briefing, Exchange, Outlet, translated_columns


class ResultKind:
    name = ""  # in the address: ?kind=exchanges
    label = ""  # the tab
    singular = ""  # the name of its hit template
    model = None
    weighty_fields = ()  # a match here ranks first on SQLite
    # Weighty too, written as search reads them (cut, folded): SQLite looks for the folded term.
    weighty_searchable_fields = ()
    other_fields = ()
    from_html = False  # the snippet's source is staff HTML, not plain paragraphs
    # Shown instead of the snippet's source when the words are in it; its words carry the
    # vector's weight A (exchanges: the question, with the outlet).
    preferred_field = None
    # Whether PostgreSQL looks for several words among the newest rows first (backends.py):
    # for the kind with the most rows.
    probed_first = False

    @property
    def template(self):
        return f"search/includes/hit_{self.singular}.html"

    def counted(self, count):
        """The kind's word for `count` of it, in the current language: "1 exchange"."""
        raise NotImplementedError

    def published(self):
        return self.model.objects.published()

    def newest_first(self, queryset):
        return queryset.newest_first()

    def shown(self):
        """The published rows with the columns a hit shows."""
        return self.published()

    def filtered(self, criteria):
        """The published rows the criteria's filters (not its words) leave."""
        rows = self.published().between_days(criteria.date_from, criteria.date_to)
        if criteria.mission is not None:
            rows = rows.shown_on(criteria.mission)
        if criteria.language:
            rows = rows.in_language(criteria.language)
        return rows

    def language(self, obj):
        """The code of the language a hit is written in."""
        return obj.language

    def snippet_source(self):
        """The expression PostgreSQL cuts a headline from."""
        raise NotImplementedError

    def snippet_text(self, obj):
        """The same text, cut in Python (SQLite)."""
        raise NotImplementedError

    def plain_text(self, obj):
        """The text shown when there are no words to highlight (a search by filters only)."""
        return self.snippet_text(obj)


class ExchangeKind(ResultKind):
    name, label, singular = "exchanges", _("Exchanges"), "exchange"

    def counted(self, count):
        return ngettext("exchange", "exchanges", count)

    model = Exchange
    probed_first = True
    # The outlet by its name in any language: "法新社" finds AFP's questions in English too.
    outlet_names = tuple(f"outlet__{column}" for column in translated_columns(Outlet))
    weighty_fields = ("outlet__name", *outlet_names, "question")
    # "hang thong tan phap" finds the questions of Hãng thông tấn Pháp (PostgreSQL's trigger
    # indexes the same column).
    weighty_searchable_fields = ("outlet__search_names",)
    other_fields = ("answer",)
    # Leaving out the vectors and the briefing's remarks keeps the join narrow.
    shown_fields = (
        "position",
        "question",
        "answer",
        "briefing__title",
        "briefing__slug",
        "briefing__held_at",
        "briefing__held_in_zone",
        "briefing__language",
        "outlet__name",
        *outlet_names,  # the page's language's, else a fall-back language's
        "outlet__slug",
    )

    def shown(self):
        # Published again: a briefing unpublished between the two queries stays unfound.
        return self.published().select_related("briefing", "outlet").only(*self.shown_fields)

    def filtered(self, criteria):
        exchanges = super().filtered(criteria)
        if criteria.spokesperson:
            # Whoever answered: the briefing's spokesperson unless someone else did.
            exchanges = exchanges.filter(
                Q(responder=criteria.spokesperson)
                | Q(responder__isnull=True, briefing__spokesperson=criteria.spokesperson)
            )
        if criteria.outlet:
            exchanges = exchanges.filter(outlet=criteria.outlet)
        if criteria.tag:
            # Tagged themselves or through their briefing; subqueries keep each exchange once.
            exchanges = exchanges.filter(
                Q(pk__in=Exchange.objects.filter(tags=criteria.tag).values("pk"))
                | Q(briefing__in=Briefing.objects.filter(tags=criteria.tag).values("pk"))
            )
        return exchanges

    preferred_field = "question"

    def language(self, obj):
        return obj.briefing.language

    def snippet_source(self):
        return F("answer")

    def snippet_text(self, obj):
        return obj.answer

    def plain_text(self, obj):
        return obj.question


class BriefingKind(ResultKind):
    name, label, singular = "briefings", _("Briefings"), "briefing"

    def counted(self, count):
        return ngettext("briefing", "briefings", count)

    model = Briefing
    weighty_fields = ("title",)
    other_fields = ("opening_remarks",)

    def shown(self):
        return self.published().defer("search_vector")

    def filtered(self, criteria):
        if criteria.outlet:
            # Outlets ask questions: only exchanges have one.
            return Briefing.objects.none()
        briefings = super().filtered(criteria)
        if criteria.spokesperson:
            briefings = briefings.filter(spokesperson=criteria.spokesperson)
        if criteria.tag:
            briefings = briefings.filter(
                pk__in=Briefing.objects.filter(tags=criteria.tag).values("pk")
            )
        return briefings

    def snippet_source(self):
        return Concat("title", Value("\n\n"), "opening_remarks", output_field=TextField())

    def snippet_text(self, obj):
        return obj.opening_remarks


class ArticleKind(ResultKind):
    name, label, singular = "articles", _("Articles"), "article"

    def counted(self, count):
        return ngettext("article", "articles", count)

    model = Article
    weighty_fields = ("title",)
    other_fields = ("body",)
    from_html = True

    def shown(self):
        return self.published().select_related("section").defer("search_vector")

    def filtered(self, criteria):
        if criteria.outlet or criteria.spokesperson:
            return Article.objects.none()
        articles = super().filtered(criteria)
        if criteria.tag:
            articles = articles.filter(
                pk__in=Article.objects.filter(tags=criteria.tag).values("pk")
            )
        return articles

    def snippet_source(self):
        return F("body")

    def snippet_text(self, obj):
        return html.unescape(strip_tags(obj.body))


KINDS = {kind.name: kind for kind in (ExchangeKind(), BriefingKind(), ArticleKind())}
EXCHANGES, BRIEFINGS, ARTICLES = KINDS  # their names, in the order of the tabs
