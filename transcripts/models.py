import datetime
import operator
from functools import reduce
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower, TruncDate, TruncDay, TruncMonth, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from embassy.core.addresses import address
from embassy.core.content import SITE, mission_scope, shown_on_pages
from embassy.core.rows import ScopedRow
from embassy.languages.models import Translatable, TranslatableQuerySet
from embassy.languages.segmenting import han_share, search_copy, searchable
from embassy.media.inspection import RECORDING_KINDS
from embassy.media.models import Document, Image
from embassy.missions.models import Mission
from embassy.pages.labels import WEB_ADDRESS, web_address_help
from embassy.pages.publishing import PublishableQuerySet, State, Status, state_of

from .parsing.dates import PLACE_ZONES

QUESTION_OPENING_WORDS = 12
# Chinese writes no spaces between words: its opening is cut by characters, about as much to
# read as twelve English words.
QUESTION_OPENING_HAN_CHARACTERS = 24
# A recording elsewhere is a link a reader follows: a web page or file, never a script's
# address (javascript:) or a protocol a browser hands to another program.
RECORDING_URL_SCHEMES = ["http", "https"]


def paragraphs(text):
    """Blank lines separate paragraphs; the text inside a paragraph stays as entered."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def translated_columns(model):
    """The columns of `model`'s fields written in every language (name_en, role_vi…)."""
    fields = {"name", "role"} & {field.name for field in model._meta.fields}
    return [
        build_localized_fieldname(field, code)
        for field in sorted(fields)
        for code, _name in settings.LANGUAGES
    ]


class NamedInEveryLanguage(models.Model):
    """An outlet or a person: one row, its name written in each language (transcripts/
    translation.py); `name` reads the page's language's, else the fall-back languages'."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The untranslated column keeps the name in the first language that has one, so that
        # its uniqueness means something whichever language a row was named in first.
        first = next(iter(self.names().values()), None)
        if first:
            self.__dict__["name"] = first
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "name"}
        super().save(*args, **kwargs)

    @transaction.atomic
    def absorb(self, others):
        """Make `others` (rows of this model) this one: everything that points to them (its
        exchanges, briefings, alerts) points here, each name they have in a language this one
        has none in becomes this one's, and they are deleted. Returns how many were merged."""
        others = [other for other in others if other.pk != self.pk]
        if not others:
            return 0
        ids = [other.pk for other in others]
        # Locked, so that an import running meanwhile cannot point a new row at one of them.
        locked = type(self)._default_manager.select_for_update().filter(pk__in=[self.pk, *ids])
        list(locked.values_list("pk", flat=True))
        # Hidden relations too: an alert's subscription points here with related_name="+".
        for relation in self._meta.get_fields(include_hidden=True):
            if relation.auto_created and (relation.one_to_many or relation.one_to_one):
                relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": ids}
                ).update(**{relation.field.name: self})
        inherited = {}
        for column in translated_columns(type(self)):
            if not getattr(self, column):
                inherited[column] = next(
                    (getattr(o, column) for o in others if getattr(o, column)), None
                )
        type(self)._default_manager.filter(pk__in=ids).delete()
        for column, value in inherited.items():
            if value:
                setattr(self, column, value)
        self.save()
        return len(others)

    def names(self):
        """{language code: name} of the languages it is named in, in the site's order."""
        found = {}
        for code, _name in settings.LANGUAGES:
            value = getattr(self, build_localized_fieldname("name", code), None)
            if value:
                found[code] = value
        return found


class SpokespersonQuerySet(models.QuerySet):
    def with_published_briefings(self):
        """The spokespeople the public may know of: who will speak at a briefing is news only
        once it is published and its time has come."""
        return self.filter(pk__in=Briefing.objects.published().values("spokesperson"))

    def visible_to(self, user):
        """Staff who may preview briefings also see the spokespeople of drafts."""
        return self.filter(pk__in=Briefing.objects.visible_to(user).values("spokesperson"))


