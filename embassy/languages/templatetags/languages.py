"""The language switcher and the hreflang links, from one list of the page's versions."""

from django import template

from embassy.languages.models import language_name
from embassy.languages.names import name_in_page_language
from embassy.languages.switching import page_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    return page_versions(request, context.get("translations"))


@register.filter(name="language_name")
def language_name_filter(code):
    """The name the site shows language `code` by."""
    return language_name(code)


@register.filter
def in_page_language(code):
    """`{{ other.language|in_page_language }}`: the language named in the page's language,
    for a sentence ("与英文版对照")."""
    return name_in_page_language(code)
