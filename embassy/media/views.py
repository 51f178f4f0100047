"""A document's public address: /documents/<id>/, whatever file it holds today."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Document


@require_safe
def document_download(request, pk):
    document = get_object_or_404(Document, pk=pk)
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
    return response
