"""manage.py reset_second_factor USERNAME: a staff member lost their phone and recovery codes.

Their authenticator app and recovery codes are forgotten and their sessions ended; at the next
sign-in (password first) they set up a new app. Check who is asking before running it: this
is what an attacker with a stolen password would ask for.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from embassy.signin import second_factor, sessions


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
        self.stdout.write(
            f"{username}: {devices} device(s) forgotten, {ended} session(s) ended; "
            "they set up a new app at their next sign-in."
        )
