"""What the public may see: one status vocabulary and one `published()` for every content model.

Staff set a status; the times do the rest. Published content with a publication time still to
come is *scheduled*, and appears at that time with nothing run; published content whose withdraw
time has passed is *withdrawn*, as is content staff withdraw by hand.
"""

import datetime

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import day_bounds


class Status(models.TextChoices):
    """What staff choose."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class State(models.TextChoices):
    """What the public sees of it now: the status read with the publication and withdraw times."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The statuses an editor may give: anything else is a publisher's decision.
EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)


# A publication time this close to the row's creation is the default it was created with
# (timezone.now), not one staff chose.
DEFAULT_TIME_SLACK = datetime.timedelta(seconds=2)


def chosen_by_staff(obj):
    """Whether the publication time is one staff gave, not the one the draft was created with."""
    if obj.publish_at is None:
        return False
    created = getattr(obj, "created_at", None)
    return created is None or abs(obj.publish_at - created) > DEFAULT_TIME_SLACK


def published_now_at(obj, now):
    """The publication time of `obj` published at `now` ("Publish now"): `now`, unless staff
    chose a time that has passed (a statement dated the day it was made). A time to come is
    not kept: publishing now means now. None keeps a briefing dated by when it was held."""
    if obj.publish_at is None:
        return None if obj.visible_from <= now else now
    if obj.publish_at <= now and chosen_by_staff(obj):
        return obj.publish_at
    return now


def state_of(obj, now=None):
    """The State of a content object (with `visible_from`, `withdraw_at` and `status`)."""
    now = now or timezone.now()
    if obj.status == Status.PUBLISHED:
        if obj.withdraw_at is not None and obj.withdraw_at <= now:
            return State.WITHDRAWN
        return State.SCHEDULED if obj.visible_from > now else State.PUBLISHED
    return State(obj.status)


class PublishableQuerySet(models.QuerySet):
    """Visibility is a query, not a cron job: published *and* its time has come *and* not yet
    withdrawn.

    `publish_time_field` dates the content (archives, order); `visible_from_fields` say when it
    becomes public: the first of them that is set (a briefing's publication time, else the time
    it was held). A model whose visibility is its parent's (an exchange shows when its briefing
    does) names the parent in `published_through`; the status and time fields are then read
    across that relation, and the permission that lets staff preview drafts is the parent's.
    """

    publish_time_field = "publish_at"
    visible_from_fields = ("publish_at",)
    withdraw_time_field = "withdraw_at"
    published_through = ""  # e.g. "briefing": the relation whose visibility this model shares

    def _field(self, name):
        return f"{self.published_through}__{name}" if self.published_through else name

    def _parent_queryset(self):
        parent = self.model._meta.get_field(self.published_through).related_model
        return parent._default_manager.get_queryset()

    def _owner(self):
        """The queryset whose fields decide visibility: the parent's, or this one."""
        return self._parent_queryset() if self.published_through else self

    def _time_field(self):
        return self._field(self._owner().publish_time_field)

    def _visible_from(self, lookup, now):
        """The first set field of `visible_from_fields` compares with `now` by `lookup`."""
        fields = [self._field(name) for name in self._owner().visible_from_fields]
        condition = Q()
        for i, field in enumerate(fields):
            unset_before = {f"{earlier}__isnull": True for earlier in fields[:i]}
            condition |= Q(**unset_before, **{f"{field}__{lookup}": now})
        return condition

    def _withdrawn_by_time(self, now):
        return Q(**{f"{self._field(self._owner().withdraw_time_field)}__lte": now})

    def _not_withdrawn_by_time(self, now):
        field = self._field(self._owner().withdraw_time_field)
        return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": now})

    def _status(self, status):
        return Q(**{self._field("status"): status})

    def previewed_model(self):
        """The model whose view permission lets staff see drafts of this one."""
        return self._owner().model

    def published(self):
        now = timezone.now()
        return self.filter(
            self._status(Status.PUBLISHED),
            self._visible_from("lte", now),
            self._not_withdrawn_by_time(now),
        )

    def scheduled(self):
        """Published by staff, its publication time still to come."""
        now = timezone.now()
        return self.filter(
            self._status(Status.PUBLISHED),
            self._visible_from("gt", now),
            self._not_withdrawn_by_time(now),
        )

    def withdrawn(self):
        now = timezone.now()
        return self.filter(
            self._status(Status.WITHDRAWN)
            | (self._status(Status.PUBLISHED) & self._withdrawn_by_time(now))
        )

    def in_state(self, state):
        if state in STATE_QUERIES:
            return getattr(self, STATE_QUERIES[state])()
        return self.filter(self._status(state))

    def schedule_fields(self):
        """The time fields whose passing changes what the public sees: when it becomes visible
        and when it is withdrawn. Not for a model published through its parent."""
        return (*self.visible_from_fields, self.withdraw_time_field)

    def next_scheduled_change(self, now):
        """The earliest time after `now` at which a published row appears (or goes), or None.

        The page cache keeps no page past it: a briefing scheduled for 09:00 is on every page
        that lists it from 09:00, with nothing run. One aggregate per field. Any future time of
        these fields counts, even one that a first set field overrides: an earlier bound costs
        a rendering, never a stale page. One query, whatever the fields.
        """
        times = self.filter(status=Status.PUBLISHED).aggregate(
            **{
                field: Min(field, filter=Q(**{f"{field}__gt": now}))
                for field in self.schedule_fields()
            }
        )
        return min((time for time in times.values() if time is not None), default=None)

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


# The states that are read from the times as well as the status; the others are the status.
STATE_QUERIES = {
    State.SCHEDULED: "scheduled",
    State.PUBLISHED: "published",
    State.WITHDRAWN: "withdrawn",
}


def may_preview(user, model):
    """Whether `user` sees drafts of `model` (of its parent's model, for an exchange)."""
    opts = model._default_manager.get_queryset().previewed_model()._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def publish_permission(model):
    """The permission to publish, schedule, withdraw and unpublish `model`: publish_<model>."""
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def may_publish(user, model):
    return user.is_active and user.has_perm(publish_permission(model))
