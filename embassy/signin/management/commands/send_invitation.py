"""manage.py send_invitation USERNAME: mail a staff member the link to set up their second factor.

`--show-link` prints the link instead, for the first administrator of a new site (before its
mail works): hand it over in person. An older link stops working either way.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from embassy.signin import invitations, second_factor


class Command(BaseCommand):
    help = "Send a staff member the one-time link to set up their second factor."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--show-link", action="store_true", help="print the link instead of mailing it"
        )

    def handle(self, *args, username, show_link, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user with the username {username!r}.") from None
        if second_factor.has_app(user):
            raise CommandError(
                f"{username} has a second factor already: reset_second_factor first."
            )
        if show_link:
            self.stdout.write(invitations.link(invitations.issue(user)))
            return
        try:
            invitations.send(user)
        except invitations.CannotInvite as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"Invitation mailed to {user.email}.")
