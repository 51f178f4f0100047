from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from modeltranslation.admin import TranslationAdmin

from embassy.missions.staff import MissionStaffAdmin, OrderedWithinMission, writable_missions

from .models import SiteNotice, SiteProfile, TopTask


@admin.register(SiteProfile)
class SiteProfileAdmin(MissionStaffAdmin, TranslationAdmin):
    """One row: the list leads straight to it, and there is nothing to add or delete. The
    name, the seal's words, the address and the office hours in every language, side by side."""

    autocomplete_fields = ["seal", "accessibility_statement", "privacy_notice"]
    fieldsets = [
        (None, {"fields": ["site_name", "seal", "seal_text"]}),
        (
            "How to reach the embassy (footer and Contact page)",
            {
                "fields": [
                    "address",
                    "telephone",
                    "consular_emergency_line",
                    "office_hours",
                    "email",
                ]
            },
        ),
        (
            "The pages every footer links",
            {"fields": ["accessibility_statement", "privacy_notice"]},
        ),
    ]

    list_display = ["__str__", "mission", "site_name"]

    def has_add_permission(self, request):
        # One row per mission: while one of the user's missions has none.
        without = writable_missions(request.user).filter(profile__isnull=True)
        return super().has_add_permission(request) and without.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """The user's mission's profile (the ministry's staff of one mission: its profile);
        staff of several missions list theirs."""
        missions = list(writable_missions(request.user)[:2])
        if len(missions) != 1:
            return super().changelist_view(request, extra_context)
        profile = self.get_queryset(request).filter(mission=missions[0]).first()
        if profile is None:
            return redirect(reverse("admin:siteinfo_siteprofile_add"))
        return redirect(reverse("admin:siteinfo_siteprofile_change", args=[profile.pk]))


@admin.register(SiteNotice)
class SiteNoticeAdmin(MissionStaffAdmin, TranslationAdmin):
    """A notice shows on every page from its start to its end, with nothing to run."""

    list_display = ["message", "status", "starts_at", "ends_at"]
    list_filter = ["status"]
    search_fields = ["message"]
    date_hierarchy = "starts_at"
    fields = ["message", "link", "status", "starts_at", "ends_at"]


@admin.register(TopTask)
class TopTaskAdmin(MissionStaffAdmin, OrderedWithinMission, SortableAdminMixin, TranslationAdmin):
    """The home page's services in their order: drag a row to move it, or type its number."""

    list_display = ["title", "link", "position"]
    list_editable = ["position"]
    fields = ["title", "description", "link"]
    ordering = ["position", "pk"]
