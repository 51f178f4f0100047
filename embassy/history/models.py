from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from reversion.models import Revision

from embassy.core.content import shown_on_pages


class Change(Revision):
    """A revision seen as a change to the site: the "Recent changes" list of the admin."""

    class Meta:
        proxy = True
        verbose_name = "change"
        verbose_name_plural = "recent changes"


class SignIn(models.Model):
    """A sign-in of staff, or a failed attempt to sign in under any name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField("name given", max_length=150, blank=True)
    succeeded = models.BooleanField()
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "sign-in"

    def __str__(self):
        return f"{self.username} {'signed in' if self.succeeded else 'failed to sign in'}"


def _address(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in, dispatch_uid="history_staff_signed_in")
def staff_signed_in(sender, request, user, **kwargs):
    if user.is_staff:
        SignIn.objects.create(
            user=user, username=user.get_username(), succeeded=True, address=_address(request)
        )


@receiver(user_login_failed, dispatch_uid="history_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # The name typed, as given (Django has already masked the password in `credentials`).
    username = str(credentials.get("username", ""))[:150]
    SignIn.objects.create(username=username, succeeded=False, address=_address(request))


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
