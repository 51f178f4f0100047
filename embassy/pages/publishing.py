"""What the public may see: one status vocabulary and one `published()` for every content model."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import day_bounds


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    """Visibility is a query, not a cron job: published *and* its time has come.

    A model whose visibility is its parent's (an exchange shows when its briefing does) names the
    parent in `published_through`; the status and time fields are then read across that relation,
    and the permission that lets staff preview drafts is the parent's.
    """

    publish_time_field = "publish_at"
    published_through = ""  # e.g. "briefing": the relation whose visibility this model shares

    def _field(self, name):
        return f"{self.published_through}__{name}" if self.published_through else name

    def _parent_queryset(self):
        parent = self.model._meta.get_field(self.published_through).related_model
        return parent._default_manager.get_queryset()

    def _time_field(self):
        if self.published_through:
            return self._field(self._parent_queryset().publish_time_field)
        return self.publish_time_field

    def previewed_model(self):
        """The model whose view permission lets staff see drafts of this one."""
        if self.published_through:
            return self._parent_queryset().model
        return self.model

    def published(self):
        return self.filter(
            **{
                self._field("status"): Status.PUBLISHED,
                f"{self._time_field()}__lte": timezone.now(),
            }
        )

    def between_days(self, first=None, last=None):
        """From the start of day `first` to the end of day `last` (either open), site time."""
        queryset = self
        if first:
            queryset = queryset.filter(**{f"{self._time_field()}__gte": day_bounds(first)[0]})
        if last:
            queryset = queryset.filter(**{f"{self._time_field()}__lt": day_bounds(last)[1]})
        return queryset

    def on_day(self, day):
        return self.between_days(day, day)

    def tagged(self, tag):
        return self.filter(tags__slug=tag.slug)

    def newest_first(self):
        return self.order_by(f"-{self._time_field()}", f"-{self._field('id')}")

    def visible_to(self, user):
        """Staff who may view the model also see drafts (to preview them); everyone else doesn't."""
        if may_preview(user, self.model):
            return self.all()
        return self.published()


def may_preview(user, model):
    """Whether `user` sees drafts of `model` (of its parent's model, for an exchange)."""
    opts = model._default_manager.get_queryset().previewed_model()._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )
