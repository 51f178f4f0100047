"""What the public may see: one status vocabulary and one `published()` for every content model."""

from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    """Visibility is a query, not a cron job: published *and* its time has come."""

    publish_time_field = "publish_at"

    def published(self):
        return self.filter(
            status=Status.PUBLISHED, **{f"{self.publish_time_field}__lte": timezone.now()}
        )

    def visible_to(self, user):
        """Staff who may view the model also see drafts (to preview them); everyone else doesn't."""
        opts = self.model._meta
        if (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            return self.all()
        return self.published()
