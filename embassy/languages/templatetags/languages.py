"""The language switcher and the hreflang links, from one list of the page's versions."""

from django import template

from embassy.languages.switching import page_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    return page_versions(request, context.get("translations"))