class OutletQuerySet(models.QuerySet):
    def with_published_exchanges(self):
        """The outlets that asked a question at a published briefing whose time has come."""
        return self.filter(pk__in=Exchange.objects.published().values("outlet"))

    def visible_to(self, user):
        """Staff who may preview briefings also see the outlets of drafts."""
        return self.filter(pk__in=Exchange.objects.visible_to(user).values("outlet"))


# Versioned from transcripts/translation.py, with its name in every language.
@shown_on_pages
class Spokesperson(NamedInEveryLanguage):
    name = models.CharField(max_length=200, unique=True, verbose_name=gettext_lazy("name"))
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=web_address_help("/spokespeople/zhao-lijian/"),
    )
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy('For example "Foreign Ministry Spokesperson".'),
        verbose_name=gettext_lazy("role"),
    )

    objects = SpokespersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = gettext_lazy("spokespeople")
        verbose_name = gettext_lazy("spokesperson")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("transcripts:spokesperson", kwargs={"slug": self.slug})


# Versioned from transcripts/translation.py, with its name in every language.
@shown_on_pages
class Outlet(NamedInEveryLanguage):
    """The organisation a questioner speaks for: CCTV, Bloomberg, Xinhua News Agency."""

    name = models.CharField(max_length=200, verbose_name=gettext_lazy("name"))
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=web_address_help("/outlets/bloomberg/"),
    )
    # Its names in every language as search reads them (Chinese cut into words, marks folded):
    # the exchanges' PostgreSQL trigger indexes them with the question, so that "法新社" and
    # "Hãng thông tấn Pháp" find AFP's questions (migration 0017). bulk_create skips save():
    # whoever bulk-creates calls fill_search_names() first.
    search_names = models.TextField(blank=True, default="", editable=False)

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="outlet_name_unique_ignoring_case",
                violation_error_message="An outlet with this name already exists.",
            )
        ]
        verbose_name_plural = gettext_lazy("outlets")
        verbose_name = gettext_lazy("outlet")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_search_names()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_names"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("transcripts:outlet", kwargs={"slug": self.slug})

    def fill_search_names(self):
        self.search_names = searchable(" ".join(dict.fromkeys(self.names().values())))


def _held_in_zones():
    """(which briefings, the zone their days are counted in): a place's zone when one is set,
    else the site's. Briefing.zone says the same of one row; these say it in a query."""
    return [
        (Q(held_in_zone=""), timezone.get_default_timezone()),
        *((Q(held_in_zone=name), ZoneInfo(name)) for name in PLACE_ZONES),
    ]


