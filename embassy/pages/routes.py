"""Every content page has two siblings: its print version and its "Suggest to a friend" page.

A content page is a section, an article, a briefing or an exchange. Its print version lives at
its URL + "print/" and its "Suggest to a friend" page at its URL + "suggest/". Both routes are
declared once, here, by `content_page_urls()`, so no page can forget one.
"""

from django.urls import path

from embassy.suggesting.views import suggest_view

PRINT, SUGGEST = "print/", "suggest/"


def content_page_urls(route, view, name):
    """The page at `route`, its print version and its "Suggest to a friend" page."""
    return [
        path(route, view, name=name),
        path(route + PRINT, view, {"printable": True}, name=f"{name}-print"),
        path(route + SUGGEST, suggest_view, {"page_view": view}, name=f"{name}-suggest"),
    ]


def page_action_urls(path_):
    """The print and suggest addresses of the page at `path_` (itself possibly one of them)."""
    for suffix in (PRINT, SUGGEST):
        if path_.endswith("/" + suffix):
            path_ = path_[: -len(suffix)]
            break
    return {"page": path_, "print": path_ + PRINT, "suggest": path_ + SUGGEST}
