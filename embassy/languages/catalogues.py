"""Which strings the site asks to translate, and what its compiled catalogues hold.

Read without GNU gettext, so that the check that every catalogue is complete runs on any
machine: the strings are found in the templates (through Django's own templatize(), the step
makemessages uses) and in the Python sources (their gettext calls), and the compiled .mo files
are read with the standard library.
"""

import ast
import gettext
import re
from pathlib import Path

from django import forms
from django.forms.utils import pretty_name
from django.utils import translation
from django.utils.translation.template import templatize

# The functions whose first arguments are strings to translate, and where the message starts.
_SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}
_PLURAL = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
_STRING = r"u?'(?:[^'\\]|\\.)*'" + "|" + r'"(?:[^"\\]|\\.)*"'
# templatize() writes gettext(u'…') for the tags and keeps _("…") of tag arguments as it is.
_TEMPLATE_CALL = re.compile(
    rf"(?<![\w.])(n?p?gettext|_)\(\s*((?:{_STRING})(?:\s*,\s*(?:{_STRING}))*)"
)


def _strings(arguments):
    return [ast.literal_eval(s) for s in re.findall(_STRING, arguments)]


def template_messages(path):
    """{(context, msgid, plural or None)} in one template."""
    source = templatize(Path(path).read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for function, arguments in _TEMPLATE_CALL.findall(source):
        strings = _strings(arguments)
        context = strings.pop(0) if function in _CONTEXT else None
        plural = strings[1] if function in _PLURAL and len(strings) > 1 else None
        found.add((context, strings[0], plural))
    return found


def python_messages(path):
    """{(context, msgid, plural or None)} in one Python module."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in _SINGULAR | _PLURAL:
            continue
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
        strings = [s for s in strings if isinstance(s, str)]
        if name in _CONTEXT:
            if not strings:
                continue
            context = strings.pop(0)
        else:
            context = None
        if not strings:
            continue  # a variable, not a literal: not extractable, not ours to check
        plural = strings[1] if name in _PLURAL and len(strings) > 1 else None
        found.add((context, strings[0], plural))
    return found


def compiled_catalogue(path):
    """The translations a compiled catalogue (.mo) holds: {msgid or (msgid, n): text}."""
    with open(path, "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def missing_from(catalogue, messages):
    """The messages `catalogue` has no (non-empty) translation for."""
    missing = []
    for context, msgid, plural in sorted(messages, key=lambda m: (m[0] or "", m[1])):
        key = f"{context}\x04{msgid}" if context else msgid
        text = catalogue.get((key, 0)) if plural else catalogue.get(key)
        if not text:
            missing.append(msgid)
    return missing


def form_texts(form_class):
    """[(field, "label" or "help_text", text)] that `form_class` shows beside its visible
    fields: a label left unset is the field's name, which Django writes in English."""
    found = []
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        found.append((name, "label", pretty_name(name) if field.label is None else field.label))
        if field.help_text:
            found.append((name, "help_text", field.help_text))
    return found


def untranslated_form_texts(form_class, code, default):
    """The texts of `form_class` that read the same in `code` as in `default`: not marked for
    translation, or translated once at import (`gettext_lazy(…) % {…}`), or not translated."""
    untranslated = []
    for name, what, text in form_texts(form_class):
        with translation.override(default):
            written = str(text)
        with translation.override(code):
            shown = str(text)
        if written and shown == written:
            untranslated.append(f"{form_class.__name__}.{name} {what}: {written!r}")
    return untranslated
