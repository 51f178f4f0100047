"""The search page at /search/: the form and one page of results.

The searching itself is query.search(); the form reads the address. A value the form cannot use
(an unknown outlet, a date that is no date, page "abc") is shown as an error beside its field and
left out, and the rest of the search still runs.
"""

import dataclasses

from django.views.generic import TemplateView

from embassy.languages.models import language_name
from embassy.missions.middleware import mission_of

from . import query, snippets
from .forms import SearchForm


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        criteria = form.criteria(mission_of(self.request))
        results = None if criteria.is_empty else query.search(criteria, form.page_number())
        widened_from = None
        if results and not any(results.counts.values()) and form.searches_reader_language():
            # Nothing in the reader's own language, which they did not choose: what exists in
            # the others is shown, said so, rather than "nothing found".
            everywhere = query.search(
                dataclasses.replace(criteria, language=None), form.page_number()
            )
            if any(everywhere.counts.values()):
                widened_from, criteria, results = criteria.language, everywhere.criteria, everywhere
        context.update(
            form=form,
            criteria=criteria,
            search_query=criteria.text,
            max_query_length=snippets.MAX_QUERY_LENGTH,
            results=results,
            widened_from=widened_from and language_name(widened_from),
        )
        return context
