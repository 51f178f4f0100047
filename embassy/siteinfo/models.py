"""The site's frame, edited in the admin: the embassy's name, seal and contact details (one row,
its words in every language), the statements every footer links, the services the home page
offers first and the notice every page shows while it is current."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname, fallbacks

from embassy.core import generation
from embassy.core.content import mission_scope, shown_on_pages
from embassy.core.memo import derived
from embassy.core.rows import ScopedRow
from embassy.media.models import Image
from embassy.missions.middleware import mission_of
from embassy.missions.models import Mission, home_mission_id
from embassy.pages.publishing import PublishableQuerySet, Status


def of_its_mission(row):
    return (mission_scope(row.mission_id),)


def mission_field(related_name, **options):
    return models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        default=home_mission_id,
        related_name=related_name,
        verbose_name=gettext_lazy("mission"),
        **options,
    )


# Translated in embassy/siteinfo/translation.py: site_name, seal_text, address, office_hours.
@shown_on_pages(scopes=of_its_mission)
class SiteProfile(ScopedRow, models.Model):
    """A mission's name, seal and contact details: one row per mission."""

    mission = models.OneToOneField(
        Mission,
        on_delete=models.CASCADE,
        default=home_mission_id,
        related_name="profile",
        verbose_name=gettext_lazy("mission"),
    )
    site_name = models.CharField(
        "the embassy's name",
        max_length=200,
        blank=True,
        help_text="In the header, the browser's title, the footer and the printed letterhead. "
        "Empty: the SITE_NAME setting.",
    )
    seal = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seal_of_site",
        help_text=gettext_lazy(
            "The seal or logo in the header of every page. Until one is chosen the "
            "site shows its own."
        ),
        verbose_name=gettext_lazy("seal"),
    )
    seal_text = models.CharField(
        "what the seal shows",
        max_length=200,
        blank=True,
        help_text="Said for the seal where it stands alone (the image of a shared link), for "
        'people who cannot see it: "The national emblem of China". Empty: the embassy\'s name.',
    )
    address = models.TextField(
        blank=True,
        help_text=gettext_lazy("As on an envelope; each line on its own line."),
        verbose_name=gettext_lazy("address"),
    )
    telephone = models.CharField(
        max_length=50,
        blank=True,
        help_text=gettext_lazy('With the country code: "+84 24 3845 3736".'),
        verbose_name=gettext_lazy("telephone"),
    )
    consular_emergency_line = models.CharField(
        gettext_lazy("consular emergency line"),
        max_length=50,
        blank=True,
        help_text=gettext_lazy("For citizens in distress outside office hours."),
    )
    office_hours = models.TextField(
        blank=True,
        help_text=gettext_lazy('For example "Monday to Friday, 9:00–12:00 and 14:30–17:30".'),
        verbose_name=gettext_lazy("office hours"),
    )
    email = models.EmailField(gettext_lazy("email address"), blank=True)
    # The pages every footer links (and the forms that ask for an address, the privacy notice):
    # articles, so that staff write, translate, publish and revise them as any other page.
    accessibility_statement = models.ForeignKey(
        "sections.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that says how accessible the site is and whom to tell of a "
        "barrier. Its version in the reader's language is linked when there is one.",
    )
    privacy_notice = models.ForeignKey(
        "sections.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that says what the alerts and “Suggest to a friend” keep, for "
        "how long, and how to be removed. Linked from every footer and beside every address "
        "field.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("contact details and seal")
        verbose_name_plural = gettext_lazy("contact details and seal")

    def __str__(self):
        return "Contact details and seal"

    @classmethod
    def of_mission(cls, mission_id, generation=None):
        """The mission's row, with its seal's renditions: the header and footer of every page
        need it. Read once per process and content `generation` of the mission's scope when
        given one: a write to this table or to the media library's changes it (embassy/core),
        so it is never stale."""
        return derived.keep(
            mission_scope(mission_id),
            generation,
            ("site profile",),
            lambda: cls._read(mission_id),
        )

    @classmethod
    def of_request(cls, request):
        """The profile of the mission `request` is for, kept as of_mission() keeps it."""
        return cls.of_mission(mission_of(request).pk, generation.of_request(request))

    @classmethod
    def _read(cls, mission_id):
        return cls.objects.select_related("seal").prefetch_related("seal__renditions").filter(
            mission_id=mission_id
        ).first() or cls(mission_id=mission_id)

    @property
    def name(self):
        """The embassy's name in the page's language, else in the default language, else the
        setting: never another language's (the fall-backs of LANGUAGE_FALLBACKS would give an
        English page the Chinese name where staff left the English blank for SITE_NAME)."""
        with fallbacks(False):
            written = self.site_name
        default = getattr(self, build_localized_fieldname("site_name", settings.LANGUAGE_CODE))
        return written or default or settings.SITE_NAME

    def name_in(self, language):
        """The embassy's name as a page in `language` writes it (mail in a reader's language)."""
        with translation.override(language):
            return self.name

    def sender(self, language):
        """DEFAULT_FROM_EMAIL, named as the embassy in `language` when the setting names no one:
        "Đại sứ quán … <news@…>" is who the reader's inbox says wrote."""
        name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        if name or not address:
            return settings.DEFAULT_FROM_EMAIL
        return formataddr((self.name_in(language), address))

    @property
    def address_lines(self):
        return [line.strip() for line in (self.address or "").splitlines() if line.strip()]

    @property
    def office_hours_lines(self):
        return [line.strip() for line in (self.office_hours or "").splitlines() if line.strip()]

    @property
    def has_contact_details(self):
        return any([self.address, self.telephone, self.consular_emergency_line, self.email])


def validate_link(value):
    """A link staff give: an address on this site ("/…") or a full web address."""
    if not value or (value.startswith("/") and not value.startswith("//")):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            'Give an address on this site, starting with "/", or a full one starting with '
            '"https://".'
        ) from None


