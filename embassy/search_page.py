"""The search page: placeholder until search is built (issue 6)."""

from django.views.generic import TemplateView


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_query"] = self.request.GET.get("q", "")
        return context
