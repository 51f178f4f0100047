"""Publish and unpublish, shared by every admin of dated content."""

from django.contrib import admin, messages

from embassy.publishing import Status


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["change"])
def publish(modeladmin, request, queryset):
    count = queryset.update(status=Status.PUBLISHED)
    modeladmin.message_user(request, f"{count} published.", messages.SUCCESS)


@admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    count = queryset.update(status=Status.DRAFT)
    modeladmin.message_user(request, f"{count} returned to draft.", messages.SUCCESS)
