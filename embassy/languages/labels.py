"""What a list says beside an item written in another language than the page's: "Bản tiếng Anh",
"英文版" (#26: readers see the content that exists, marked)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import language_name

# Each written in the reader's language by the catalogues.
VERSION_LABELS = {
    "en": pgettext_lazy("a page written in", "English version"),
    "zh-hans": pgettext_lazy("a page written in", "Chinese version"),
    "vi": pgettext_lazy("a page written in", "Vietnamese version"),
}


def version_label(code):
    """The label of a version in `code`, for a reader of the current language; "" for theirs."""
    if code == translation.get_language():
        return ""
    if code in VERSION_LABELS:
        return str(VERSION_LABELS[code])
    return _("Version in %(language)s") % {"language": language_name(code)}
