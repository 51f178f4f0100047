from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from embassy.core.mailforms import Honeypot, OneLineEmailField, check_one_line
from transcripts.models import Outlet, Spokesperson
from transcripts.tagging import public_tags

from .models import Frequency, Kind

QUERY_MAX_LENGTH = 200

# What each kind follows: where its target is looked up (by slug), and the field it fills.
# Only what the public may know of can be followed: an embargoed name is an unknown one.
TARGETS = {
    Kind.TOPIC: ("topic", public_tags),
    Kind.OUTLET: ("outlet", Outlet.objects.with_published_exchanges),
    Kind.SPOKESPERSON: ("spokesperson", Spokesperson.objects.with_published_briefings),
}


class SubscribeForm(Honeypot):
    email = OneLineEmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm; nothing is kept until you follow it."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(choices=Kind, widget=forms.HiddenInput)
    target = forms.CharField(required=False, max_length=QUERY_MAX_LENGTH, widget=forms.HiddenInput)
    language = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    HONEYPOT_MESSAGE = _("Your subscription could not be made. Please try again.")

    def clean_language(self):
        codes = {code for code, _name in settings.LANGUAGES}
        language = self.cleaned_data["language"]
        return language if language in codes else settings.LANGUAGE_CODE

    def clean(self):
        cleaned_data = super().clean()
        kind, target = cleaned_data.get("kind"), cleaned_data.get("target", "")
        if kind in TARGETS:
            field, lookup = TARGETS[kind]
            found = lookup().filter(slug=target).first() if target else None
            if found is None:
                raise ValidationError(_("There is nothing by that name to follow."), code="target")
            cleaned_data[field] = found
        elif kind == Kind.SEARCH:
            query = " ".join(target.split())
            check_one_line(target, _("The search"))
            if not query:
                raise ValidationError(_("Enter the words to follow."), code="target")
            cleaned_data["query"] = query
        return cleaned_data

    def request(self):
        """The subscription asked for, as the confirmation link carries it."""
        data = self.cleaned_data
        if data["kind"] in TARGETS:
            target = data[TARGETS[data["kind"]][0]].pk
        else:
            target = data.get("query", "")
        return {
            "email": data["email"],
            "kind": data["kind"],
            "target": target,
            "frequency": data["frequency"],
            "language": data["language"],
        }
