"""The staff sign-in's own pages."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse

# 429 Too Many Requests: the client may try again later, and monitoring can tell it from a 403.
LOCKED_OUT_STATUS = 429


def locked_out(request, original_response, credentials):
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE), as an admin page."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**admin.site.each_context(request), "title": "Signing in is paused"}
    context["cooloff_minutes"] = minutes
    response = TemplateResponse(
        request, "signin/locked_out.html", context, status=LOCKED_OUT_STATUS
    )
    response["Retry-After"] = str(minutes * 60)
    return response.render()
