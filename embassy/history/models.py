from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.dispatch import receiver
from reversion.models import Revision


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
