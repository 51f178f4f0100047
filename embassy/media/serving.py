"""Local image files served by the app itself, for development (SERVE_MEDIA, on by default
outside production). Only images/: a document is always fetched through its own address,
which sets its type and a safe Content-Disposition."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve


def serve_media(request, path):
    # MEDIA_ROOT read per request, not once at import, so that it can be moved (tests do).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_file_urls():
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(
            rf"^{prefix}(?P<path>images/.+)$",
            serve_media,
            name="media-file",
        )
    ]
