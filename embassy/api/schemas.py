"""What each resource of the API looks like. Ids are the rows' primary keys: they never change,
whatever staff edit; `url` is the page's permalink on the site (absolute).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from ninja import Schema

from transcripts.tagging import topic_name


def absolute(context, path):
    """The address of `path` on the site: from the request's host (one of ALLOWED_HOSTS), or,
    when there is no request (the bulk export), on the mission's address it is made for
    (`site_url`), else SITE_URL."""
    context = context or {}
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return context.get("site_url", settings.SITE_URL) + path


class Topic(Schema):
    slug: str
    name: str  # in the answer's language, else the topic's own
    names: dict[str, str]  # by language code, every offered language (the own name where none)
    url: str

    @staticmethod
    def resolve_name(obj, context):
        return topic_name(obj, request=(context or {}).get("request"))

    @staticmethod
    def resolve_names(obj, context):
        request = (context or {}).get("request")
        return {code: topic_name(obj, code, request) for code, _name in settings.LANGUAGES}

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, f"/tags/{obj.slug}/")


class Spokesperson(Schema):
    id: int
    name: str
    slug: str
    role: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class Outlet(Schema):
    id: int
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class Section(Schema):
    id: int
    title: str
    slug: str
    parent_id: int | None
    menu_group: str
    position: int
    intro: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class SectionRef(Schema):
    id: int
    title: str
    slug: str


class Article(Schema):
    id: int
    title: str
    slug: str
    section: SectionRef
    publish_at: datetime.datetime
    updated_at: datetime.datetime
    body: str  # HTML, sanitized when staff saved it
    topics: list[Topic]
    url: str

    @staticmethod
    def resolve_topics(obj):
        return list(obj.tags.all())

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class BriefingRef(Schema):
    id: int
    title: str
    held_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class Exchange(Schema):
    id: int
    position: int
    briefing: BriefingRef
    outlet: Outlet | None
    responder: Spokesperson | None  # only when someone other than the briefing's spokesperson
    question: str
    answer: str
    topics: list[Topic]
    url: str

    @staticmethod
    def resolve_topics(obj):
        return obj.topics  # set by transcripts.models.attach_topics, one query for a page

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class ExchangeInBriefing(Schema):
    id: int
    position: int
    outlet: Outlet | None
    responder: Spokesperson | None
    question: str
    answer: str
    topics: list[Topic]
    url: str

    @staticmethod
    def resolve_topics(obj):
        return obj.topics

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class Translation(Schema):
    """Another language's version of a briefing: its page, and its address in this API."""

    id: int
    language: str
    title: str
    url: str
    api_url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_api_url(obj, context):
        return absolute(context, reverse("api:get_briefing", kwargs={"briefing_id": obj.pk}))


class Briefing(Schema):
    id: int
    title: str
    slug: str
    held_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    # The video or audio: the library file's address on the site, or the address elsewhere.
    recording_url: str
    language: str
    spokesperson: Spokesperson
    section: SectionRef
    source_url: str
    topics: list[Topic]
    exchange_count: int
    updated_at: datetime.datetime
    url: str
    # Set by embassy.api.translations.attach_translations, one query for a page.
    translations: list[Translation]

    @staticmethod
    def resolve_recording_url(obj, context):
        if obj.recording_id:
            return absolute(context, obj.recording_address)
        return obj.recording_url

    @staticmethod
    def resolve_topics(obj):
        return list(obj.tags.all())

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class BriefingDetail(Briefing):
    opening_remarks: str
    exchanges: list[ExchangeInBriefing]

    @staticmethod
    def resolve_exchanges(obj):
        return obj.listed_exchanges


class Problem(Schema):
    detail: str
