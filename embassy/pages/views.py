"""The view behind every content page and its print version."""

from django.views.generic import DetailView

from .routes import page_action_urls


class ContentPageView(DetailView):
    """A public page about one object.

    Visitors see published objects only; staff who may view the model also see drafts, which the
    template marks with a banner. The print route renders `<app>/<model>_print.html` instead of
    `<app>/<model>_detail.html` from the same context, so page and print never disagree.
    Subclasses narrow `get_queryset()` (by date, by parent) and always call super() first.
    """

    printable = False
    public_only = False  # the suggest page sets it: a draft is never mailed

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