def _within(first_day, end_day, zone):
    start = datetime.datetime.combine(first_day, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(end_day, datetime.time(), tzinfo=zone)
    return Q(held_at__gte=start, held_at__lt=end)


def held_on():
    """The day where a briefing was held (Briefing.local_date, its address's day), in SQL."""
    return models.Case(
        *(
            models.When(zone_rows, then=TruncDate("held_at", tzinfo=zone))
            for zone_rows, zone in _held_in_zones()
        ),
        output_field=models.DateField(),
    )


class BriefingQuerySet(TranslatableQuerySet, PublishableQuerySet):
    publish_time_field = "held_at"
    # The MFA posts a transcript hours after the press conference: public from its publication
    # time, or from the time it was held when none is set.
    visible_from_fields = ("publish_at", "held_at")

    def shown_on(self, mission):
        """What `mission` shows: its own briefings, and the ministry's unless it leaves them
        out (all of them, or one by one)."""
        return self.filter(shown_on(mission))

    def on_day(self, day):
        """Held on `day` where it was held (its address's day)."""
        return self.held_between(day, day + datetime.timedelta(days=1))

    def held_between(self, first_day, end_day):
        """Held from `first_day` to before `end_day` where it was held (its address's days):
        in the site's zone when no place's zone is set, else in that zone; one query, each
        known zone its own bounds (an index on held_at serves them)."""
        return self.filter(
            reduce(
                operator.or_,
                (
                    zone_rows & _within(first_day, end_day, zone)
                    for zone_rows, zone in _held_in_zones()
                ),
            )
        )

    def counted_by(self, period, descending=False):
        """[(first day, count)] of each year, month or day (`period`) that holds briefings,
        by the day where each was held (its address's day), from one grouped query."""
        truncate = {"year": TruncYear, "month": TruncMonth, "day": TruncDay}[period]
        return (
            self.order_by()
            .annotate(period=truncate(held_on()))
            .values("period")
            .annotate(count=models.Count("pk"))
            .order_by("-period" if descending else "period")
            .values_list("period", "count")
        )

    def on_topic(self, tag):
        """Tagged with `tag` themselves or holding an exchange that is (rows may repeat)."""
        return self.filter(Q(tags__slug=tag.slug) | Q(exchanges__tags__slug=tag.slug))

    def before(self, briefing):
        """Held before `briefing` (at the same time: created before it), nearest first."""
        same_time = Q(held_at=briefing.held_at) & Q(pk__lt=briefing.pk)
        return self.filter(Q(held_at__lt=briefing.held_at) | same_time).order_by("-held_at", "-pk")

    def after(self, briefing):
        """Held after `briefing` (at the same time: created after it), nearest first."""
        same_time = Q(held_at=briefing.held_at) & Q(pk__gt=briefing.pk)
        return self.filter(Q(held_at__gt=briefing.held_at) | same_time).order_by("held_at", "pk")


def shown_on(mission, through=""):
    """The condition of a briefing (reached through `through`, "briefing__") shown on
    `mission`: its own, and the ministry's that it carries, less those it leaves out and
    those in a language it has published its own translation in (the consulate's Vietnamese
    stands in for the ministry's on the consulate)."""
    own = Q(**{f"{through}mission": mission})
    if not mission.carries_ministry_briefings:
        return own
    left_out = Briefing.left_out_by.through.objects.filter(mission=mission).values("briefing_id")
    replaced = Briefing.objects.published().filter(
        mission=mission,
        translation_key=OuterRef(f"{through}translation_key"),
        language=OuterRef(f"{through}language"),
    )
    ministry = (
        Q(**{f"{through}mission__isnull": True})
        & ~Q(**{f"{through}pk__in": left_out})
        & ~Exists(replaced)
    )
    return own | ministry


def briefing_scopes(briefing):
    # The ministry's briefings are what every mission shows; a mission's own, its own.
    return (mission_scope(briefing.mission_id),) if briefing.mission_id else (SITE,)


def exchange_scopes(exchange):
    # Its briefing's, read from the briefing already loaded (a form's inline rows have it).
    if Exchange.briefing.is_cached(exchange):
        return briefing_scopes(exchange.briefing)
    mission_id = (
        Briefing.objects.filter(pk=exchange.briefing_id)
        .values_list("mission_id", flat=True)
        .first()
    )
    return (mission_scope(mission_id),) if mission_id else (SITE,)


# A briefing and its exchanges are one revision. Old addresses are not versioned: save() keeps
# them, and restoring must add to them, never take one away.
@reversion.register(
    follow=["versioned_exchanges"], exclude=["search_vector", "search_text", "tags"]
)
@shown_on_pages(scopes=briefing_scopes)
class Briefing(ScopedRow, Translatable, models.Model):
    """A spokesperson's press conference."""

    mission = models.ForeignKey(
        Mission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_briefings",
        verbose_name=gettext_lazy("mission"),
        help_text=gettext_lazy(
            "Empty: the ministry's, shown on every mission that carries its briefings. A "
            "mission's own (an ambassador's press conference) shows on that mission only."
        ),
    )
    left_out_by = models.ManyToManyField(
        Mission,
        blank=True,
        related_name="briefings_left_out",
        verbose_name=gettext_lazy("left out by"),
        help_text=gettext_lazy("Missions that do not show this briefing of the ministry."),
    )
    title = models.CharField(max_length=300, verbose_name=gettext_lazy("title"))
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=200,
        unique_for_date="held_at",
        allow_unicode=True,
        help_text=web_address_help("/briefings/2021/01/28/regular-press-conference/"),
    )
    spokesperson = models.ForeignKey(
        Spokesperson,
        on_delete=models.PROTECT,
        related_name="briefings",
        verbose_name=gettext_lazy("spokesperson"),
    )
    held_at = models.DateTimeField(
        gettext_lazy("date and time"),
        help_text=gettext_lazy("As dated on the transcript; not public before then."),
    )
    ends_at = models.DateTimeField(
        gettext_lazy("end time"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Optional: when the briefing ended."),
    )
    held_in_zone = models.CharField(
        gettext_lazy("time zone where it was held"),
        max_length=40,
        blank=True,
        choices=[(name, name) for name in PLACE_ZONES],
        help_text=gettext_lazy(
            "The place's clock, as the transcript names it (EST: America/New_York). Its web "
            "address is dated by the day there; blank: the site's time zone."
        ),
    )
    place = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            'Where it was held, for example "Blue Hall, Ministry of Foreign Affairs, Beijing".'
        ),
        verbose_name=gettext_lazy("place"),
    )
    section = models.ForeignKey(
        "sections.Section",
        on_delete=models.PROTECT,
        related_name="briefings",
        verbose_name=gettext_lazy("section"),
    )
    status = models.CharField(
        max_length=10, choices=Status, default=Status.DRAFT, verbose_name=gettext_lazy("status")
    )
    publish_at = models.DateTimeField(
        gettext_lazy("publication time"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "When the public may read it, if not from the time it was held: a time to "
            "come schedules it."
        ),
    )
    withdraw_at = models.DateTimeField(
        gettext_lazy("withdraw time"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Optional: no longer shown to the public from this time."),
    )
    source_url = models.URLField(gettext_lazy("source address"), max_length=500, blank=True)
    opening_remarks = models.TextField(
        blank=True,
        help_text=gettext_lazy(
            "Announcements before the first question. Blank lines separate paragraphs."
        ),
        verbose_name=gettext_lazy("opening remarks"),
    )
    recording = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recording_of_briefings",
        limit_choices_to={"kind__in": RECORDING_KINDS},
        verbose_name=gettext_lazy("recording file"),
        help_text=gettext_lazy(
            "The briefing's video or audio, uploaded to the document library (MP3 or "
            "MP4). Readers get a link to it."
        ),
    )
    recording_url = models.URLField(
        gettext_lazy("recording address"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=RECORDING_URL_SCHEMES)],
        help_text=gettext_lazy(
            "Or the address of the video or audio elsewhere (http or https), shown as a "
            "plain link; no player from another site is embedded."
        ),
    )
    lead_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of_briefings",
        help_text=gettext_lazy(
            "Shown at the top of the briefing with its caption. Choose one from the image library."
        ),
        verbose_name=gettext_lazy("lead image"),
    )
    tags = TaggableManager(blank=True, verbose_name=gettext_lazy("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title and opening remarks, weighted. On PostgreSQL a trigger fills it on every insert and
    # update and a GIN index covers it (migration 0002, PostgreSQL-only, hence not declared
    # here); on SQLite it stays empty. See embassy/search/.
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and opening remarks as search reads them when they hold Chinese or diacritics:
    # cut into words, marks folded (embassy/languages/segmenting.py), for the trigger to index
    # and SQLite to match; empty otherwise. Filled on save.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = BriefingQuerySet.as_manager()
    owner_field = "mission"

    class Meta:
        ordering = ["-held_at", "-id"]
        # With the id, the published briefings' dates and ids are read from the index alone:
        # search joins exchanges to them without reading the briefings' rows.
        indexes = [
            models.Index(fields=["status", "held_at", "id"], name="briefing_status_held_at_id")
        ]
        get_latest_by = "held_at"
        permissions = [
            ("publish_briefing", "Can publish, schedule, withdraw and unpublish briefings")
        ]
        constraints = [
            # One version a language for each owner: the ministry's, and each mission's own
            # (a mission's translation of a ministry briefing stands in for the ministry's).
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                condition=Q(mission__isnull=True),
                name="briefing_one_ministry_version_per_language",
            ),
            models.UniqueConstraint(
                fields=["translation_key", "language", "mission"],
                condition=Q(mission__isnull=False),
                name="briefing_one_mission_version_per_language",
            ),
        ]
        verbose_name_plural = gettext_lazy("briefings")
        verbose_name = pgettext_lazy("model name", "briefing")

    def __str__(self):
        return self.title

    @transaction.atomic
    def save(self, *args, **kwargs):
        before = None
        if self.pk:
            before = (
                Briefing.objects.filter(pk=self.pk)
                .values("slug", "held_at", "held_in_zone")
                .first()
            )
        self.search_text = search_copy(self.title, self.opening_remarks)
        super().save(*args, **kwargs)
        if before:
            old_day = Briefing(
                held_at=before["held_at"], held_in_zone=before["held_in_zone"]
            ).local_date
            if (old_day, before["slug"]) != (self.local_date, self.slug):
                # A permalink outlives edits: the old address keeps leading here.
                OldBriefingAddress.objects.update_or_create(
                    day=old_day, slug=before["slug"], defaults={"briefing": self}
                )

    def get_absolute_url(self):
        # Under its own language's prefix, whatever the language of the page linking to it.
        return address(
            "transcripts:briefing",
            kwargs={**self.date_kwargs(), "slug": self.slug},
            language=self.language,
        )

    @transaction.atomic
    def draft_translation(self, language, **owner):
        """A draft version in `language`, prefilled from this one: its exchanges copied with the
        same outlets and responders, its topics, lead image, place, end and recording. The slug
        gets the language's code (two versions of one day must not share a slug). It is this
        one's mission's unless `owner` names another (`mission_id`: a mission's own
        translation of a ministry briefing)."""
        same_day = Briefing.objects.on_day(self.local_date)
        base = f"{self.slug}-{language}"[: self._meta.get_field("slug").max_length - 4]
        slug, n = base, 1
        while same_day.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        draft = Briefing.objects.create(
            title=self.title,
            slug=slug,
            spokesperson=self.spokesperson,
            held_at=self.held_at,
            held_in_zone=self.held_in_zone,
            ends_at=self.ends_at,
            place=self.place,
            recording=self.recording,
            recording_url=self.recording_url,
            section=self.section,
            status=Status.DRAFT,
            opening_remarks=self.opening_remarks,
            lead_image=self.lead_image,
            language=language,
            translation_key=self.translation_key,
            mission_id=owner.get("mission_id", self.mission_id),
        )
        Exchange.objects.bulk_create(
            Exchange(
                briefing=draft,
                position=exchange.position,
                outlet_id=exchange.outlet_id,
                responder_id=exchange.responder_id,
                question=exchange.question,
                answer=exchange.answer,
            ).fill_search_text()
            for exchange in self.exchanges.all()
        )
        draft.tags.set(list(self.tags.all()))
        if reversion.is_active():
            # bulk_create sends no post_save: the exchanges join the revision by the
            # briefing's `follow`, now that they exist.
            reversion.add_to_revision(draft)
        return draft

    def side_by_side_url(self, other_language):
        """This briefing beside its version in `other_language`, under this one's prefix."""
        return address(
            "transcripts:briefing-side-by-side",
            kwargs={**self.date_kwargs(), "slug": self.slug, "other": other_language},
            language=self.language,
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_at and self.held_at and self.ends_at <= self.held_at:
            errors["ends_at"] = _("The end time must be after the briefing's start.")
        if self.recording_id and self.recording_url:
            errors["recording_url"] = _(
                "Give either a recording file or a recording address, not both."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def versioned_exchanges(self):
        """The exchanges as a revision records them: each one's name needs its outlet, read
        here in the same query rather than once per exchange."""
        return self.exchanges.select_related("outlet")

    @property
    def zone(self):
        """The zone of the place where it was held (the site's when none is set)."""
        return ZoneInfo(self.held_in_zone) if self.held_in_zone else timezone.get_default_timezone()

    @property
    def local_date(self):
        """The day where it was held: its address's date."""
        return self.held_at.astimezone(self.zone).date()

    @property
    def held_at_there(self):
        """The time on the place's clock, when that differs from the site's; else None."""
        there = self.held_at.astimezone(self.zone)
        here = timezone.localtime(self.held_at)
        return there if there.utcoffset() != here.utcoffset() else None

    def date_kwargs(self):
        day = self.local_date
        return {"year": day.year, "month": day.month, "day": day.day}

    def versions_and_neighbours(self, versions, shown):
        """(the rows of `versions`, the published briefing just before this one in its
        language, the one just after), from one query rather than three: `versions` is a
        queryset of this briefing's versions as the reader may see them, `shown` the briefings
        the reader's site shows (the neighbours are among them). Each row has what its address
        and a pager's link need."""
        public = shown.published().in_language(self.language)
        nearest = Q(pk__in=public.before(self).values("pk")[:1]) | Q(
            pk__in=public.after(self).values("pk")[:1]
        )
        rows = versions.only(
            "title", "slug", "held_at", "held_in_zone", "language", "translation_key"
        ) | (Briefing.objects.filter(nearest))
        found, previous, following = [], None, None
        for row in rows.order_by():
            # A neighbour is in this language and a version in another, or this briefing.
            if row.translation_key == self.translation_key:
                found.append(row)
            elif (row.held_at, row.pk) < (self.held_at, self.pk):
                previous = row
            else:
                following = row
        return tuple(found), previous, following

    @property
    def opening_paragraphs(self):
        return paragraphs(self.opening_remarks)

    @property
    def recording_address(self):
        """Where a reader finds the video or audio: the library's stable address of the file,
        or the address elsewhere; empty when there is none."""
        if self.recording_id:
            # From the id alone: lists and the API need no query for the file's row.
            # The numbered address redirects to the document's own, for whoever may see it.
            return address("media:numbered-document", kwargs={"pk": self.recording_id})
        return self.recording_url

    @property
    def recording_host(self):
        """The site an outside recording is on, named beside its link: the reader knows they
        are leaving the embassy's site."""
        return urlsplit(self.recording_url).hostname or ""

    @property
    def visible_from(self):
        return self.publish_at or self.held_at

    @property
    def is_published(self):
        return state_of(self) == State.PUBLISHED


@shown_on_pages
class OldBriefingAddress(models.Model):
    """Where a briefing used to be: its day and slug before staff changed one of them."""

    briefing = models.ForeignKey(
        Briefing,
        on_delete=models.CASCADE,
        related_name="old_addresses",
        verbose_name=pgettext_lazy("model name", "briefing"),
    )
    day = models.DateField(verbose_name=gettext_lazy("day"))
    slug = models.SlugField(max_length=200, allow_unicode=True, verbose_name=gettext_lazy("slug"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "slug"], name="old_briefing_address_unique")
        ]
        verbose_name_plural = gettext_lazy("old briefing addresses")
        verbose_name = gettext_lazy("old briefing address")

    def __str__(self):
        return f"{self.day:%Y/%m/%d}/{self.slug}"


def attach_topics(objects):
    """Set `obj.topics`, its tags in name order, on every object (exchanges, and a briefing
    with them), from one query.

    taggit's prefetch_related("tags") builds a manager and a query object per exchange: on a
    200-exchange briefing that was a third of the page's time. This reads the same rows.
    """
    objects = list(objects)
    by_model = {}
    for obj in objects:
        obj.topics = []
        by_model.setdefault(type(obj), {})[obj.pk] = obj
    by_type = {
        ContentType.objects.get_for_model(model).pk: by_pk for model, by_pk in by_model.items()
    }
    if by_type:
        tagged = TaggedItem.objects.filter(
            reduce(
                operator.or_,
                (
                    Q(content_type_id=content_type, object_id__in=by_pk)
                    for content_type, by_pk in by_type.items()
                ),
            )
        ).select_related("tag")
        for item in tagged.order_by("tag__name"):
            by_type[item.content_type_id][item.object_id].topics.append(item.tag)
    _attach_drafted_topics(objects)
    return objects


def _attach_drafted_topics(objects):
    """A draft change's rows, previewed (embassy/review/drafts.as_drafted), show the tags the
    change gives them (`drafted_related["tags"]`, names) instead of their live ones: a name
    with a Tag row is that tag; a new name is an unsaved Tag, which has no page yet (the
    tags fragment shows it without a link). One query for them all; nothing is written."""
    drafted = [obj for obj in objects if "tags" in getattr(obj, "drafted_related", {})]
    if not drafted:
        return
    names = {name for obj in drafted for name in obj.drafted_related["tags"]}
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for obj in drafted:
        tags = (existing.get(name) or Tag(name=name) for name in obj.drafted_related["tags"])
        obj.topics = sorted(tags, key=lambda tag: tag.name)


class ExchangeQuerySet(PublishableQuerySet):
    # An exchange is public when its briefing is; staff who may view briefings preview it.
    published_through = "briefing"

    def shown_on(self, mission):
        """The exchanges of the briefings `mission` shows."""
        return self.filter(shown_on(mission, through="briefing__"))

    def newest_first(self):
        """Newest briefings first, each briefing's exchanges in the order they were asked."""
        return self.order_by("-briefing__held_at", "-briefing_id", "position", "id")

    def in_language(self, code):
        """An exchange is in its briefing's language."""
        return self.filter(briefing__language=code)

    def for_reader(self, language=None):
        """The exchanges of the published briefings a reader of `language` is shown, each
        briefing once (Briefing.objects.for_reader()): an outlet's question is listed once
        however many versions its briefing has."""
        return self.filter(briefing__in=Briefing.objects.published().for_reader(language))

    def neighbours_of(self, exchange):
        """The questions asked just before and just after `exchange` at its briefing (None at
        either end), in the briefing's order, with their outlets: one small query, however
        long the briefing."""
        siblings = self.model._default_manager.filter(briefing_id=exchange.briefing_id)
        place, pk = exchange.position, exchange.pk
        before = siblings.filter(Q(position__lt=place) | Q(position=place, pk__lt=pk))
        after = siblings.filter(Q(position__gt=place) | Q(position=place, pk__gt=pk))
        nearest = Q(pk__in=before.order_by("-position", "-pk").values("pk")[:1]) | Q(
            pk__in=after.order_by("position", "pk").values("pk")[:1]
        )
        previous = following = None
        for neighbour in self.filter(nearest).select_related("outlet").order_by():
            neighbour.briefing = exchange.briefing  # its address needs the briefing
            if (neighbour.position, neighbour.pk) < (place, pk):
                previous = neighbour
            else:
                following = neighbour
        return previous, following


@reversion.register(exclude=["search_vector", "search_text", "tags"])
@shown_on_pages(scopes=exchange_scopes)
class Exchange(ScopedRow, models.Model):
    """One question and its answer, in its place in the briefing."""

    briefing = models.ForeignKey(
        Briefing,
        on_delete=models.CASCADE,
        related_name="exchanges",
        verbose_name=pgettext_lazy("model name", "briefing"),
    )
    position = models.PositiveIntegerField(
        gettext_lazy("order"),
        default=0,
        help_text=gettext_lazy("Drag the rows to reorder, or type the numbers."),
    )
    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchanges",
        help_text=gettext_lazy("Leave empty when the transcript does not name the questioner."),
        verbose_name=gettext_lazy("outlet"),
    )
    question = models.TextField(
        help_text=gettext_lazy("Blank lines separate paragraphs."),
        verbose_name=gettext_lazy("question"),
    )
    # Blank when the question got no answer (a transcript records it; the page says so).
    answer = models.TextField(
        blank=True,
        help_text=gettext_lazy(
            "Blank lines separate paragraphs. Leave empty when no answer was given."
        ),
        verbose_name=gettext_lazy("answer"),
    )
    responder = models.ForeignKey(
        Spokesperson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answered_exchanges",
        help_text=gettext_lazy(
            "Only when someone other than the briefing's spokesperson answered."
        ),
        verbose_name=gettext_lazy("responder"),
    )
    tags = TaggableManager(blank=True, verbose_name=gettext_lazy("tags"))
    # Outlet and question weigh more than the answer; kept by a PostgreSQL trigger, bulk_create
    # included (migration 0002). See embassy/search/.
    search_vector = SearchVectorField(null=True, editable=False)
    # Question and answer as search reads them (Chinese, diacritics); see Briefing.search_text.
    # bulk_create skips save(): whoever bulk-creates calls fill_search_text() first.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        ordering = ["briefing", "position", "id"]
        indexes = [models.Index(fields=["briefing", "position"])]
        verbose_name_plural = gettext_lazy("exchanges")
        verbose_name = pgettext_lazy("model name", "exchange")

    def __str__(self):
        return f"{self.questioner_name}: {self.question_opening}"

    def save(self, *args, **kwargs):
        self.fill_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.pk is None:
            return f"#{self.anchor}"  # added by a draft change, previewed: no page of its own yet
        return address(
            "transcripts:exchange",
            kwargs={**self.briefing.date_kwargs(), "slug": self.briefing.slug, "pk": self.pk},
            language=self.briefing.language,
        )

    def fill_search_text(self):
        self.search_text = search_copy(self.question, self.answer)
        return self

    @property
    def questioner_name(self):
        return self.outlet.name if self.outlet_id else _("Question")

    @property
    def question_opening(self):
        """The question's first words, for the question index and page titles."""
        if han_share(self.question) > 0.5:
            text = " ".join(self.question.split())
            if len(text) <= QUESTION_OPENING_HAN_CHARACTERS:
                return text
            return text[:QUESTION_OPENING_HAN_CHARACTERS].rstrip("，。、；：,.;: ") + "…"
        words = self.question.split()
        shown = words[:QUESTION_OPENING_WORDS]
        return " ".join(shown) + ("…" if len(words) > len(shown) else "")

    @property
    def title(self):
        return f"{self.questioner_name}: {self.question_opening}"

    @property
    def anchor(self):
        # The primary key, not the position: a link to an exchange survives reordering.
        if self.pk is None:  # added by a draft change, previewed
            return f"exchange-new-{self.position}"
        return f"exchange-{self.pk}"

    @property
    def question_paragraphs(self):
        return paragraphs(self.question)

    @property
    def answer_paragraphs(self):
        return paragraphs(self.answer)

    def get_briefing_anchor_url(self):
        return f"{self.briefing.get_absolute_url()}#{self.anchor}"


class Topic(Tag):
    """A tag as staff manage it: the admin's "Topics" instead of taggit's own "Tags"."""

    class Meta:
        proxy = True
        ordering = ["name"]
        verbose_name = gettext_lazy("topic")
        verbose_name_plural = gettext_lazy("topics")


def translated_topic_languages():
    """The languages a topic is named in besides the default one (whose name is the tag's own):
    a function, so that the languages offered stay a setting, not a migration."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@shown_on_pages
class TopicName(models.Model):
    """A topic's name in a language other than the default: "Biến đổi khí hậu" for the tag
    "Climate change". The tag's own name is the default language's, and its slug (its address)
    is one in every language; a language with no row here shows the tag's own name."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="translated_names")
    language = models.CharField(
        gettext_lazy("language"), max_length=10, choices=translated_topic_languages
    )
    name = models.CharField(gettext_lazy("name"), max_length=100)

    class Meta:
        verbose_name = gettext_lazy("name in another language")
        verbose_name_plural = gettext_lazy("names in other languages")
        constraints = [
            models.UniqueConstraint(fields=["tag", "language"], name="one_topic_name_a_language")
        ]

    def __str__(self):
        return self.name
