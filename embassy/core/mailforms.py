"""The pieces of every form that makes the site send mail ("Suggest to a friend", the alerts):
fields that stay on one line, the address field, the honeypot, and what a mail backend raises.
"""

import re
import smtplib

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .mailboxes import validate_deliverable

EMAIL_MAX_LENGTH = 254  # RFC 5321's limit for a path, as Django's EmailField

# Line breaks are how a header is smuggled into a mail; the other control characters have no
# business in a name or an address either.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")

# What a mail backend raises when the server is down, refuses or times out. smtplib's errors
# and socket.timeout are OSErrors already; they are named for the reader.
SEND_ERRORS = (ConnectionRefusedError, smtplib.SMTPException, TimeoutError, OSError)
# The server answered and refused this one message; the connection is still good for the next.
REFUSED_MESSAGE = (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException)


def check_one_line(value, what):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("%(what)s must be on one line, without line breaks.") % {"what": what},
            code="line_break",
        )


class OneLine:
    """A field whose value must not break a line; checked before stripping, as a trailing line
    break is as suspicious as any other. The error names the field by its label."""

    def to_python(self, value):
        check_one_line(value, self.label)
        return super().to_python(value)


class OneLineCharField(OneLine, forms.CharField):
    pass


class OneLineEmailField(OneLine, forms.EmailField):
    """An address the site may mail: one line, and deliverable (embassy/core/mailboxes.py)."""

    default_validators = [validate_deliverable]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        super().__init__(**kwargs)


class Honeypot(forms.Form):
    """A hidden field people never see (and screen readers skip) and bots fill.

    Each form says in HONEYPOT_MESSAGE what could not be done."""

    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    HONEYPOT_MESSAGE = gettext_lazy("The form could not be sent. Please try again.")

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
