"""The embassy's seal and contact details: one row, edited in the admin, on every page."""

from django.db import models
from django.utils.translation import gettext_lazy

from embassy.media.models import Image

# The profile of the current content generation, in this process (see SiteProfile.current).
_kept = {}


class SiteProfile(models.Model):
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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("contact details and seal")
        verbose_name_plural = gettext_lazy("contact details and seal")

    def __str__(self):
        return "Contact details and seal"

    def save(self, *args, **kwargs):
        self.pk = 1  # one embassy, one row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls, generation=None):
        """The row, with its seal's renditions: the header and footer of every page need it.
        Read once per process and content `generation` when given one: a write to this table or
        to the media library's changes the generation (embassy/pagecache), so it is never stale."""
        if generation is not None and generation in _kept:
            return _kept[generation]
        profile = cls._read()
        if generation is not None:
            _kept.clear()  # one generation is current: the older ones are of no more use
            _kept[generation] = profile
        return profile

    @classmethod
    def _read(cls):
        return (
            cls.objects.select_related("seal").prefetch_related("seal__renditions").first() or cls()
        )

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def office_hours_lines(self):
        return [line.strip() for line in self.office_hours.splitlines() if line.strip()]

    @property
    def has_contact_details(self):
        return any([self.address, self.telephone, self.consular_emergency_line, self.email])
