"""The embassy's seal and contact details: one row, edited in the admin, on every page."""

import logging

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from embassy.media.models import Image, Rendition

CACHE_KEY = "siteinfo:profile"
logger = logging.getLogger(__name__)


class SiteProfile(models.Model):
    seal = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seal_of_site",
        help_text="The seal or logo in the header of every page. Until one is chosen the "
        "site shows its own.",
    )
    address = models.TextField(
        blank=True, help_text="As on an envelope; each line on its own line."
    )
    telephone = models.CharField(
        max_length=50, blank=True, help_text='With the country code: "+84 24 3845 3736".'
    )
    consular_emergency_line = models.CharField(
        "consular emergency line",
        max_length=50,
        blank=True,
        help_text="For citizens in distress outside office hours.",
    )
    office_hours = models.TextField(
        blank=True, help_text='For example "Monday to Friday, 9:00–12:00 and 14:30–17:30".'
    )
    email = models.EmailField("email address", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "contact details and seal"
        verbose_name_plural = "contact details and seal"

    def __str__(self):
        return "Contact details and seal"

    def save(self, *args, **kwargs):
        self.pk = 1  # one embassy, one row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The row, with its seal's renditions, from the cache once read: the header and footer
        of every page need it, and it changes rarely (each change clears the cache)."""
        try:
            profile = cache.get(CACHE_KEY)
        except Exception:  # noqa: BLE001  a cache that is down must not take the page with it
            logger.warning("The cache is unreachable; contact details read from the database")
            return cls._read()
        if profile is None:
            profile = cls._read()
            try:
                cache.set(CACHE_KEY, profile, None)
            except Exception:  # noqa: BLE001
                logger.warning("The cache is unreachable; contact details not cached")
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


@receiver(post_save, sender=SiteProfile)
@receiver(post_delete, sender=SiteProfile)
@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Rendition)
def forget_profile(sender, **kwargs):
    # A new seal file, a changed text alternative or new contact details show at once.
    try:
        cache.delete(CACHE_KEY)
    except Exception:  # noqa: BLE001  the save itself must not fail for the cache's sake
        logger.exception("The cache is unreachable; the cached contact details may be stale")
