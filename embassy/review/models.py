from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ReviewNoteQuerySet(models.QuerySet):
    def about(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("written_by")


class ReviewNote(models.Model):
    """A step of an article's or a briefing's review: submitted, sent back (why), approved."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back"
        APPROVED = "approved", "Approved"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    kind = models.CharField(max_length=10, choices=Kind)
    comment = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.content_object}"


class PendingChangeQuerySet(models.QuerySet):
    def about(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class PendingChange(models.Model):
    """A draft change to a live article or briefing, kept apart from it: the public reads the
    live row until a publisher approves the change (embassy/review/drafts.py).

    `fields` holds only what differs from the live row when it was saved ({field name: the
    value as text, or null}); the live row's other fields, and its publishing (status, times),
    are the live row's at approval. `related` holds a many-to-many's new values (tags);
    `children` the ordered rows of a drafted inline ({relation: [{"id": pk or null, field
    name: value as text}]}: a briefing's exchanges), all of them, in their new order."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    fields = models.JSONField(default=dict)
    related = models.JSONField(default=dict)
    children = models.JSONField(default=dict)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        constraints = [
            # One draft change per page: a second person edits the same one (and a stale save
            # of it is refused, as for the live page).
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_change_per_object"
            )
        ]
        verbose_name = "draft change"

    def __str__(self):
        return f"Draft change: {self.content_object}"
