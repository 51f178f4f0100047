import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from embassy.core.mailboxes import folded, refuse_undeliverable
from embassy.core.mailforms import (
    EMAIL_MAX_LENGTH,
    Honeypot,
    OneLineCharField,
    OneLineEmailField,
    check_one_line,
)

MAX_FRIENDS = 5
NOTE_MAX_LENGTH = 500
# Long enough for any real name; too short to carry a message of its own.
NAME_MAX_LENGTH = 40

FRIEND_SEPARATORS = re.compile(r"[,;\s]+")


def lazy_text(write):
    """A text written when shown, in the page's language. `gettext_lazy("…%(count)s") % {…}`
    is not: the `%` translates it at once, at import, in the default language."""
    return lazy(write, str)()


def split_friends(text):
    """The addresses in `text`, one per inbox (embassy.core.mailboxes.folded), in the order
    given, however they are separated: a friend named twice, or as "bob+1@" and "bob+2@",
    gets one mail."""
    seen = {}
    for address in FRIEND_SEPARATORS.split(text):
        if address:
            seen.setdefault(folded(address), address)
    return list(seen.values())


class SuggestForm(Honeypot):
    HONEYPOT_MESSAGE = gettext_lazy("Your suggestion could not be sent. Please try again.")

    name = OneLineCharField(label=gettext_lazy("Your name"), max_length=NAME_MAX_LENGTH)
    email = OneLineEmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("Your friends can reply to it. We use it for nothing else."),
    )
    friends = forms.CharField(
        label=gettext_lazy("Your friends' email addresses"),
        help_text=lazy_text(
            lambda: (
                _("Up to %(count)s, separated by commas or on separate lines.")
                % {"count": MAX_FRIENDS}
            )
        ),
        max_length=MAX_FRIENDS * (EMAIL_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=gettext_lazy("A short note (optional)"),
        help_text=lazy_text(
            lambda: _("Plain text, at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
        ),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_friends(self):
        friends = split_friends(self.cleaned_data["friends"])
        if not friends:
            raise ValidationError(_("Enter at least one email address."), code="required")
        if len(friends) > MAX_FRIENDS:
            raise ValidationError(
                ngettext(
                    "You can suggest this page to at most %(most)s friends at a time; "
                    "you gave %(count)s address.",
                    "You can suggest this page to at most %(most)s friends at a time; "
                    "you gave %(count)s addresses.",
                    len(friends),
                )
                % {"most": MAX_FRIENDS, "count": len(friends)},
                code="too_many",
            )
        invalid, refused = [], []
        for address in friends:
            try:
                check_one_line(address, _("An address"))
                validate_email(address)
            except ValidationError:
                invalid.append(address)
                continue
            try:
                refuse_undeliverable(address)
            except ValidationError as error:
                refused.append(error)
        if invalid:
            refused.insert(
                0,
                ValidationError(
                    _("Not a valid email address: %(addresses)s."),
                    code="invalid",
                    params={"addresses": ", ".join(invalid)},
                ),
            )
        if refused:
            raise ValidationError(refused)
        return friends
