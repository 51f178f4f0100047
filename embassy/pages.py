"""Content pages and the two actions every one of them has: print/ and suggest/.

A content page is a section, an article, a briefing or an exchange. Its print version lives at
its URL + "print/" and its "Suggest to a friend" page at its URL + "suggest/". Both routes are
declared once, here, by `content_page_urls()`, so no page can forget one.
"""

from django.urls import path
from django.views.generic import DetailView


class ContentPageView(DetailView):
    """A public page about one object.

    Visitors see published objects only; staff who may view the model also see drafts, which the
    template marks with a banner. The print route renders `<app>/<model>_print.html` instead of
    `<app>/<model>_detail.html` from the same context, so page and print never disagree.
    Subclasses narrow `get_queryset()` (by date, by parent) and always call super() first.
    """

    printable = False
    public_only = False  # set by page_object(): the suggest page never mails a draft

    def setup(self, request, *args, **kwargs):
        self.printable = kwargs.pop("printable", False)
        super().setup(request, *args, **kwargs)
        if self.printable:
            self.template_name_suffix = "_print"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.public_only:
            return queryset.published()
        return queryset.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["printable"] = self.printable
        context["page_urls"] = page_action_urls(self.request.path)
        return context


def page_object(view, request, **kwargs):
    """The published object behind a content page's URL, as a visitor sees it, or Http404."""
    page = view.view_class(public_only=True)
    page.setup(request, **kwargs)
    return page.get_object()


def page_action_urls(path_):
    """The print and suggest addresses of the page at `path_` (itself possibly one of them)."""
    for suffix in ("print/", "suggest/"):
        if path_.endswith("/" + suffix):
            path_ = path_[: -len(suffix)]
            break
    return {"page": path_, "print": path_ + "print/", "suggest": path_ + "suggest/"}


def content_page_urls(route, view, name):
    """The page at `route`, its print version and its "Suggest to a friend" page."""
    # Imported here: the suggest page imports models, and urls are loaded before them.
    from embassy.suggesting.views import suggest_view

    return [
        path(route, view, name=name),
        path(route + "print/", view, {"printable": True}, name=f"{name}-print"),
        path(route + "suggest/", suggest_view, {"page_view": view}, name=f"{name}-suggest"),
    ]
