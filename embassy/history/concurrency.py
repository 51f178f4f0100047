"""No lost update: a change form carries the version it was opened on; a stale save is refused.

The token is the object's `updated_at` when the form was shown. On saving, the row is read
again (locked, inside the admin's transaction): if someone else saved since, the form comes
back with everything this person typed still in it, a message saying who changed it and when,
and a link to compare. Saving again then replaces the other version, knowingly.
"""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .comparing import versions_of

TOKEN_FIELD = "version_token"


def token_of(moment):
    return moment.isoformat() if moment else ""


def _read_token(text):
    try:
        return datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


class VersionTokenForm(forms.Form):
    """Mixed into a ModelForm of a model with `updated_at`."""

    version_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial[TOKEN_FIELD] = token_of(self.last_saved_at(self.instance.updated_at))

    def last_saved_at(self, updated_at):
        """When what this form edits was last saved, given the row's `updated_at`: the row's
        own time here; a form that edits something kept beside the row (a draft change,
        embassy/review/) takes the later of the two."""
        return updated_at

    def clean(self):
        cleaned = super().clean()
        sent = self.data.get(self.add_prefix(TOKEN_FIELD), "")
        if not self.instance.pk or not sent:
            return cleaned
        model = type(self.instance)
        current = (
            model._base_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None:
            return cleaned
        current = self.last_saved_at(current)
        if token_of(current) == sent:
            return cleaned
        # Their version is now the one to replace: saving again is a choice made knowingly.
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = token_of(current)
        raise forms.ValidationError(self.stale_message(current, _read_token(sent)), code="stale")

    def stale_message(self, current, opened_at):
        versions = versions_of(self.instance)
        latest = versions.first()
        who = ""
        if latest and latest.revision.user:
            who = f" ({latest.revision.user.get_username()})"
        kind = self.instance._meta.verbose_name
        text = (
            f"Someone else{who} changed this {kind} at {timezone.localtime(current):%H:%M} "
            "since you opened it. Nothing of yours was saved; your changes are still below."
        )
        base = versions.filter(revision__date_created__lte=opened_at).first() if opened_at else None
        if latest and base and base.pk != latest.pk:
            opts = self.instance._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_compare", args=[self.instance.pk]
            )
            return format_html(
                '{} <a href="{}?old={}&amp;new={}">See what they changed</a>. '
                "Save again to replace their version with yours.",
                text,
                url,
                base.pk,
                latest.pk,
            )
        return f"{text} Save again to replace their version with yours."


def with_version_token(form_class):
    return type(form_class.__name__, (VersionTokenForm, form_class), {})
