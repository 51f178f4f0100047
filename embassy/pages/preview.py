"""A "Preview" link on the change page of anything the public cannot see yet."""


class PreviewLinkAdmin:
    """ModelAdmin mixin for publishable models: a draft (or a page not yet due) gets a
    "Preview" link to its own public address, where staff who may preview see it as it will
    look, under the "Draft" banner (templates/admin/change_form_object_tools.html)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        # Only to show the page: a save costs no extra query (and redirects anyway).
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        if obj is not None:
            public = type(obj)._default_manager.published()
            if not public.filter(pk=obj.pk).exists():
                extra_context["preview_url"] = obj.get_absolute_url()
        return super().change_view(request, object_id, form_url, extra_context)
