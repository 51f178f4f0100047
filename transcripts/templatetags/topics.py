"""{% topic_name tag %}: a topic's name in the page's language (transcripts/tagging.py)."""

from django import template

from transcripts.tagging import topic_name as name_of

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_name(context, tag):
    return name_of(tag, request=context.get("request"))
