"""Every string the site marks for translation is translated in every language it offers."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from embassy.alerts.forms import SubscribeForm
from embassy.languages.catalogues import (
    compiled_catalogue,
    missing_from,
    python_messages,
    template_messages,
    untranslated_form_texts,
)
from embassy.search.forms import SearchForm
from embassy.suggesting.forms import SuggestForm

ROOT = Path(settings.BASE_DIR)
SOURCES = ["embassy", "sections", "transcripts"]
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def site_messages():
    messages = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix in {".html", ".txt"}:
            messages |= template_messages(path)
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                messages |= python_messages(path)
    return messages


def catalogue_path(code, suffix):
    return ROOT / "locale" / to_locale(code) / "LC_MESSAGES" / f"django.{suffix}"


def test_the_extractor_finds_template_and_python_strings():
    messages = site_messages()
    msgids = {msgid for _, msgid, _ in messages}
    assert "Skip to main content" in msgids  # {% translate %}
    assert "Briefings on %(day)s" in msgids  # {% blocktranslate with %}
    assert ("", "%(counter)s briefing", "%(counter)s briefings") in {
        (c or "", m, p) for c, m, p in messages
    }
    assert "Most relevant first" in msgids  # gettext_lazy in Python
    assert "Pages of results" in msgids  # _("…") inside a template tag's arguments


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_string_is_translated_in_the_compiled_catalogue(code):
    catalogue = compiled_catalogue(catalogue_path(code, "mo"))
    missing = missing_from(catalogue, site_messages())
    assert not missing, (
        f"locale/{to_locale(code)} lacks {len(missing)} translation(s), e.g. {missing[:5]}. "
        "Run `make messages`, translate the new entries of the .po file, then `make messages` "
        "again to compile it."
    )


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_compiled_catalogue_is_the_one_written(code):
    """The .mo committed is the .po compiled: no edit left uncompiled."""
    written = polib.pofile(str(catalogue_path(code, "po")))
    compiled = compiled_catalogue(catalogue_path(code, "mo"))
    for entry in written.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        expected = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        got = compiled.get((key, 0)) if entry.msgid_plural else compiled.get(key)
        assert got == expected, entry.msgid


def test_a_missing_translation_is_reported():
    catalogue = {"Home": "首页", ("%(counter)s briefing", 0): "%(counter)s场记者会"}
    messages = {
        (None, "Home", None),
        (None, "%(counter)s briefing", "%(counter)s briefings"),
        (None, "Search", None),
    }
    assert missing_from(catalogue, messages) == ["Search"]


# The forms the public fills in: every label and help text shown beside their fields.
PUBLIC_FORMS = [SearchForm, SuggestForm, SubscribeForm]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("form_class", PUBLIC_FORMS, ids=lambda form: form.__name__)
def test_every_label_and_help_text_of_the_public_forms_is_translated(form_class, code):
    untranslated = untranslated_form_texts(form_class, code, settings.LANGUAGE_CODE)
    assert not untranslated, f"In {code}, still in English: {untranslated}"


def test_a_label_left_to_django_and_a_help_text_translated_at_import_are_reported():
    from django import forms
    from django.utils.translation import gettext_lazy

    class Careless(forms.Form):
        outlet = forms.CharField()  # Django's "Outlet", in English in every language
        note = forms.CharField(
            label=gettext_lazy("Search"),
            help_text=gettext_lazy("Plain text, at most %(count)s characters.") % {"count": 5},
        )

    assert untranslated_form_texts(Careless, "vi", "en") == [
        "Careless.outlet label: 'Outlet'",
        "Careless.note help_text: 'Plain text, at most 5 characters.'",
    ]
