"""A briefing's transcript as its page shows it, kept per content generation.

The question index and the exchanges are most of a briefing page: 200 exchanges are 200 rows
with their outlets and topics to read and 200 fragments to render and join. What they show
depends on the content alone (the briefing, its exchanges, their outlets, responders and
topics), the language, the URL prefix and whether the page is the print version. Every write to
the content changes the generation (embassy/core/generation.py), so a transcript kept under it
in the content memo is never stale. Nothing in it depends on the time: visibility is the
briefing's, which the page view decides before asking for its transcript.

It is kept under the briefing's own scope, not the page's: a ministry briefing's transcript is
the same on every mission, and a mission's edit of its own articles or menu leaves it kept.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from embassy.core import content
from embassy.core.memo import derived

from .models import attach_topics

EXCHANGE_FRAGMENT = "transcripts/includes/exchange.html"
INDEX_FRAGMENT = "transcripts/includes/question_index_item.html"


@dataclass(frozen=True)
class Transcript:
    index: SafeString  # the question index's items ("" on paper)
    exchanges: SafeString  # every exchange through its fragment, numbered
    count: int
    first_question: str | None  # the first exchange's question (the page's description)
    topics: tuple  # the briefing's own tags in name order (none on paper)


def transcript_of(briefing, *, printable, generation, exchanges=None):
    """The Transcript of `briefing` as the page (or, `printable`, its print version) shows it,
    kept under its own scope (content.scopes_of_row: a ministry briefing's is every mission's).

    `generation` is that scope's generation as the page reads it; None (the cache cannot be
    reached, or a preview) keeps nothing. `exchanges`, rows to show in place of the briefing's
    own (a draft change's, in memory), are never kept, nor found kept.
    """
    if exchanges is not None:
        return render(briefing, list(exchanges), printable)
    (scope,) = content.scopes_of_row(briefing)
    return derived.keep(
        scope,
        generation,
        ("transcript", briefing.pk, printable, get_language(), get_script_prefix()),
        lambda: read_and_render(briefing, printable),
        size=lambda transcript: len(transcript.index) + len(transcript.exchanges),
    )


def render_each(template_name, contexts):
    template = get_template(template_name)
    return "".join(template.render(context) for context in contexts)


def read_and_render(briefing, printable):
    exchanges = list(
        # The search columns (kilobytes a row on PostgreSQL) are for search only.
        briefing.exchanges.select_related("outlet", "responder").defer(
            "search_vector", "search_text"
        )
    )
    return render(briefing, exchanges, printable)


def render(briefing, exchanges, printable):
    if not printable:  # paper shows no topics; the briefing's are read with its exchanges'
        attach_topics([briefing, *exchanges])
    for exchange in exchanges:
        # Every permalink needs the briefing: give it the one already loaded.
        exchange.briefing = briefing
    index = ""
    if not printable:
        index = render_each(INDEX_FRAGMENT, ({"exchange": e} for e in exchanges))
    numbered = (
        {"exchange": exchange, "number": number, "printable": printable}
        for number, exchange in enumerate(exchanges, start=1)
    )
    return Transcript(
        index=mark_safe(index),  # noqa: S308 - joined fragments the template engine escaped
        exchanges=mark_safe(render_each(EXCHANGE_FRAGMENT, numbered)),  # noqa: S308
        count=len(exchanges),
        first_question=exchanges[0].question if exchanges else None,
        topics=tuple(getattr(briefing, "topics", ())),
    )
