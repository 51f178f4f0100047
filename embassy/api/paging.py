"""The API's lists a page at a time, through django-ninja's pagination (`@paginate`).

The shape is the API's own, as the README promises: `count`, `page`, `page_size`, `next`,
`previous` (absolute links, or null) and `results`. `page_size` above MAX_PAGE_SIZE is capped,
not refused; a page past the last is 404; below 1 or above MAX_PAGE, 422 as every invalid
parameter.
"""

import math
from typing import Any

from django.utils.http import urlencode
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far past any last page, and below what a database takes as an offset (a page of 10**20
# overflowed SQLite and PostgreSQL): beyond it, 422 as for any parameter out of its range.
MAX_PAGE = 10**6


def page_links(request, number, last):
    """(next, previous): this address with only `page` changed, or None past either end."""

    def link(to):
        if not 1 <= to <= last:
            return None
        query = request.GET.copy()
        query["page"] = to
        return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")

    return link(number + 1), link(number - 1)


class NumberedPages(PaginationBase):
    """ninja's PaginationBase with the API's page shape. `prepare(rows, request)` turns the
    rows of one page into what the schema reads (their topics, their translations)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, description=f"At most {MAX_PAGE_SIZE}")

    class Output(Schema):
        count: int
        page: int
        page_size: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def __init__(self, *, prepare=lambda rows, request: list(rows), **kwargs):
        super().__init__(**kwargs)
        self.prepare = prepare

    def paginate_queryset(self, queryset, pagination, request, **params):
        size = min(pagination.page_size, MAX_PAGE_SIZE)
        start = (pagination.page - 1) * size
        # Cut first, counted after: a search (SearchMatches) counts while it finds the page.
        rows = self.prepare(queryset[start : start + size], request)
        count = self._items_count(queryset)
        last = max(1, math.ceil(count / size))
        if pagination.page > last:
            raise HttpError(404, f"No such page: the last is {last}.")
        following, preceding = page_links(request, pagination.page, last)
        return {
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "next": following,
            "previous": preceding,
            "results": rows,
        }
