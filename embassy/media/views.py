"""A document's address, /documents/<key>/, whatever file it holds today; the public reach it
only once a page they may see shows it. Staff who may view the library always do.

The numbered addresses documents had before their key (/documents/<id>/) redirect to it, for
whoever may see the document: rich text and recordings saved then link them.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .models import Document
from .usage import shown_publicly


def staff_may_see(user):
    return user.is_active and user.is_staff and user.has_perm("media.view_document")


def visible_document(request, **lookup):
    """The document, and whether it is public; 404 to a reader it is not yet shown to (a
    403 would say that something is there)."""
    document = get_object_or_404(Document, **lookup)
    public = shown_publicly(document)
    if not public and not staff_may_see(request.user):
        raise Http404("No document here.")
    return document, public


@require_safe
def document_download(request, key):
    document, public = visible_document(request, key=key)
    kind = document.kind_facts
    response = FileResponse(
        document.file.open("rb"),
        content_type=kind.content_type,
        # A PDF or a recording opens in the browser; office files are saved. Django writes the
        # name safely (quoted, and RFC 5987 for names outside ASCII).
        as_attachment=not kind.inline,
        filename=document.download_name,
    )
    # Nothing in an uploaded file may run as this site, even when opened inline.
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        # Served to staff only: no shared cache may keep it for the next reader.
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def numbered_document(request, pk):
    document, public = visible_document(request, pk=pk)
    return redirect(document.get_absolute_url(), permanent=public)
