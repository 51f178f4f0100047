from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """The one live invitation of a staff member to set up their second factor.

    Only the SHA-256 of the link's token is kept: the database (or a backup of it) does not
    hold a usable link. Sending another replaces it; enrolling spends it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_invitation"
    )
    digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "second-factor invitation"

    def __str__(self):
        return f"Invitation of {self.user} sent {self.sent_at:%Y-%m-%d %H:%M}"
