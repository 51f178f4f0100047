import reversion
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from embassy.core.addresses import address
from embassy.core.content import SITE, mission_scope, shown_on_pages
from embassy.core.rows import ScopedRow
from embassy.languages.models import Translatable, TranslatableQuerySet
from embassy.languages.segmenting import search_copy
from embassy.media.models import Image
from embassy.missions.models import Mission, home_mission_id
from embassy.pages.labels import WEB_ADDRESS, web_address_help
from embassy.pages.metadata import cut, plain_text
from embassy.pages.publishing import PublishableQuerySet, Status

from .richtext import RichTextField, clean_rich_text_fields

# An article's address is its section's address plus its slug, and the section's print/ and
# suggest/ pages live there too.
RESERVED_ARTICLE_SLUGS = {"print", "suggest"}
# What a section's list shows of each page's text, in characters (Chinese has no spaces to
# count words by).
SUMMARY_CHARACTERS = 240


def validate_article_slug(slug):
    if slug in RESERVED_ARTICLE_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for the section's own pages; choose another.")
            % {"slug": slug}
        )


class MenuGroup(models.TextChoices):
    MAIN = "main", _("Main menu")
    TOPICS = "topics", _("Topics")


class SectionQuerySet(models.QuerySet):
    def shown_on(self, mission):
        """A mission's own sections: its menu and the pages behind it."""
        return self.filter(mission=mission)

    def in_menu(self):
        return self.filter(show_in_menu=True)

    def published(self):
        # A section is part of the site's structure, not dated content: it is always public.
        return self.all()

    def visible_to(self, user):
        return self.all()


def section_scopes(section):
    return (mission_scope(section.mission_id),)


def article_scopes(article):
    mission_id = (
        Section.objects.filter(pk=article.section_id).values_list("mission_id", flat=True).first()
    )
    return (mission_scope(mission_id),) if mission_id is not None else (SITE,)


