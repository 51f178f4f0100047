from django.urls import path, register_converter

from embassy.pages.routes import content_page_urls

from . import feeds, views


class FixedDigits:
    """A zero-padded number, so that each briefing has exactly one dated address."""

    digits = 2

    @property
    def regex(self):
        return f"[0-9]{{{self.digits}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.digits}d}"


class Year(FixedDigits):
    """Years 1000 to 2999: the ends of the calendar have no day after (or before) them."""

    digits = 4
    regex = "[12][0-9]{3}"


class UnicodeSlug:
    """A slug in any script: outlets, spokespeople, briefings and topics are often Chinese."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Year, "yyyy")
register_converter(FixedDigits, "dd")
register_converter(UnicodeSlug, "uslug")

app_name = "transcripts"

briefing_route = "briefings/<yyyy:year>/<dd:month>/<dd:day>/<uslug:slug>/"

urlpatterns = [
    path("briefings/", views.BriefingArchiveView.as_view(), name="archive"),
    path("briefings/<yyyy:year>/", views.BriefingYearArchiveView.as_view(), name="archive-year"),
    path(
        "briefings/<yyyy:year>/<dd:month>/",
        views.BriefingMonthArchiveView.as_view(),
        name="archive-month",
    ),
    path(
        "briefings/<yyyy:year>/<dd:month>/<dd:day>/",
        views.BriefingDayArchiveView.as_view(),
        name="archive-day",
    ),
    *content_page_urls(briefing_route, views.BriefingView.as_view(), "briefing"),
    *content_page_urls(
        briefing_route + "exchanges/<int:pk>/", views.ExchangeView.as_view(), "exchange"
    ),
    # The briefing beside its version in another language (a language code: en, zh-hans).
    *content_page_urls(
        briefing_route + "side-by-side/<slug:other>/",
        views.SideBySideView.as_view(),
        "briefing-side-by-side",
    ),
    path("spokespeople/<uslug:slug>/", views.SpokespersonView.as_view(), name="spokesperson"),
    path("outlets/<uslug:slug>/", views.OutletView.as_view(), name="outlet"),
    path("tags/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("feeds/briefings/rss/", feeds.LatestBriefingsFeed(), name="feed-rss"),
    path("feeds/briefings/atom/", feeds.LatestBriefingsAtomFeed(), name="feed-atom"),
    path("feeds/tags/<uslug:slug>/rss/", feeds.TagBriefingsFeed(), name="tag-feed-rss"),
    path("feeds/tags/<uslug:slug>/atom/", feeds.TagBriefingsAtomFeed(), name="tag-feed-atom"),
]
