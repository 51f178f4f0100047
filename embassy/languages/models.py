"""Content written per language, its versions linked by one translation key (as Wagtail does).

An article or a briefing is written in one language. Its translations share its
`translation_key`; at most one version per language. The original is the version written
first; a translation is out of date when the original was changed after the translation was
last edited.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def default_language():
    return settings.LANGUAGE_CODE


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def reading_order(code):
    """The languages a reader of `code` is shown, theirs first (settings.LANGUAGE_FALLBACKS)."""
    return [code, *settings.LANGUAGE_FALLBACKS.get(code, ())]


class TranslationState(models.TextChoices):
    ORIGINAL = "original", _("original")
    CURRENT = "current", _("up to date")
    OUT_OF_DATE = "out_of_date", _("out of date")
    MISSING = "missing", _("missing")


class TranslatableQuerySet(models.QuerySet):
    def in_language(self, code):
        return self.filter(language=code)

    def in_current_language(self):
        """The versions in the language of the page (its address's prefix)."""
        return self.in_language(translation.get_language())

    def for_reader(self, language=None):
        """What lists show a reader of `language` (the page's by default): each piece once,
        the reader's version if there is one among these rows, else the version in the first
        of their fall-back languages (settings.LANGUAGE_FALLBACKS) that there is.

        One query whatever the rows: each row is kept when it is the best version of its
        translation key, chosen by a subquery over the same rows (published ones stay
        published: call it after published()).
        """
        order = reading_order(language or translation.get_language())
        rank = Case(
            *[When(language=code, then=Value(i)) for i, code in enumerate(order)],
            default=Value(len(order)),
        )
        best = (
            self.order_by()
            .filter(translation_key=OuterRef("translation_key"))
            .annotate(reading_rank=rank)
            .order_by("reading_rank", "pk")
            .values("pk")[:1]
        )
        return self.filter(pk=Subquery(best))

    def translated(self):
        """The translation keys that more than one of these rows share (as a subquery)."""
        return (
            self.order_by()
            .values("translation_key")
            .annotate(count=models.Count("pk"))
            .filter(count__gt=1)
            .values("translation_key")
        )

    def versions_of(self, obj):
        """Every version of `obj`, itself included, oldest first."""
        return self.filter(translation_key=obj.translation_key).order_by("created_at", "pk")


class Translatable(models.Model):
    """The two fields and the questions every translatable content model shares.

    Subclasses have `created_at` and `updated_at`, and declare the constraint
    (translation_key, language) unique in their own Meta.
    """

    language = models.CharField(
        _("language"),
        max_length=15,
        default=default_language,
        db_index=True,
        help_text=_("The language this version is written in."),
    )
    translation_key = models.UUIDField(
        _("translation key"),
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text=_("Shared by the versions of one piece in different languages."),
    )

    # The field naming whose a version is, for a kind whose piece may have versions of several
    # owners (a mission's own translation of a ministry briefing): one version a language for
    # each owner, the empty owner's shown wherever another owner has none. None: one owner.
    owner_field = None

    class Meta:
        abstract = True

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def owner_id(self):
        return getattr(self, f"{self.owner_field}_id") if self.owner_field else None

    def versions(self):
        """Every version (this one included), oldest first, as the public may see them or not."""
        return type(self)._default_manager.versions_of(self)

    def rival_versions(self):
        """The versions this one may not share a language with: its owner's."""
        if self.owner_field is None:
            return self.versions()
        return self.versions().filter(**{f"{self.owner_field}_id": self.owner_id})

    def versions_for(self, owner_id):
        """The versions as `owner_id`'s staff have them, oldest first: in each language, the
        owner's own version, else the empty owner's (the ministry's)."""
        versions = list(self.versions())
        if self.owner_field is None:
            return versions
        chosen = {}
        for version in versions:
            if version.owner_id == owner_id or (
                version.owner_id is None and version.language not in chosen
            ):
                chosen[version.language] = version
        return [version for version in versions if chosen.get(version.language) is version]

    def translation_states(self, versions=None):
        """[(code, name, state, version or None)] for every language the site offers."""
        versions = list(self.versions() if versions is None else versions)
        original = versions[0] if versions else self
        by_language = {version.language: version for version in versions}
        states = []
        for code, name in settings.LANGUAGES:
            version = by_language.get(code)
            if version is None:
                state = TranslationState.MISSING
            elif version.pk == original.pk:
                state = TranslationState.ORIGINAL
            elif version.updated_at < original.updated_at:
                state = TranslationState.OUT_OF_DATE
            else:
                state = TranslationState.CURRENT
            states.append((code, name, state, version))
        return states
