"""The statements every footer links, the accessibility statement and the privacy notice: the
articles staff chose in the site's profile, in the reader's language where there is a version.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from embassy.pages.publishing import State, state_of
from sections.models import Article

# The profile's field for each statement, in the footer's order, with what a link to it says
# when the page is not in the reader's language (the article's own title is the link's text).
STATEMENTS = {
    "accessibility_statement": _("Accessibility statement"),
    "privacy_notice": _("Privacy notice"),
}


def statements_of(profile, language=None):
    """{field: article} for the statements chosen in `profile`: the published version in
    `language` (the page's), else the chosen one, else the first published; a statement with
    no published version is left out. One query."""
    chosen = {
        field: pk for field in STATEMENTS if (pk := getattr(profile, f"{field}_id")) is not None
    }
    if not chosen:
        return {}
    language = language or get_language()
    keys = Article.objects.filter(pk__in=chosen.values()).values("translation_key")
    versions = list(
        Article.objects.filter(translation_key__in=keys)
        .select_related("section")
        .order_by("created_at", "pk")
    )
    key_of = {version.pk: version.translation_key for version in versions}
    public = [version for version in versions if state_of(version) == State.PUBLISHED]
    found = {}
    for field, pk in chosen.items():
        same = [version for version in public if version.translation_key == key_of.get(pk)]
        if same:
            found[field] = next(
                (version for version in same if version.language == language),
                next((version for version in same if version.pk == pk), same[0]),
            )
    return found
