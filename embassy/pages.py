"""Content pages and the two actions every one of them has: print/ and suggest/.

A content page is a section, an article, a briefing or an exchange. Its print version lives at
its URL + "print/" and its "Suggest to a friend" page at its URL + "suggest/". Both routes are
declared once, here, by `content_page_urls()`, so no page can forget one.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.urls import path
from django.views.generic import DetailView

PAGE_SIZE = 20


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
        # Printed on paper so that it can be traced back to the page it came from.
        context["page_address"] = self.request.build_absolute_uri(context["page_urls"]["page"])
        context["is_preview"] = self.is_preview()
        return context

    def is_preview(self):
        """Whether a member of staff is looking at something the public cannot see (yet)."""
        user = self.request.user
        if self.public_only or not (user.is_authenticated and user.is_staff):
            return False
        public = self.model._default_manager.published()
        return not public.filter(pk=self.object.pk).exists()


def page_object(view, request, **kwargs):
    """The published object behind a content page's URL, as a visitor sees it, or Http404."""
    page = view.view_class(public_only=True)
    page.setup(request, **kwargs)
    return page.get_object()


def moved_page_address(view, request, **kwargs):
    """Where the page at a stale address lives now (a briefing whose slug changed), or None."""
    page = view.view_class()
    page.setup(request, **kwargs)
    moved_address = getattr(page, "moved_address", None)
    return moved_address(request) if moved_address else None


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
