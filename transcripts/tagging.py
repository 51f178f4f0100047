"""The topics the public may know of, and their names in the reader's language.

A tag typed on a draft or on a briefing not yet held names an embargoed subject: it stays out
of every list, form and address until a published page carries it.

A topic's own name is the default language's; its names in the other languages are TopicName
rows (the admin's topic page). Its slug, its address, is one in every language.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language, gettext_lazy
from taggit.models import Tag, TaggedItem

from embassy.core import content, generation
from embassy.core.memo import derived
from sections.models import Article

from .models import Briefing, Exchange, TopicName

# The public site's one word for a topic, as its pages say it ("Subject: Climate change"): the
# search form's filter and the alerts' choice too. ("Topics" is a group of the menu's sections.)
SUBJECT = gettext_lazy("Subject")
ANY_SUBJECT = gettext_lazy("Any subject")


def reader_language(language=None):
    return language or get_language() or settings.LANGUAGE_CODE


def public_tags(language=None):
    """The tags on at least one published briefing, exchange or article, each with
    `shown_name`, its name in `language` (the page's by default), and in that name's order."""
    types = ContentType.objects.get_for_models(Briefing, Exchange, Article)
    tagged = TaggedItem.objects.filter(
        Q(content_type=types[Briefing], object_id__in=Briefing.objects.published().values("pk"))
        | Q(content_type=types[Exchange], object_id__in=Exchange.objects.published().values("pk"))
        | Q(content_type=types[Article], object_id__in=Article.objects.published().values("pk"))
    )
    return named_in(Tag.objects.filter(pk__in=tagged.values("tag")), language)


def named_in(tags, language=None):
    """`tags` with `shown_name`, each one's name in `language` (else its own), in its order."""
    translated = TopicName.objects.filter(tag=OuterRef("pk"), language=reader_language(language))
    return tags.annotate(
        shown_name=Coalesce(Subquery(translated.values("name")[:1]), "name")
    ).order_by("shown_name", "pk")


def topic_names(generation=None):
    """{language: {tag pk: name}} of every named topic, kept per content generation: one
    query for a page in any language, however many topics it names."""

    def read():
        names = {}
        for language, tag, name in TopicName.objects.values_list("language", "tag_id", "name"):
            names.setdefault(language, {})[tag] = name
        return names

    return derived.keep(
        content.SITE,
        generation,
        ("topic names",),
        read,
        size=lambda names: 100 + 150 * sum(map(len, names.values())),
    )


def topic_name(tag, language=None, request=None):
    """The topic's name in `language` (the page's by default), else its own name. The names of
    every topic in a language are read once per content generation (the request's when given),
    so a page of fifty tags costs no query."""
    language = reader_language(language)
    if language == settings.LANGUAGE_CODE:
        return tag.name
    kept_under = generation.current_or_none() if request is None else generation.of_request(request)
    return topic_names(kept_under).get(language, {}).get(tag.pk) or tag.name
