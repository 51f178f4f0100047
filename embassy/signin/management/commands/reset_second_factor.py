"""manage.py reset_second_factor USERNAME: a staff member lost their phone and recovery codes.

Their authenticator app and recovery codes are forgotten, their sessions ended, and a new
invitation mailed to them: through its link (and their password) they set up a new app. Check
who is asking before running it: this is what an attacker with a stolen password would ask for.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from embassy.signin import invitations, second_factor, sessions


class Command(BaseCommand):
    help = "Forget a staff member's authenticator app and recovery codes, and sign them out."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user with the username {username!r}.") from None
        devices = second_factor.reset(user)
        ended = sessions.end_sessions_of([user.pk])
        self.stdout.write(f"{username}: {devices} device(s) forgotten, {ended} session(s) ended.")
        try:
            invitations.send(user)
        except invitations.CannotInvite as refusal:
            raise CommandError(
                f"{refusal} Then: manage.py send_invitation {username} (or --show-link)."
            ) from None
        self.stdout.write(f"Invitation to set up a new app mailed to {user.email}.")
