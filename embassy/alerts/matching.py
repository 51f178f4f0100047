"""Which confirmed subscriptions a briefing concerns, and the exchanges each one is about.

A table, not a chain of ifs: each kind names the subscriptions it may match (one query for all
kinds together) and the exchanges of the briefing that make it match. A kind whose exchanges
come out empty is not concerned (an outlet that asked nothing this time); "every briefing" and
a topic on the briefing itself concern the whole briefing.
"""

from django.db.models import Q

from embassy.missions.models import Mission
from embassy.search.query import EXCHANGES, NEWEST, Criteria, search
from transcripts.models import attach_topics

from .models import Kind, Subscription

WHOLE_BRIEFING = ()  # concerned, about no exchange in particular

# Enough to see every exchange of one day's briefings.
SEARCH_WINDOW = 500


def briefing_facts(briefing):
    exchanges = attach_topics(briefing.exchanges.select_related("outlet", "responder"))
    return {
        "exchanges": exchanges,
        "briefing_topics": {tag.pk for tag in briefing.tags.all()},
        "exchange_topics": {tag.pk for exchange in exchanges for tag in exchange.topics},
        "outlets": {exchange.outlet_id for exchange in exchanges if exchange.outlet_id},
        "speakers": {briefing.spokesperson_id}
        | {exchange.responder_id for exchange in exchanges if exchange.responder_id},
    }


def _topic(subscription, briefing, facts):
    if subscription.topic_id in facts["briefing_topics"]:
        return WHOLE_BRIEFING
    return [e.pk for e in facts["exchanges"] if subscription.topic_id in {t.pk for t in e.topics}]


def _outlet(subscription, briefing, facts):
    return [e.pk for e in facts["exchanges"] if e.outlet_id == subscription.outlet_id]


def _spokesperson(subscription, briefing, facts):
    # Whoever answered: the briefing's spokesperson unless someone else did (as the search).
    return [
        e.pk
        for e in facts["exchanges"]
        if (e.responder_id or briefing.spokesperson_id) == subscription.spokesperson_id
    ]


def _search(subscription, briefing, facts):
    found = facts.setdefault("searches", {})
    if subscription.query not in found:
        day = briefing.local_date
        criteria = Criteria(
            text=subscription.query, date_from=day, date_to=day, kind=EXCHANGES, sort=NEWEST
        )
        hits = search(criteria, per_page=SEARCH_WINDOW).page.object_list
        found[subscription.query] = [
            hit.object.pk for hit in hits if hit.object.briefing_id == briefing.pk
        ]
    return found[subscription.query]


KINDS = {
    Kind.BRIEFINGS: (lambda facts: Q(), lambda subscription, briefing, facts: WHOLE_BRIEFING),
    Kind.TOPIC: (
        lambda facts: Q(topic__in=facts["briefing_topics"] | facts["exchange_topics"]),
        _topic,
    ),
    Kind.OUTLET: (lambda facts: Q(outlet__in=facts["outlets"]), _outlet),
    Kind.SPOKESPERSON: (lambda facts: Q(spokesperson__in=facts["speakers"]), _spokesperson),
    Kind.SEARCH: (lambda facts: Q(), _search),
}


def concerned(briefing):
    """[(subscription, exchange ids)] for each confirmed subscription `briefing` concerns."""
    facts = briefing_facts(briefing)
    candidates = Q()
    for kind, (narrowing, _exchanges) in KINDS.items():
        candidates |= Q(kind=kind) & narrowing(facts)
    found = []
    shown_on = Mission.objects.showing(briefing)
    for subscription in Subscription.objects.filter(candidates, mission__in=shown_on):
        exchanges = KINDS[subscription.kind][1](subscription, briefing, facts)
        if exchanges is WHOLE_BRIEFING or exchanges:
            found.append((subscription, list(exchanges)))
    return found
