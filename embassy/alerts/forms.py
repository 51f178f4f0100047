from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from embassy.core.mailforms import Honeypot, OneLineCharField, OneLineEmailField
from transcripts.models import Outlet, Spokesperson
from transcripts.tagging import SUBJECT, public_tags

from .models import Frequency, Kind

QUERY_MAX_LENGTH = 200

# What each kind follows: the field that names it and, for a row, where its choices come from
# (only what the public may know of: an embargoed name is an unknown one).
TARGETS = {
    Kind.TOPIC: ("topic", public_tags),
    Kind.OUTLET: ("outlet", lambda: Outlet.objects.with_published_exchanges().order_by("name")),
    Kind.SPOKESPERSON: (
        "spokesperson",
        lambda: Spokesperson.objects.with_published_briefings().order_by("name"),
    ),
}
SEARCH_FIELD = "query"
# The field each kind is named by ("every new briefing" needs none), and what to say without it.
FIELD_OF_KIND = {
    **{kind: field for kind, (field, _choices) in TARGETS.items()},
    Kind.SEARCH: SEARCH_FIELD,
}
MISSING = {
    Kind.TOPIC: _("Choose the subject to follow."),
    Kind.OUTLET: _("Choose the outlet to follow."),
    Kind.SPOKESPERSON: _("Choose the spokesperson to follow."),
    Kind.SEARCH: _("Enter the words to follow."),
}
UNKNOWN = _("There is nothing by that name to follow.")


class FollowedChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, label_from_instance=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_of = label_from_instance

    def label_from_instance(self, obj):
        return self.label_of(obj)


def followed_choice(label, label_from_instance=str):
    """A choice of the public rows (by slug, the address the list pages use), each labelled
    `label_from_instance(row)`."""
    return FollowedChoiceField(
        label_from_instance=label_from_instance,
        label=label,
        queryset=None,  # the public ones, read per form: see __init__
        to_field_name="slug",
        required=False,
        empty_label=_("Choose…"),
        error_messages={"invalid_choice": UNKNOWN},
    )


class SubscribeForm(Honeypot):
    """The alerts form: on its own page, every kind with a choice of what it follows; under a
    list (templatetags/alerts.py) the kind and what it follows as hidden fields."""

    HONEYPOT_MESSAGE = _("Your subscription could not be made. Please try again.")

    email = OneLineEmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm; nothing is kept until you follow it."),
    )
    kind = forms.ChoiceField(
        label=_("What to follow"), choices=Kind, initial=Kind.BRIEFINGS, widget=forms.RadioSelect
    )
    topic = followed_choice(SUBJECT, label_from_instance=lambda tag: tag.shown_name)
    outlet = followed_choice(_("Outlet"))
    spokesperson = followed_choice(_("Spokesperson"))
    query = OneLineCharField(
        label=_("Words to search for"), required=False, max_length=QUERY_MAX_LENGTH
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    language = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Per form, not per process: what is public changes with every publication.
        for field, choices in TARGETS.values():
            self.fields[field].queryset = choices()

    def kinds(self):
        """[(the kind's radio button, the field naming what it follows, or None)], in order."""
        named_by = {kind: self[field] for kind, field in FIELD_OF_KIND.items()}
        return [(radio, named_by.get(radio.data["value"])) for radio in self["kind"]]

    def clean_language(self):
        codes = {code for code, _name in settings.LANGUAGES}
        language = self.cleaned_data["language"]
        return language if language in codes else settings.LANGUAGE_CODE

    def clean_query(self):
        return " ".join(self.cleaned_data["query"].split())

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        field = FIELD_OF_KIND.get(kind)
        if field and not cleaned_data.get(field) and field not in self.errors:
            self.add_error(field, ValidationError(MISSING[kind], code="target"))
        return cleaned_data

    def request(self):
        """The subscription asked for, as the confirmation link carries it."""
        data = self.cleaned_data
        kind, target = data["kind"], ""
        if kind in TARGETS:
            target = data[FIELD_OF_KIND[kind]].pk
        elif kind == Kind.SEARCH:
            target = data[SEARCH_FIELD]
        return {
            "email": data["email"],
            "kind": data["kind"],
            "target": target,
            "frequency": data["frequency"],
            "language": data["language"],
        }
