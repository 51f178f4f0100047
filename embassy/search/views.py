"""The search page at /search/: the form and one page of results.

The searching itself is query.search(); the form reads the address. A value the form cannot use
(an unknown outlet, a date that is no date, page "abc") is shown as an error beside its field and
left out, and the rest of the search still runs.
"""

from django.views.generic import TemplateView

from . import query, snippets
from .forms import SearchForm


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        criteria = form.criteria()
        context.update(
            form=form,
            criteria=criteria,
            search_query=criteria.text,
            max_query_length=snippets.MAX_QUERY_LENGTH,
            results=None if criteria.is_empty else query.search(criteria, form.page_number()),
        )
        return context
