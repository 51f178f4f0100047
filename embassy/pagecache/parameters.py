"""What a page reads of its query string, and the one stored copy every other string shares.

A stored page is keyed by its address, so every `?anything=N` would be a new page, rendered and
kept anew: a loop of made-up parameters would fill the cache without bound, and every click of
a briefing shared on a social network (`?fbclid=…`, a newsletter's `utm_*`, one per click) would
be rendered for its reader, exactly when the page cache is needed. Instead each view
declares the parameters it reads, each with the function that writes its value one way
(`query_parameters = {"page": page_number}` on a class, `@reads_query(page=page_number)` on a
function): anything else is taken out of the request before the view sees it, and the value of
what is kept is written the one way, so `?page=02&x=1` and `?page=2` are one address and one
stored page. A view that declares nothing is rendered for such a request and not stored.
"""

import functools
from urllib.parse import parse_qsl, urlencode

QUERY_PARAMETERS = "query_parameters"


def reads_query(**parameters):
    """Declare the query parameters a function view reads: name=canonical value function."""

    def declare(view):
        @functools.wraps(view)  # a view of its own: another library's function is not changed
        def reading(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        setattr(reading, QUERY_PARAMETERS, parameters)
        return reading

    return declare


def declared_by(view):
    """The parameters `view` (a function, or a class-based view's as_view()) reads, or None
    when it does not say."""
    declared = getattr(view, QUERY_PARAMETERS, None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), QUERY_PARAMETERS, None)
    return declared


def canonical_query(query_string, declared):
    """`query_string` with only the declared parameters, the first value of each written the
    one way, in name order."""
    kept = {}
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in declared and name not in kept:
            kept[name] = declared[name](value)
    return urlencode(sorted(kept.items()))


def keep_only_declared(request, declared):
    """Take out of `request` what its view does not read; True if anything changed."""
    query_string = request.META.get("QUERY_STRING", "")
    kept = canonical_query(query_string, declared)
    if kept == query_string:
        return False
    request.META["QUERY_STRING"] = kept
    request.__dict__.pop("GET", None)  # parsed lazily, once: parsed again from what is kept
    return True
