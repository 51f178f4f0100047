"""The admin's "Waiting for review" entry, on the home page and in the sidebar of every page."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from embassy.pages.publishing import Status, may_publish

from ..admin import reviewed_models
from ..models import PendingChange

register = template.Library()


def waiting_count(models):
    """What waits for a publisher of `models`: content in review and submitted draft changes."""
    in_review = sum(model._default_manager.filter(status=Status.REVIEW).count() for model in models)
    types = [ContentType.objects.get_for_model(model) for model in models]
    return in_review + PendingChange.objects.submitted().filter(content_type__in=types).count()


@register.inclusion_tag("admin/review/includes/waiting_entry.html", takes_context=True)
def waiting_for_review(context, show_changelinks=False):
    request = context.get("request")
    user = getattr(request, "user", None)
    models = [m for m in reviewed_models() if user is not None and may_publish(user, m)]
    if not models:
        return {"shown": False}
    url = reverse("admin:review_waiting")
    return {
        "shown": True,
        "count": waiting_count(models),
        "url": url,
        "current": request.path == url,
        "notes_url": reverse("admin:review_reviewnote_changelist"),
        "show_changelinks": show_changelinks,
    }
