"""The missions one installation serves (embassies, consulates-general, the ministry's own site),
each answered by its host names.

A mission's name, seal and contact details are its site profile (embassy/siteinfo); its menu
is its sections (sections/); the ministry's briefings are shown on every mission that carries
them (transcripts/). Here: which mission a host name is, and which languages it offers.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http.request import split_domain_port
from django.utils.translation import gettext_lazy

from embassy.core import content
from embassy.core.content import shown_on_pages
from embassy.core.memo import derived

# The mission an installation starts with, and the one every row made before missions belongs
# to: today's site. Its row is made by the migration.
HOME_MISSION_SLUG = "embassy"


def normal_host(host):
    """A host name as requests and staff may write it, written one way: lower case, without
    a port or the final dot."""
    domain, _port = split_domain_port(host.strip().lower())
    return (domain or host.strip().lower()).rstrip(".")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def validate_languages(value):
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in language_codes()]
    if not codes:
        raise ValidationError(gettext_lazy("Give at least one language."))
    if unknown:
        raise ValidationError(
            gettext_lazy("Not a language of this installation: %(codes)s. It offers %(offered)s.")
            % {"codes": ", ".join(unknown), "offered": ", ".join(language_codes())}
        )


class Kind(models.TextChoices):
    EMBASSY = "embassy", gettext_lazy("Embassy")
    CONSULATE = "consulate", gettext_lazy("Consulate-general")
    MINISTRY = "ministry", gettext_lazy("Ministry")


class MissionQuerySet(models.QuerySet):
    def showing(self, briefing):
        """The missions that show `briefing`: its own, or every one carrying the ministry's
        but those that leave it out."""
        if briefing.mission_id is not None:
            return self.filter(pk=briefing.mission_id)
        return self.filter(carries_ministry_briefings=True).exclude(briefings_left_out=briefing)

    def with_hosts(self):
        """({pk: mission}, {host: (mission id, canonical host of the mission)}) from one query."""
        rows = self.annotate(
            host_name=models.F("hosts__host"),
            canonical=models.F("hosts__is_canonical"),
            redirects=models.F("hosts__redirects"),
        ).order_by("pk", "-canonical")
        missions, hosts, canonical = {}, {}, {}
        for row in rows:
            missions.setdefault(row.pk, row)
            if row.host_name:
                canonical.setdefault(row.pk, row.host_name)  # the canonical one comes first
                served_as = canonical[row.pk] if row.redirects else row.host_name
                hosts[row.host_name] = (row.pk, served_as)
        return missions, hosts


@shown_on_pages
class Mission(models.Model):
    """An embassy, a consulate-general or the ministry's own site: one site of the installation."""

    slug = models.SlugField(
        gettext_lazy("short name"),
        max_length=60,
        unique=True,
        help_text=gettext_lazy('Letters, digits and hyphens, for staff and commands: "hanoi".'),
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=20, choices=Kind, default=Kind.EMBASSY)
    languages = models.CharField(
        gettext_lazy("languages"),
        max_length=100,
        validators=[validate_languages],
        help_text=gettext_lazy(
            'The languages its pages are offered in, comma-separated: "vi,zh-hans,en".'
        ),
    )
    default_language = models.CharField(
        gettext_lazy("default language"),
        max_length=10,
        help_text=gettext_lazy("The language of its home page and of readers who ask for none."),
    )
    carries_ministry_briefings = models.BooleanField(
        gettext_lazy("carries the ministry's briefings"),
        default=True,
        help_text=gettext_lazy(
            "Shows every briefing the ministry publishes, but those it leaves out."
        ),
    )

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = gettext_lazy("mission")
        verbose_name_plural = gettext_lazy("missions")

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        self.languages = ",".join(
            code.strip() for code in self.languages.split(",") if code.strip()
        )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.languages and self.default_language not in self.language_list:
            raise ValidationError(
                {"default_language": gettext_lazy("The default language must be one it offers.")}
            )

    @property
    def language_list(self):
        return [code for code in self.languages.split(",") if code]

    def address(self, path):
        """`path` on the mission's canonical host, with SITE_URL's scheme (the SITE_URL itself
        for a mission without host names: an installation of one)."""
        host = self.hosts.filter(is_canonical=True).values_list("host", flat=True).first()
        if host is None:
            return settings.SITE_URL + path
        scheme = settings.SITE_URL.split("://")[0]
        return f"{scheme}://{host}{path}"

    @property
    def scope(self):
        return content.mission_scope(self.pk)

    @classmethod
    def home(cls):
        """Today's site: the mission every row made before missions belongs to."""
        codes = language_codes()
        mission, _made = cls.objects.get_or_create(
            slug=HOME_MISSION_SLUG,
            defaults={"languages": ",".join(codes), "default_language": settings.LANGUAGE_CODE},
        )
        return mission

    @classmethod
    def known(cls, generation):
        """{pk: mission} and {host: (mission id, canonical host)}, read once per generation of
        what every mission shows (a write to the missions or their hosts changes it)."""
        return derived.keep(
            content.SITE,
            generation,
            ("missions",),
            cls.objects.with_hosts,
        )


def home_mission_id():
    """The default of every row's mission: today's site (made by the missions migration, and
    again here when a database was emptied: a flushed test database, a fresh restore)."""
    return Mission.home().pk


@shown_on_pages
class MissionHost(models.Model):
    """A host name a mission answers to; one is canonical, the others redirect to it."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="hosts",
        verbose_name=gettext_lazy("mission"),
    )
    host = models.CharField(
        gettext_lazy("host name"),
        max_length=253,
        unique=True,
        help_text=gettext_lazy('Without "https://" or a path: "vn.china-embassy.gov.cn".'),
    )
    is_canonical = models.BooleanField(
        gettext_lazy("canonical"),
        default=False,
        help_text=gettext_lazy("The address readers are sent to from its other host names."),
    )
    redirects = models.BooleanField(
        gettext_lazy("sends readers to the canonical host name"),
        default=True,
        help_text=gettext_lazy(
            "Off: this name serves the site as it is (an internal name that a load "
            "balancer's checks or staff use). The canonical name never redirects."
        ),
    )

    class Meta:
        ordering = ["-is_canonical", "host"]
        verbose_name = gettext_lazy("host name")
        verbose_name_plural = gettext_lazy("host names")
        constraints = [
            models.UniqueConstraint(
                fields=["mission"],
                condition=models.Q(is_canonical=True),
                name="one_canonical_host_per_mission",
                violation_error_message=gettext_lazy("A mission has one canonical host name."),
            )
        ]

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = normal_host(self.host)
        super().save(*args, **kwargs)


class StaffMember(models.Model):
    """A member of staff who works for a mission: in the admin they see and change its content
    only (embassy/missions/staff.py). Staff who work for no mission, and superusers, are the
    ministry's: they see every mission's, and publish the ministry's briefings for all.

    Not shown on pages: joining or leaving a mission's staff changes no public page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mission_memberships",
        verbose_name=gettext_lazy("member of staff"),
    )
    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=gettext_lazy("mission"),
    )

    class Meta:
        ordering = ["mission", "user"]
        verbose_name = gettext_lazy("member of a mission's staff")
        verbose_name_plural = gettext_lazy("the mission's staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "mission"], name="one_membership_per_mission")
        ]

    def __str__(self):
        return f"{self.user} ({self.mission})"
