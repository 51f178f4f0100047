"""The frame's parts that are read from the database: the statements in every footer, the
notice on every page while it is current, the home page's services."""

from django import template

from embassy.siteinfo.models import SiteNotice, TopTask
from embassy.siteinfo.statements import STATEMENTS, statements_of

register = template.Library()


@register.simple_tag(takes_context=True)
def site_statements(context):
    """[(what it is, article)] of the statements the footer links, in the page's language
    where they exist: plain strings and rows, so that the footer is kept by their state."""
    profile = context.get("site_profile")
    if profile is None:
        return []
    return [(str(STATEMENTS[field]), article) for field, article in statements_of(profile).items()]


@register.simple_tag(takes_context=True)
def privacy_notice(context):
    """The privacy notice for a form that asks for an address, or None."""
    profile = context.get("site_profile")
    return statements_of(profile).get("privacy_notice") if profile is not None else None


@register.simple_tag
def current_notices():
    return list(SiteNotice.objects.current())


@register.simple_tag
def top_tasks():
    return list(TopTask.objects.all())
