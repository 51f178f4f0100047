"""The site menu (sections/context_processors.py keeps its markup)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    return context["menu"].html(context)
