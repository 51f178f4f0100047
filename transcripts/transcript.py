"""A briefing's transcript as its page shows it, kept per content generation.

The question index and the exchanges are most of a briefing page: 200 exchanges are 200 rows
with their outlets and topics to read and 200 fragments to key and join. What they show depends
on the content alone (the briefing, its exchanges, their outlets, responders and topics), the
language, the URL prefix and whether the page is the print version. Every write to the content
changes the generation (embassy/pagecache/invalidation.py), so a transcript kept under it is
never stale. Nothing in it depends on the time: visibility is the briefing's, which the page
view decides before asking for its transcript. The first rendering after an edit still reuses
the exchanges whose content did not change (embassy/pages/fragments.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from embassy.pages.fragments import GenerationMemo, render_fragments

from .models import attach_topics

EXCHANGE_FRAGMENT = "transcripts/includes/exchange.html"
INDEX_FRAGMENT = "transcripts/includes/question_index_item.html"
# The briefings readers open at once, each in its languages and on paper: a usual one is about
# 20 kB, one of 200 exchanges 0.5 MB.
MOST_KEPT = 32 * 1024 * 1024  # characters


@dataclass(frozen=True)
class Transcript:
    index: SafeString  # the question index's items ("" on paper)
    exchanges: SafeString  # every exchange through its fragment, numbered
    count: int
    first_question: str | None  # the first exchange's question (the page's description)
    topics: tuple  # the briefing's own tags in name order (none on paper)


kept = GenerationMemo(MOST_KEPT)


def transcript_of(briefing, *, printable, generation):
    """The Transcript of `briefing` as the page (or, `printable`, its print version) shows it.

    `generation` is the content generation the page is rendered under; None (the cache cannot
    be reached) keeps nothing. With DEBUG on (templates edited on disk) nothing is kept either.
    """
    key = (briefing.pk, printable, get_language(), get_script_prefix())
    keep = generation is not None and not settings.DEBUG
    transcript = kept.get(generation, key) if keep else None
    if transcript is None:
        transcript = read_and_render(briefing, printable)
        if keep:
            kept.put(generation, key, transcript, len(transcript.index) + len(transcript.exchanges))
    return transcript


def read_and_render(briefing, printable):
    exchanges = list(
        # The search columns (kilobytes a row on PostgreSQL) are for search only.
        briefing.exchanges.select_related("outlet", "responder").defer(
            "search_vector", "search_text"
        )
    )
    if not printable:  # paper shows no topics; the briefing's are read with its exchanges'
        attach_topics([briefing, *exchanges])
    for exchange in exchanges:
        # Every permalink needs the briefing: give it the one already loaded.
        exchange.briefing = briefing
    seen = {}  # each object's state read once for the index and the exchanges alike
    index = ""
    if not printable:
        index = render_fragments(INDEX_FRAGMENT, ({"exchange": e} for e in exchanges), seen)
    numbered = (
        {"exchange": exchange, "number": number, "printable": printable}
        for number, exchange in enumerate(exchanges, start=1)
    )
    return Transcript(
        index=mark_safe(index),  # noqa: S308 - joined fragments the template engine escaped
        exchanges=mark_safe(render_fragments(EXCHANGE_FRAGMENT, numbered, seen)),  # noqa: S308
        count=len(exchanges),
        first_question=exchanges[0].question if exchanges else None,
        topics=tuple(getattr(briefing, "topics", ())),
    )
