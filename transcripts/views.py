import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.views.generic import (
    ArchiveIndexView,
    DayArchiveView,
    DetailView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)
from taggit.models import Tag

from embassy.core import content
from embassy.missions.middleware import mission_of
from embassy.pages import public_reads
from embassy.pages.pagination import PAGINATED, paginate
from embassy.pages.views import ContentPageView
from sections.models import Article

from .aligning import DIFFERENT_COUNTS, DIFFERENT_OUTLETS, OUTLETS_NOT_COMPARABLE, align
from .models import (
    Briefing,
    Exchange,
    OldBriefingAddress,
    Outlet,
    Spokesperson,
    attach_topics,
)
from .tagging import topic_name
from .transcript import transcript_of


def day_or_404(kwargs):
    """The date a briefing's address names; 404 for one that doesn't exist (2021/02/30)."""
    try:
        return datetime.date(kwargs["year"], kwargs["month"], kwargs["day"])
    except ValueError:
        raise Http404("No such date.") from None


class FollowsOldAddresses:
    """A briefing whose slug or date was changed answers its old addresses with a redirect.

    Everything below the briefing's address (an exchange, print/, suggest/) moves with it.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            moved = self.moved_address(request)
            if moved is None:
                raise
            return redirect(moved, permanent=True)

    def moved_address(self, request):
        try:
            day = day_or_404(self.kwargs)
        except Http404:
            return None
        old = (
            OldBriefingAddress.objects.filter(day=day, slug=self.kwargs["slug"])
            .select_related("briefing")
            .first()
        )
        shown = Briefing.objects.shown_on(mission_of(request)).published()
        if old is None or not shown.filter(pk=old.briefing_id).exists():
            return None
        old_prefix = reverse(
            "transcripts:briefing",
            kwargs={"year": day.year, "month": day.month, "day": day.day, "slug": old.slug},
        )
        if not request.path.startswith(old_prefix):
            return None
        rest = request.path[len(old_prefix) :]
        return old.briefing.get_absolute_url() + rest


class BriefingPage(FollowsOldAddresses, ContentPageView):
    """A page about one briefing, found by its day and slug."""

    model = Briefing
    language_field = "language"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .on_day(day_or_404(self.kwargs))
            .select_related("spokesperson", "section", "lead_image", "recording")
            .prefetch_related("lead_image__renditions")
            # The search vectors (kilobytes a row on PostgreSQL) are for search only.
            .defer("search_vector")
        )


class BriefingView(BriefingPage):
    says_when_elsewhere = True

    @cached_property
    def versions_and_neighbours(self):
        briefing = self.object
        return self.public_read(
            ("versions and neighbours", briefing.pk),
            lambda: briefing.versions_and_neighbours(
                self.visible_versions(), Briefing.objects.shown_on(mission_of(self.request))
            ),
        )

    def translations(self):
        if self.printable:  # paper has no pager: the versions alone
            return super().translations()
        versions = self.versions_and_neighbours[0]
        return {version.language: self.address_of(version) for version in versions}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        briefing = self.object
        context["transcript"] = transcript_of(
            briefing,
            printable=self.printable,
            # Kept under the briefing's own scope, as the page reads its generation.
            generation=self.memo_generation(content.scopes_of_row(briefing)[0]),
            # A draft change's exchanges, previewed (embassy/review/drafts.as_drafted).
            exchanges=getattr(briefing, "drafted_children", {}).get("exchanges"),
        )
        if not self.printable:
            _versions, context["previous_briefing"], context["next_briefing"] = (
                self.versions_and_neighbours
            )
        context["current_section"] = briefing.section
        context["side_by_side"] = [
            {**version, "url": briefing.side_by_side_url(version["code"])}
            for version in context["other_versions"]
        ]
        return context


class SideBySideView(BriefingPage):
    """A briefing beside its version in another language, exchange by exchange.

    The two versions' exchanges are paired by transcripts/aligning.py from their outlets; what
    has no counterpart is shown on its own. The same queries however long the briefings: the
    briefing, the other version, both versions' exchanges in one, and for staff whether both
    are public.
    """

    template_name = "transcripts/briefing_side_by_side.html"
    print_template_name = "transcripts/briefing_side_by_side_print.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.printable:
            self.template_name = self.print_template_name

    def address_in_its_language(self, briefing):
        # Under another prefix: the pair as seen from that version's own language.
        other_language = self.kwargs["other"]
        if other_language == briefing.language:
            other_language = translation.get_language()
        return briefing.side_by_side_url(other_language)

    def get_object(self, queryset=None):
        briefing = super().get_object(queryset)
        other_language = self.kwargs["other"]
        if other_language == briefing.language:
            raise Http404("A briefing beside itself.")
        versions = briefing.versions().shown_on(mission_of(self.request))
        versions = (
            versions.published() if self.public_only else versions.visible_to(self.request.user)
        )
        self.other = (
            versions.filter(language=other_language)
            .select_related("spokesperson")
            .defer("search_vector")
            .first()
        )
        if self.other is None:
            raise Http404("No version of this briefing in that language.")
        return briefing

    def translations(self):
        # The pair seen from either side: the switcher leads from one to the other.
        return {version.language: self.address_of(version) for version in (self.other,)}

    def address_of(self, version):
        partner = self.other if version.pk == self.object.pk else self.object
        return version.side_by_side_url(partner.language)

    def is_preview(self):
        user = self.request.user
        if self.public_only or not (user.is_authenticated and user.is_staff):
            return False
        pair = [self.object.pk, self.other.pk]
        public = Briefing.objects.shown_on(mission_of(self.request)).published()
        return public.filter(pk__in=pair).count() < len(pair)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        left, right = self.object, self.other
        by_briefing = {left.pk: [], right.pk: []}
        exchanges = (
            Exchange.objects.filter(briefing__in=[left.pk, right.pk])
            .select_related("outlet", "responder")
            .defer("search_vector")
            .order_by("position", "id")
        )
        for exchange in exchanges:
            # Every permalink needs its briefing: give it the one already loaded.
            exchange.briefing = left if exchange.briefing_id == left.pk else right
            by_briefing[exchange.briefing_id].append(exchange)
        left_exchanges, right_exchanges = by_briefing[left.pk], by_briefing[right.pk]
        alignment = align(
            [e.outlet_id for e in left_exchanges], [e.outlet_id for e in right_exchanges]
        )
        context.update(
            briefing=left,
            other=right,
            left_exchanges=left_exchanges,
            right_exchanges=right_exchanges,
            rows=[
                {
                    "left": None if row.left is None else left_exchanges[row.left],
                    "left_number": None if row.left is None else row.left + 1,
                    "right": None if row.right is None else right_exchanges[row.right],
                    "right_number": None if row.right is None else row.right + 1,
                    "paired": row.paired,
                }
                for row in alignment.rows
            ],
            different_counts=DIFFERENT_COUNTS in alignment.notes,
            different_outlets=DIFFERENT_OUTLETS in alignment.notes,
            outlets_not_comparable=OUTLETS_NOT_COMPARABLE in alignment.notes,
            unpaired=alignment.unpaired_left + alignment.unpaired_right,
            current_section=left.section,
        )
        return context


class ExchangeView(FollowsOldAddresses, ContentPageView):
    model = Exchange
    language_field = "briefing__language"

    def translations(self):
        """The exchange in the same place of each version of its briefing."""
        return self.public_read(
            ("exchange versions", self.object.pk), self.same_place_in_each_version
        )

    def same_place_in_each_version(self):
        exchange = self.object
        same_place = Exchange.objects.filter(
            briefing__in=exchange.briefing.versions().visible_to(self.request.user),
            position=exchange.position,
        ).select_related("briefing")
        return {other.briefing.language: other.get_absolute_url() for other in same_place}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .on_day(day_or_404(self.kwargs))
            .filter(briefing__slug=self.kwargs["slug"])
            .select_related(
                "briefing__spokesperson",
                "briefing__section",
                "briefing__lead_image",
                "outlet",
                "responder",
            )
            # The briefing's lead image is the exchange's sharing preview.
            .prefetch_related("briefing__lead_image__renditions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exchange = self.object
        # Its topics and neighbours are the same for every reader, drafts' included.
        exchange.topics = public_reads.read(
            self.request,
            ("exchange topics", exchange.pk),
            lambda: tuple(attach_topics([exchange])[0].topics),
        )
        context["current_section"] = exchange.briefing.section
        context["previous_exchange"], context["next_exchange"] = public_reads.read(
            self.request,
            ("exchange neighbours", exchange.pk),
            lambda: Exchange.objects.neighbours_of(exchange),
        )
        return context


class SpokespersonView(DetailView):
    model = Spokesperson
    query_parameters = PAGINATED

    def get_queryset(self):
        # A name only on drafts or on briefings not yet held is embargoed: 404, as for topics.
        return Spokesperson.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mission = mission_of(self.request)
        briefings = self.object.briefings.shown_on(mission).published().for_reader()
        context["page_obj"] = paginate(self.request, briefings)
        return context


class OutletView(DetailView):
    """Every question the outlet asked at a published briefing, newest first."""

    model = Outlet
    query_parameters = PAGINATED

    def get_queryset(self):
        return Outlet.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exchanges = (
            self.object.exchanges.shown_on(mission_of(self.request))
            .published()
            .for_reader()
            .select_related("briefing")
            .newest_first()
        )
        context["page_obj"] = paginate(self.request, exchanges)
        return context


class TagView(TemplateView):
    """Everything public on one topic: briefings, exchanges (paginated) and articles."""

    template_name = "transcripts/tag_detail.html"
    query_parameters = PAGINATED

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        # Each briefing, article and question once: in the reader's language, else marked.
        mission = mission_of(self.request)
        briefings = list(
            Briefing.objects.shown_on(mission)
            .published()
            .tagged(tag)
            .for_reader()
            .select_related("spokesperson")
        )
        articles = list(
            Article.objects.shown_on(mission)
            .published()
            .tagged(tag)
            .for_reader()
            .select_related("section")
        )
        exchanges = paginate(
            self.request,
            Exchange.objects.shown_on(mission)
            .published()
            .for_reader()
            .tagged(tag)
            .select_related("briefing", "outlet")
            .newest_first(),
        )
        if not (briefings or articles or exchanges.paginator.count):
            # A tag used only on drafts is not a public topic yet.
            raise Http404("No public page has this tag.")
        name = topic_name(tag, request=self.request)
        context.update(
            tag=tag,
            tag_name=name,
            running_title=name,
            briefings=briefings,
            articles=articles,
            page_obj=exchanges,
        )
        return context


class BriefingArchiveMixin:
    """The published briefings by date, with how many there are in each year or month."""

    model = Briefing
    query_parameters = {}  # embassy/pagecache/parameters.py
    date_field = "held_at"
    month_format = "%m"
    # Django's own emptiness check loads every row of the period; the counted date list below
    # answers the same question with one grouped query.
    allow_empty = True
    empty_is_404 = True

    def get_queryset(self):
        ordering = self.get_ordering()
        if isinstance(ordering, str):
            ordering = (ordering,)
        return (
            Briefing.objects.shown_on(mission_of(self.request))
            .published()
            .for_reader()
            .select_related("spokesperson")
            .order_by(*ordering)
        )

    def get_dated_queryset(self, **lookup):
        """Django's, but the period's days are those where each briefing was held.

        Django bounds the period by the site's clock; a briefing's day is the place's, as its
        address says (Briefing.local_date): held on the 20th in Washington, it is listed on
        the 20th, though it was the 21st in Beijing. (Django checks emptiness inside this
        method, before any filter added after it: hence its steps here, in its order.)"""
        queryset = self.get_queryset()
        since = lookup.pop(f"{self.date_field}__gte", None)
        until = lookup.pop(f"{self.date_field}__lt", None)
        if since is not None:  # a year, month or day (the index has no bounds)
            queryset = queryset.held_between(since.date(), until.date())
        queryset = queryset.filter(**lookup)
        if not self.get_allow_future():
            queryset = queryset.filter(held_at__lte=timezone.now())
        if not self.get_allow_empty():
            # Unpaginated, the check reads the rows that the page then shows.
            paginated = self.get_paginate_by(queryset) is not None
            if not queryset.exists() if paginated else not queryset:
                raise Http404("No briefings here.")
        return queryset

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        period = date_type or self.get_date_list_period()
        date_list = list(queryset.counted_by(period, descending=ordering == "DESC"))
        if not date_list and self.empty_is_404:
            raise Http404("No briefings here.")
        return date_list


class BriefingArchiveView(BriefingArchiveMixin, ArchiveIndexView):
    """Every month that has briefings, grouped by year; the latest briefings below."""

    date_list_period = "month"
    empty_is_404 = False  # a new site has an archive page before its first briefing
    template_name = "transcripts/briefing_archive.html"

    def get_dated_items(self):
        date_list, _, extra = super().get_dated_items()
        return date_list, self.get_queryset()[:10], extra


class BriefingYearArchiveView(BriefingArchiveMixin, YearArchiveView):
    template_name = "transcripts/briefing_archive_year.html"


class BriefingMonthArchiveView(BriefingArchiveMixin, MonthArchiveView):
    template_name = "transcripts/briefing_archive_month.html"
    ordering = ["held_at", "id"]


class BriefingDayArchiveView(BriefingArchiveMixin, DayArchiveView):
    template_name = "transcripts/briefing_archive_day.html"
    ordering = ["held_at", "id"]
    allow_empty = False  # a day holds a handful of briefings: the check is the page's own query
