import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_FRIENDS = 5
NOTE_MAX_LENGTH = 500
# Long enough for any real name; too short to carry a message of its own.
NAME_MAX_LENGTH = 40
EMAIL_MAX_LENGTH = 254

# Line breaks are how a header is smuggled into a mail; the other control characters have no
# business in a name or an address either.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
FRIEND_SEPARATORS = re.compile(r"[,;\s]+")


def lazy_text(write):
    """A text written when shown, in the page's language. `gettext_lazy("…%(count)s") % {…}`
    is not: the `%` translates it at once, at import, in the default language."""
    return lazy(write, str)()


def check_one_line(value, what):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("%(what)s must be on one line, without line breaks.") % {"what": what},
            code="line_break",
        )


class OneLineCharField(forms.CharField):
    def to_python(self, value):
        # Checked before stripping: a trailing line break is as suspicious as any other.
        check_one_line(value, _("Your name"))
        return super().to_python(value)


class OneLineEmailField(forms.EmailField):
    def to_python(self, value):
        check_one_line(value, _("Your email address"))
        return super().to_python(value)


def split_friends(text):
    """The distinct addresses in `text`, in the order given, however they are separated."""
    seen = {}
    for address in FRIEND_SEPARATORS.split(text):
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


class Honeypot(forms.Form):
    """A hidden field people never see (and screen readers skip) and bots fill. The alerts'
    subscribe form has it too."""

    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    HONEYPOT_MESSAGE = gettext_lazy("Your suggestion could not be sent. Please try again.")

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("website"):
            # Said vaguely on purpose: a bot learns nothing, and a person whose browser filled
            # the hidden field by mistake sends again and succeeds (its value is not kept).
            raise ValidationError(self.HONEYPOT_MESSAGE, code="honeypot")
        return cleaned_data

    @property
    def is_bot(self):
        return self.has_error(NON_FIELD_ERRORS, "honeypot")


class SuggestForm(Honeypot):
    name = OneLineCharField(label=gettext_lazy("Your name"), max_length=NAME_MAX_LENGTH)
    email = OneLineEmailField(
        label=gettext_lazy("Your email address"),
        max_length=EMAIL_MAX_LENGTH,
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
        invalid = []
        for address in friends:
            try:
                check_one_line(address, _("An address"))
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("Not a valid email address: %(addresses)s."),
                code="invalid",
                params={"addresses": ", ".join(invalid)},
            )
        return friends
