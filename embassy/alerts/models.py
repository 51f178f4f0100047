from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from embassy.missions.models import Mission, home_mission_id
from transcripts.models import Briefing, Outlet, Spokesperson
from transcripts.tagging import topic_name


class Kind(models.TextChoices):
    BRIEFINGS = "briefings", _("Every new briefing")
    TOPIC = "topic", _("New briefings on a subject")
    OUTLET = "outlet", _("New questions from an outlet")
    SPOKESPERSON = "spokesperson", _("New answers from a spokesperson")
    SEARCH = "search", _("New exchanges matching a search")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as a briefing is published")
    DAILY = "daily", _("A daily digest")


# The kinds that follow a row: the field that holds it and its model.
FOLLOWED = {
    Kind.TOPIC: ("topic", Tag),
    Kind.OUTLET: ("outlet", Outlet),
    Kind.SPOKESPERSON: ("spokesperson", Spokesperson),
}


class SubscriptionQuerySet(models.QuerySet):
    def of_address(self, email):
        return self.filter(email__iexact=email)

    def confirm(self, wanted):
        """Keep the unsaved subscription `wanted`; the same one confirmed again is updated."""
        same = (
            self.of_address(wanted.email)
            .filter(
                mission=wanted.mission,
                kind=wanted.kind,
                topic=wanted.topic,
                outlet=wanted.outlet,
                spokesperson=wanted.spokesperson,
                query=wanted.query,
            )
            .select_for_update()
            .first()
        )
        if same is None:
            wanted.confirmed_at = timezone.now()
            wanted.save()
            return wanted
        same.frequency, same.language = wanted.frequency, wanted.language
        same.save(update_fields=["frequency", "language"])
        return same


class Subscription(models.Model):
    """A confirmed alert: only an address that followed its confirmation link is ever kept."""

    email = models.EmailField(max_length=254)
    # Each mission's readers follow what that mission shows, and get its addresses.
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, default=home_mission_id, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    topic = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    spokesperson = models.ForeignKey(
        Spokesperson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField("search", max_length=200, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.IMMEDIATE)
    language = models.CharField(max_length=10)
    confirmed_at = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["confirmed_at", "id"]
        permissions = [("view_subscriber_address", "Can see subscribers' email addresses")]

    def __str__(self):
        return (
            f"{self.get_kind_display()}: {self.subject}"
            if self.subject
            else self.get_kind_display()
        )

    @classmethod
    def from_request(cls, wanted):
        """An unsaved subscription from the request a confirmation link carries (forms.py
        makes it); LookupError when what it follows no longer exists."""
        kind = wanted.get("kind")
        mission = Mission.objects.filter(pk=wanted.get("mission")).first() or Mission.home()
        fields = {
            "mission": mission,
            "email": wanted["email"],
            "kind": kind,
            "frequency": wanted.get("frequency", Frequency.IMMEDIATE),
            "language": wanted.get("language", ""),
        }
        if kind in FOLLOWED:
            name, model = FOLLOWED[kind]
            followed = model._default_manager.filter(pk=wanted["target"]).first()
            if followed is None:
                raise LookupError(f"No {name} {wanted['target']!r}")
            fields[name] = followed
        elif kind == Kind.SEARCH:
            fields["query"] = wanted["target"]
        elif kind != Kind.BRIEFINGS:
            raise LookupError(f"No kind {kind!r}")
        return cls(**fields)

    @property
    def subject(self):
        """What is followed, in words: the topic's, outlet's or spokesperson's name, the words."""
        if self.kind in FOLLOWED:
            followed = getattr(self, FOLLOWED[self.kind][0])
            return topic_name(followed) if self.kind == Kind.TOPIC else followed.name
        return self.query


class Announcement(models.Model):
    """A briefing whose coming into view the alerts have handled: each is announced once, even
    if it is unpublished and published again."""

    briefing = models.OneToOneField(Briefing, on_delete=models.CASCADE, related_name="+")
    announced_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.briefing} ({self.announced_at:%Y-%m-%d %H:%M})"


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)


class Delivery(models.Model):
    """One briefing owed to one subscription. Recorded in the transaction that decides it is
    owed, unique per (subscription, briefing), and marked sent in the transaction that sent it:
    a retry or a restart finds it sent, or still owed, never both."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="+")
    exchange_ids = models.JSONField(default=list, blank=True)  # what the alert is about
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "briefing"], name="delivery_once_per_briefing"
            )
        ]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.briefing} to subscription {self.subscription_id}"
