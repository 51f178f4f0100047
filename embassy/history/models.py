from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from reversion.models import Revision

from embassy.core.content import shown_on_pages


class Change(Revision):
    """A revision seen as a change to the site: the "Recent changes" list of the admin."""

    class Meta:
        proxy = True
        verbose_name = "change"
        verbose_name_plural = "recent changes"


class CorrectionQuerySet(models.QuerySet):
    def about(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


@shown_on_pages
class Correction(models.Model):
    """A public note on a revision of published content, shown on its page with its date, as
    government sites do ("Corrected the NHK answer's second paragraph")."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    # Kept when old revisions are pruned: the note is public, the revision is staff history.
    revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.TextField(help_text="Shown to the public on the page, with today's date.")
    noted_at = models.DateTimeField(default=timezone.now)
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["noted_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.note
