"""The admin's "Waiting for review" entry, on the home page and in the sidebar of every page."""

import operator
from functools import reduce

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from embassy.missions.staff import changeable, is_ministry_staff
from embassy.pages.publishing import Status, may_publish

from ..admin import reviewed_models
from ..models import PendingChange

register = template.Library()


def waiting_count(models, user):
    """What waits for a publisher of `models` (of `user`'s missions, for a mission's staff):
    content in review and submitted draft changes."""
    theirs = {model: changeable(model._default_manager.all(), user) for model in models}
    in_review = sum(rows.filter(status=Status.REVIEW).count() for rows in theirs.values())
    types = {model: ContentType.objects.get_for_model(model) for model in models}
    if is_ministry_staff(user):
        changes = Q(content_type__in=types.values())
    else:
        changes = reduce(
            operator.or_,
            (
                Q(content_type=types[model], object_id__in=rows.values("pk"))
                for model, rows in theirs.items()
            ),
        )
    return in_review + PendingChange.objects.submitted().filter(changes).count()


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
        "count": waiting_count(models, user),
        "url": url,
        "current": request.path == url,
        "notes_url": reverse("admin:review_reviewnote_changelist"),
        "show_changelinks": show_changelinks,
    }
