"""The topics the public may know of.

A tag typed on a draft or on a briefing not yet held names an embargoed subject: it stays out
of every list, form and address until a published page carries it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from taggit.models import Tag, TaggedItem

from sections.models import Article

from .models import Briefing, Exchange


def public_tags():
    """The tags on at least one published briefing, exchange or article, in name order."""
    types = ContentType.objects.get_for_models(Briefing, Exchange, Article)
    tagged = TaggedItem.objects.filter(
        Q(content_type=types[Briefing], object_id__in=Briefing.objects.published().values("pk"))
        | Q(content_type=types[Exchange], object_id__in=Exchange.objects.published().values("pk"))
        | Q(content_type=types[Article], object_id__in=Article.objects.published().values("pk"))
    )
    return Tag.objects.filter(pk__in=tagged.values("tag")).order_by("name")
