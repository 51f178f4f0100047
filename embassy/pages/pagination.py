"""One way to split a list into pages, and one answer to a page that does not exist."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

PAGE_SIZE = 20


def page_number(value):
    """?page= written one way: "02" is page 2; anything not a number is left as it came (the
    page answers 404, which is not stored)."""
    if value.isascii() and value.isdigit():
        return str(int(value))
    return value


# What a paginated list reads of its query string (embassy/pagecache/parameters.py).
PAGINATED = {"page": page_number}


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The page of `queryset` that ?page= asks for; Http404 for a page that does not exist.

    Only numbers count: "?page=last" or "?page=0" are as wrong as "?page=9999".
    """
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit()):  # "²".isdigit() is True, int("²") fails
        raise Http404("No such page.")
    try:
        return Paginator(queryset, per_page).page(int(number))
    except InvalidPage:
        raise Http404("No such page.") from None
