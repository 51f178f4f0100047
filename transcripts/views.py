import datetime

from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView

from embassy.pages import ContentPageView

from .models import Briefing, Exchange, Outlet, Spokesperson


def local_day_bounds(year, month, day):
    """The start and end of a day in the site's time zone; 404 for a date that doesn't exist."""
    try:
        start = datetime.datetime(int(year), int(month), int(day))
    except ValueError:
        raise Http404("No such date.") from None
    start = timezone.make_aware(start)
    return start, start + datetime.timedelta(days=1)


class BriefingView(ContentPageView):
    model = Briefing

    def get_queryset(self):
        start, end = local_day_bounds(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        return (
            super()
            .get_queryset()
            .filter(held_at__gte=start, held_at__lt=end)
            .select_related("spokesperson", "section")
            .prefetch_related("tags")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exchanges"] = self.object.exchanges.select_related(
            "outlet", "responder"
        ).prefetch_related("tags")
        return context


class ExchangeView(ContentPageView):
    model = Exchange

    def get_queryset(self):
        start, end = local_day_bounds(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        return (
            super()
            .get_queryset()
            .filter(
                briefing__slug=self.kwargs["slug"],
                briefing__held_at__gte=start,
                briefing__held_at__lt=end,
            )
            .select_related("briefing__spokesperson", "briefing__section", "outlet", "responder")
            .prefetch_related("tags")
        )


class SpokespersonView(DetailView):
    model = Spokesperson


class OutletView(DetailView):
    model = Outlet
