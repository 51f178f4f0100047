"""A briefing's versions in the site's other languages, as the API lists them: published only,
for a page of briefings (or one) in one query."""

from collections import defaultdict

from transcripts.models import Briefing


def attach_translations(briefings, mission):
    """`briefings` as a list, each with `translations`: its other published versions that
    `mission` shows, by language code."""
    briefings = list(briefings)
    versions = defaultdict(list)
    found = (
        Briefing.objects.shown_on(mission)
        .published()
        .filter(translation_key__in={briefing.translation_key for briefing in briefings})
        .only("title", "slug", "held_at", "held_in_zone", "language", "translation_key")
        .order_by("language", "pk")
    )
    if briefings:
        for version in found:
            versions[version.translation_key].append(version)
    for briefing in briefings:
        briefing.translations = [
            version for version in versions[briefing.translation_key] if version.pk != briefing.pk
        ]
    return briefings
