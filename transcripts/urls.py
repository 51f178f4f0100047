from django.urls import path, register_converter

from embassy.pages import content_page_urls

from . import views


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
    digits = 4


register_converter(Year, "yyyy")
register_converter(FixedDigits, "dd")

app_name = "transcripts"

briefing_route = "briefings/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/"

urlpatterns = [
    *content_page_urls(briefing_route, views.BriefingView.as_view(), "briefing"),
    *content_page_urls(
        briefing_route + "exchanges/<int:pk>/", views.ExchangeView.as_view(), "exchange"
    ),
    path("spokespeople/<slug:slug>/", views.SpokespersonView.as_view(), name="spokesperson"),
    path("outlets/<slug:slug>/", views.OutletView.as_view(), name="outlet"),
]
