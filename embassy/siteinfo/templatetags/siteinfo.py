"""The frame's parts that are read from the database: the statements in every footer, the
notice on every page while it is current, the home page's services. Each is read once per
content generation and scheduled change (embassy/pages/public_reads.py): the next readers'
pages cost no query for them."""

from django import template
from django.utils.translation import get_language

from embassy.missions.middleware import mission_of
from embassy.pages import public_reads
from embassy.siteinfo.models import SiteNotice, TopTask
from embassy.siteinfo.statements import STATEMENTS, statements_of

register = template.Library()


def _statements(context):
    profile = context.get("site_profile")
    if profile is None:
        return ()
    language = get_language()
    return public_reads.read(
        context.get("request"),
        ("site statements", language),
        lambda: tuple(
            (field, str(STATEMENTS[field]), article)
            for field, article in statements_of(profile, language).items()
        ),
    )


@register.simple_tag(takes_context=True)
def site_statements(context):
    """[(what it is, article)] of the statements the footer links, in the page's language
    where they exist: plain strings and rows, so that the footer is kept by their state."""
    return [(label, article) for _field, label, article in _statements(context)]


@register.simple_tag(takes_context=True)
def privacy_notice(context):
    """The privacy notice, for a form that asks for an address; None when none is published."""
    return next(
        (article for field, _label, article in _statements(context) if field == "privacy_notice"),
        None,
    )


@register.simple_tag(takes_context=True)
def current_notices(context):
    request = context.get("request")
    mission = mission_of(request)
    return public_reads.read(
        request,
        ("site notices",),
        lambda: tuple(SiteNotice.objects.of_mission(mission).current()),
    )


@register.simple_tag(takes_context=True)
def top_tasks(context):
    request = context.get("request")
    mission = mission_of(request)
    return public_reads.read(
        request, ("top tasks",), lambda: tuple(TopTask.objects.filter(mission=mission))
    )
