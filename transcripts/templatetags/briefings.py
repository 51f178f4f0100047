"""Template tags of the briefing pages."""

from django import template
from django.utils.safestring import mark_safe

from embassy.pages.fragments import render_fragments

register = template.Library()

EXCHANGE_FRAGMENT = "transcripts/includes/exchange.html"
INDEX_FRAGMENT = "transcripts/includes/question_index_item.html"
SEEN = "transcripts.fragment_state"


@register.inclusion_tag("transcripts/includes/byline.html")
def byline(spokesperson, link=True):
    """ "Foreign Ministry Spokesperson Zhao Lijian", the name linked to their page on screen."""
    return {"spokesperson": spokesperson, "link": link}


def _seen(context):
    # One reading of each object's state for the question index and the transcript alike.
    seen = context.render_context.get(SEEN)
    if seen is None:
        seen = context.render_context[SEEN] = {}
    return seen


@register.simple_tag(takes_context=True)
def question_index(context, exchanges):
    """The briefing's questions, one link each (embassy.pages.fragments, as below)."""
    return mark_safe(  # noqa: S308 - joined fragments the template engine escaped
        render_fragments(
            INDEX_FRAGMENT, ({"exchange": exchange} for exchange in exchanges), _seen(context)
        )
    )


@register.simple_tag(takes_context=True)
def briefing_exchanges(context, exchanges):
    """Every exchange of a briefing through its fragment, numbered; each rendered once per
    content (embassy.pages.fragments), not once per request."""
    printable = bool(context.get("printable"))
    return mark_safe(  # noqa: S308 - joined fragments the template engine escaped
        render_fragments(
            EXCHANGE_FRAGMENT,
            (
                {"exchange": exchange, "number": number, "printable": printable}
                for number, exchange in enumerate(exchanges, start=1)
            ),
            _seen(context),
        )
    )
