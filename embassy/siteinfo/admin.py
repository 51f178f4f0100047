from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    """One row: the list leads straight to it, and there is nothing to add or delete."""

    autocomplete_fields = ["seal"]
    fieldsets = [
        (None, {"fields": ["seal"]}),
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
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        profile = SiteProfile.objects.first()
        if profile is None:
            return redirect(reverse("admin:siteinfo_siteprofile_add"))
        return redirect(reverse("admin:siteinfo_siteprofile_change", args=[profile.pk]))
