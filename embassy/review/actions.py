"""Publish and unpublish, shared by every admin of dated content.

Each object is saved, not `update()`d: its `updated_at` moves, its signals run (search vectors,
and whatever later listens for content changes) and the admin's history says who did it.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from embassy.history.recording import revision
from embassy.pages.publishing import EDITOR_STATUSES, Status, published_now_at

# A history entry's words, in the reader's language when shown (embassy/history/entries.py).
FROM_THE_LIST = {
    Status.PUBLISHED: gettext_noop("Published from the list."),
    Status.DRAFT: gettext_noop("Returned to draft from the list."),
    Status.WITHDRAWN: gettext_noop("Withdrawn from the list."),
}


def _set_status(modeladmin, request, queryset, status, verb):
    changed = 0
    # One revision for the whole action, each object in it as it is after the change.
    with transaction.atomic(), revision(request.user, FROM_THE_LIST[status]):
        # The changelist's queryset may be annotated (counts), which FOR UPDATE refuses.
        chosen = queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
        now = timezone.now()
        for obj in chosen.select_for_update().exclude(status=status):
            if status == Status.PUBLISHED and obj.status in EDITOR_STATUSES:
                # Published now means now: not when the draft was created.
                obj.publish_at = published_now_at(obj, now)
            obj.status = status
            obj.save()
            modeladmin.log_change(request, obj, [{"changed": {"fields": ["Status"]}}])
            changed += 1
    modeladmin.message_user(request, f"{changed} {verb}.", messages.SUCCESS)


# "publish": the model admin's has_publish_permission(), the model's publish_<model> permission.
# The three side by side in the list's menu: each description says what it does to the page.
@admin.action(
    description=_("Publish selected %(verbose_name_plural)s (public from their publication time)"),
    permissions=["publish"],
)
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.PUBLISHED, "published")


@admin.action(
    description=_(
        "Unpublish selected %(verbose_name_plural)s: off the site and back to Draft, for "
        "editors to change and submit again"
    ),
    permissions=["publish"],
)
def unpublish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.DRAFT, "returned to draft")


@admin.action(
    description=_(
        "Withdraw selected %(verbose_name_plural)s: off the site, kept as Withdrawn (a "
        "publisher may publish them again)"
    ),
    permissions=["publish"],
)
def withdraw(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.WITHDRAWN, "withdrawn")
