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


def preview_response(request, view_class, obj, kwargs):
    """The public page of `view_class` rendered for staff with `obj` as its object: an object
    that is not (or not yet) the row the public reads, such as a live page with its draft change
    put in. Marked and sent as a preview (the draft banner, never cached)."""

    class Preview(view_class):
        def get_object(self, queryset=None):
            return obj

        def is_preview(self):
            return True

        def public_read(self, key, read):
            return read()  # what the previewer sees is theirs alone

        def memo_generation(self, scope=None):
            return None  # nor is anything derived from it kept, or found kept

    return Preview.as_view()(request, **kwargs)
