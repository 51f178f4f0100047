"""The search form: the words and the filters, read from the address (a GET form)."""

import datetime

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from embassy.pages.dates import validate_in_range
from transcripts.models import Outlet, Spokesperson
from transcripts.tagging import ANY_SUBJECT, SUBJECT, public_tags

from . import query, snippets

# The seed briefing's day, as an example of how to type a date.
EXAMPLE_DAY = datetime.date(2021, 1, 28)


class DateInput(forms.DateInput):
    """A date typed as the site writes dates in the page's language (embassy/formats/:
    28 January 2021, 28/01/2021), shown back the same way; the ISO date is always accepted too.
    Not the browser's date picker, which shows the browser's format, another one per visitor."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false"})


class ChoiceList(forms.Select):
    """A select whose options are joined in Python, not rendered by a template each.

    The form lists every outlet, spokesperson and tag, and Django's template per option cost
    about 0.1 ms each (3 ms for 30 outlets, growing with every new outlet) on a page that must
    answer within 50 ms. The markup is the same as Django's select.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class ChoicesAtOnce(forms.models.ModelChoiceIterator):
    """The choices read by one plain query: Django's iterator() opens a server-side cursor
    on PostgreSQL (DECLARE, FETCH, CLOSE: three round trips) for lists this short."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class FilterChoiceField(forms.ModelChoiceField):
    iterator = ChoicesAtOnce
    widget = ChoiceList


class TopicChoiceField(FilterChoiceField):
    """Topics by their names in the page's language (public_tags() reads them)."""

    def label_from_instance(self, obj):
        return obj.shown_name


# The language choice that searches every language.
ALL_LANGUAGES = "all"


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words or “a phrase”"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DateInput(),
        validators=[validate_in_range],
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=DateInput(), validators=[validate_in_range]
    )
    spokesperson = FilterChoiceField(
        Spokesperson.objects.none(),
        label=gettext_lazy("Spokesperson"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any spokesperson"),
    )
    outlet = FilterChoiceField(
        Outlet.objects.none(),
        label=gettext_lazy("Outlet"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any outlet"),
    )
    tag = TopicChoiceField(
        Tag.objects.none(),
        label=SUBJECT,
        to_field_name="slug",
        required=False,
        empty_label=ANY_SUBJECT,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[(name, kind.label) for name, kind in query.KINDS.items()],
        required=False,
        widget=ChoiceList,
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Order"), choices=query.SORTS.items(), required=False, widget=ChoiceList
    )
    # Empty: the page's language (its address's prefix); a language's code; or every language.
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False, widget=ChoiceList)
    # In the pagination links' addresses, not among the visible fields.
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    query_shortened = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only names with published content: a draft's outlets, spokesperson and topics are
        # embargoed. Read per form, as "published" depends on the time.
        self.fields["spokesperson"].queryset = Spokesperson.objects.with_published_briefings()
        self.fields["outlet"].queryset = Outlet.objects.with_published_exchanges()
        self.fields["tag"].queryset = public_tags()
        current = translation.get_language()
        self.fields["language"].choices = [
            ("", dict(settings.LANGUAGES).get(current, current)),
            *((code, name) for code, name in settings.LANGUAGES if code != current),
            (ALL_LANGUAGES, _("All languages")),
        ]
        # What to type, in the page's language: the box's own format (embassy/formats/).
        example = EXAMPLE_DAY.strftime(get_format("DATE_INPUT_FORMATS")[0])
        for name in ("date_from", "date_to"):
            self.fields[name].help_text = _("For example %(day)s") % {"day": example}

    def clean_q(self):
        query, self.query_shortened = snippets.shorten(self.cleaned_data["q"])
        return query

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def criteria(self, mission=None):
        """The search this form asks for on `mission`'s site, leaving out whatever was not
        valid."""
        self.is_valid()
        data = self.cleaned_data
        if self.query_shortened:
            # Show the visitor the query that was searched, not the one they sent.
            self.data = self.data.copy()
            self.data["q"] = data["q"]
        return query.Criteria(
            text=data.get("q") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            spokesperson=data.get("spokesperson"),
            outlet=data.get("outlet"),
            tag=data.get("tag"),
            kind=data.get("kind") or query.EXCHANGES,
            sort=data.get("sort") or query.RELEVANCE,
            language=self.searched_language(),
            mission=mission,
        )

    def searched_language(self):
        """The code of the language searched, or None for every language."""
        chosen = self.cleaned_data.get("language")
        if chosen == ALL_LANGUAGES:
            return None
        return chosen or translation.get_language()

    def searches_reader_language(self):
        """Whether the language searched is the page's because the reader chose none."""
        return not self.cleaned_data.get("language")

    def page_number(self):
        return self.cleaned_data.get("page") or 1
