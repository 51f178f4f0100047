"""Template tags of the briefing pages."""

from django import template

register = template.Library()


@register.inclusion_tag("transcripts/includes/byline.html")
def byline(spokesperson, link=True):
    """ "Foreign Ministry Spokesperson Zhao Lijian", the name linked to their page on screen."""
    return {"spokesperson": spokesperson, "link": link}