class NoticeQuerySet(PublishableQuerySet):
    """A notice shows from its start to its end: visibility is a query on time, and the page
    cache keeps no page past the next start or end (PublishableQuerySet.next_scheduled_change)."""

    publish_time_field = "starts_at"
    visible_from_fields = ("starts_at",)
    withdraw_time_field = "ends_at"

    def current(self):
        return self.published().order_by("starts_at", "pk")

    def of_mission(self, mission):
        return self.filter(mission=mission)


# Translated in embassy/siteinfo/translation.py: message, link.
@shown_on_pages(scopes=of_its_mission)
class SiteNotice(ScopedRow, models.Model):
    """A short notice on every page of a mission while it is current: "The consular section is
    closed on 2 September"."""

    mission = mission_field("notices")
    message = models.CharField(
        max_length=300,
        help_text="One or two sentences, plain text. Written in each language; a language left "
        "empty shows the English.",
    )
    link = models.CharField(
        "link to more",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Optional: a page that says more, an address on this site "
        '("/vi/sections/consular-services/") or a full one ("https://…").',
    )
    status = models.CharField(
        max_length=20,
        choices=[(Status.DRAFT, Status.DRAFT.label), (Status.PUBLISHED, Status.PUBLISHED.label)],
        default=Status.PUBLISHED,
        help_text="A draft is never shown.",
    )
    starts_at = models.DateTimeField("shown from", default=timezone.now)
    ends_at = models.DateTimeField("shown until")
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = "site-wide notice"

    def __str__(self):
        return self.message

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The notice must end after it starts."})


# Translated in embassy/siteinfo/translation.py: title, link.
@shown_on_pages(scopes=of_its_mission)
class TopTask(ScopedRow, models.Model):
    """One of the services people come to a mission's site for (a visa, a passport, emergency
    help), offered first on its home page, in the order staff give."""

    mission = mission_field("services")
    title = models.CharField(max_length=80, help_text='A few words: "Apply for a visa".')
    description = models.CharField(
        max_length=200, blank=True, help_text="Optional: one short line under the title."
    )
    link = models.CharField(
        max_length=500,
        validators=[validate_link],
        help_text='An address on this site ("/vi/sections/consular-services/") or a full one '
        '("https://…"); per language, so that each leads to the page in that language.',
    )
    position = models.PositiveIntegerField("order", default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "home page service"

    def __str__(self):
        return self.title
