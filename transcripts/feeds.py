"""RSS and Atom feeds of the latest published briefings: site-wide and for one tag."""

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.translation import gettext as _

from embassy.languages.labels import version_label
from embassy.missions.middleware import mission_of

from .models import Briefing, Exchange
from .tagging import public_tags, topic_name

FEED_LENGTH = 20


class LatestBriefingsFeed(Feed):
    """RSS. Readers render an RSS description as HTML, so the channel's is escaped HTML, as the
    items' are (their template escapes): a topic named "<script>" is shown, never run. Atom
    says which: its subtitle is text (Django writes no type="html"), given as it is."""

    description_template = "transcripts/feeds/briefing_description.html"
    query_parameters = {}  # it reads none (embassy/pagecache/parameters.py)

    def title(self, obj):
        return _("Spokesperson's Remarks: latest briefings")

    def link(self, obj):
        return reverse("transcripts:archive")

    def summary(self, obj):
        return _("The latest press briefings of the spokesperson, with every question and answer.")

    def description(self, obj):
        return escape(self.summary(obj))

    def get_object(self, request):
        # The request's mission, as the argument of every method: one Feed instance serves
        # every request, mission and thread.
        return mission_of(request)

    def briefings(self, obj):
        # One feed per language: /feeds/…, /zh-hans/feeds/…, /vi/feeds/…, each briefing once,
        # in the feed's language where it is written in it (else marked in its title).
        return Briefing.objects.shown_on(obj).published().for_reader()

    def items(self, obj):
        # The item text lists the questions: two more queries for the whole feed, not per item.
        return (
            self.briefings(obj)
            .select_related("spokesperson", "recording")
            .prefetch_related(
                Prefetch("exchanges", queryset=Exchange.objects.select_related("outlet"))
            )[:FEED_LENGTH]
        )

    def item_title(self, item):
        # A feed has no language per item: the mark says it, in the feed's language.
        label = version_label(item.language)
        return f"{item.title} ({label})" if label else item.title

    def item_pubdate(self, item):
        return item.held_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.spokesperson.name

    def item_enclosures(self, item):
        # A recording in the library is the item's enclosure, as podcast readers expect: its
        # size and type are known. One elsewhere is a link in the text (its size is not).
        if not item.recording_id:
            return []
        facts = item.recording.kind_facts
        return [
            Enclosure(item.recording_address, str(item.recording.file_size), facts.content_type)
        ]

    def get_feed(self, obj, request):
        # Feed readers need absolute addresses; syndication makes links absolute but not
        # enclosures. The request stays an argument: one Feed instance serves every thread.
        feed = super().get_feed(obj, request)
        domain = get_current_site(request).domain
        for entry in feed.items:
            entry["enclosures"] = [
                Enclosure(add_domain(domain, e.url, request.is_secure()), e.length, e.mime_type)
                for e in entry["enclosures"]
            ]
        return feed


class LatestBriefingsAtomFeed(LatestBriefingsFeed):
    feed_type = Atom1Feed
    subtitle = LatestBriefingsFeed.summary


class TagBriefingsFeed(LatestBriefingsFeed):
    """Briefings tagged with the topic, or holding an exchange tagged with it."""

    def get_object(self, request, slug):
        # The same topics as /tags/<slug>/: none that only drafts carry.
        tag = get_object_or_404(public_tags(), slug=slug)
        tag.shown_on = mission_of(request)  # this request's own row, never shared
        return tag

    def title(self, obj):
        return _("Spokesperson's Remarks on “%(topic)s”") % {"topic": topic_name(obj)}

    def link(self, obj):
        return reverse("transcripts:tag", kwargs={"slug": obj.slug})

    def summary(self, obj):
        return _("The latest press briefings on “%(topic)s”.") % {"topic": topic_name(obj)}

    def briefings(self, obj):
        # The topic arrives as an argument: one Feed instance serves every request and thread.
        ids = Briefing.objects.shown_on(obj.shown_on).published().on_topic(obj).values("pk")
        ids = Briefing.objects.filter(pk__in=ids).for_reader().values("pk")
        return Briefing.objects.filter(pk__in=ids)


class TagBriefingsAtomFeed(TagBriefingsFeed):
    feed_type = Atom1Feed
    subtitle = TagBriefingsFeed.summary