# Versioned from sections/translation.py, with its columns in every language.
@shown_on_pages(scopes=section_scopes)
class Section(ScopedRow, models.Model):
    """An entry of a mission's menu and the public page behind it."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        default=home_mission_id,
        related_name="sections",
        verbose_name=gettext_lazy("mission"),
    )
    title = models.CharField(max_length=200, verbose_name=gettext_lazy("title"))
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=200,
        help_text=web_address_help("/sections/consular-services/"),
    )
    menu_group = models.CharField(
        max_length=10,
        choices=MenuGroup,
        default=MenuGroup.MAIN,
        verbose_name=gettext_lazy("menu group"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=gettext_lazy("Makes this a sub-section shown under its parent in the menu."),
        verbose_name=gettext_lazy("parent"),
    )
    position = models.PositiveIntegerField(
        gettext_lazy("order in the menu"),
        default=0,
        help_text=gettext_lazy("Order in the menu: lower numbers come first."),
    )
    show_in_menu = models.BooleanField(default=True, verbose_name=gettext_lazy("show in menu"))
    intro = RichTextField(
        blank=True,
        help_text=gettext_lazy("Shown above the section's list of pages. Sanitized on save."),
        verbose_name=gettext_lazy("intro"),
    )
    # The change form's version token: a save from a stale form is refused (embassy/history/).
    updated_at = models.DateTimeField(auto_now=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["menu_group", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "slug"], name="section_slug_per_mission")
        ]
        verbose_name_plural = gettext_lazy("sections")
        verbose_name = gettext_lazy("section")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        clean_rich_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("sections:section", kwargs={"slug": self.slug})

    def briefings_shown_on(self, mission):
        """The briefings this section lists on `mission`: the ministry's are listed in every
        mission's section of the same address. (Their model through the relation: transcripts
        builds on sections, not the other way round.)"""
        briefings = self.briefings.model.objects
        return briefings.shown_on(mission).filter(section__slug=self.slug)


class ArticleQuerySet(TranslatableQuerySet, PublishableQuerySet):
    publish_time_field = "publish_at"

    def shown_on(self, mission):
        """The pages of a mission's own sections."""
        return self.filter(section__mission=mission)

    def in_menu_sections(self):
        """The articles of the sections the menu shows: not those of a section kept out of it
        (the statements' "About this site", which the footer links)."""
        return self.filter(section__show_in_menu=True)

    def latest_per_section(self, count):
        """The newest `count` of every section, sections in menu order, in one query."""
        return (
            self.select_related("section")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section"),
                    order_by=[F("publish_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=count)
            .order_by("section__menu_group", "section__position", "section__title", "rank")
        )


# Tags are not versioned: taggit keeps them through a generic table that revisions do not hold.
@reversion.register(exclude=["search_vector", "search_text", "tags"])
@shown_on_pages(scopes=article_scopes)
class Article(ScopedRow, Translatable, models.Model):
    """A page inside a section: the ambassador's biography, visa rules, a statement."""

    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=gettext_lazy("section"),
    )
    title = models.CharField(max_length=300, verbose_name=gettext_lazy("title"))
    slug = models.SlugField(
        WEB_ADDRESS,
        max_length=200,
        validators=[validate_article_slug],
        help_text=web_address_help("/sections/consular-services/visa-rules/"),
    )
    body = RichTextField(
        blank=True,
        help_text=gettext_lazy(
            "Headings, lists, links, tables, quotes; images and documents from the "
            "library with the buttons below the editor. Anything the editor cannot make (scripts, "
            "styles, unknown tags) is removed on save, and you are told what."
        ),
        verbose_name=gettext_lazy("body"),
    )
    lead_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of_articles",
        help_text=gettext_lazy(
            "Shown at the top of the page with its caption (the ambassador's photo on his "
            "page). Choose one from the image library."
        ),
        verbose_name=gettext_lazy("lead image"),
    )
    publish_at = models.DateTimeField(
        gettext_lazy("publication time"),
        default=timezone.now,
        help_text=gettext_lazy(
            "Not shown to the public before this time: a time to come schedules it."
        ),
    )
    withdraw_at = models.DateTimeField(
        gettext_lazy("withdraw time"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Optional: no longer shown to the public from this time."),
    )
    status = models.CharField(
        max_length=10, choices=Status, default=Status.DRAFT, verbose_name=gettext_lazy("status")
    )
    tags = TaggableManager(blank=True, verbose_name=gettext_lazy("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title and body, weighted; filled by a PostgreSQL trigger (migration 0002), empty on SQLite.
    # See embassy/search/.
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and body as search reads them when they hold Chinese or diacritics (see
    # Briefing.search_text), for the trigger and SQLite; filled on save.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            # A translation may keep the slug: its language prefix tells the addresses apart.
            models.UniqueConstraint(
                fields=["section", "slug", "language"], name="article_slug_per_section_language"
            ),
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="article_one_version_per_language"
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [
            ("publish_article", "Can publish, schedule, withdraw and unpublish articles")
        ]
        verbose_name_plural = gettext_lazy("articles")
        verbose_name = pgettext_lazy("model name", "article")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        clean_rich_text_fields(self)
        self.search_text = search_copy(self.title, self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address(
            "sections:article",
            kwargs={"section_slug": self.section.slug, "slug": self.slug},
            language=self.language,
        )

    @property
    def summary(self):
        """The body's opening as plain text, for a section's list."""
        return cut(plain_text(self.body), SUMMARY_CHARACTERS)

    def versions(self):
        return super().versions().select_related("section")

    def draft_translation(self, language):
        """A draft version in `language`, prefilled from this one (the same slug: the
        language's prefix tells the two addresses apart)."""
        draft = Article.objects.create(
            section=self.section,
            title=self.title,
            slug=self.slug,
            body=self.body,
            lead_image=self.lead_image,
            status=Status.DRAFT,
            language=language,
            translation_key=self.translation_key,
        )
        draft.tags.set(list(self.tags.all()))
        return draft

    @property
    def visible_from(self):
        return self.publish_at
