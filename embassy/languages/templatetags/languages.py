"""The language switcher and the hreflang links, from one list of the page's versions."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from embassy.languages.labels import version_label
from embassy.languages.models import language_name
from embassy.languages.names import name_in_page_language
from embassy.languages.switching import page_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    says = getattr(context.get("view"), "says_when_elsewhere", False) and not context.get(
        "printable"
    )
    return page_versions(request, context.get("translations"), says_when_elsewhere=says)


@register.simple_tag
def lang_attribute(obj):
    """` lang="en"` on a list's item written in another language than the page's, else ""."""
    language = getattr(obj, "language", None)
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def version_mark(obj):
    """The mark beside such an item, in the page's language: "Bản tiếng Anh"; else ""."""
    label = version_label(getattr(obj, "language", None) or translation.get_language())
    if not label:
        return ""
    return format_html(
        ' <span class="version-label" lang="{}">{}</span>', translation.get_language(), label
    )


@register.filter(name="language_name")
def language_name_filter(code):
    """The name the site shows language `code` by."""
    return language_name(code)


@register.filter
def in_page_language(code):
    """`{{ other.language|in_page_language }}`: the language named in the page's language,
    for a sentence ("与英文版对照")."""
    return name_in_page_language(code)
