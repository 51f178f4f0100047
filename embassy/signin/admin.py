"""Users in the admin gain two superuser actions: sign out everywhere, reset the second factor."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from . import second_factor, sessions

User = get_user_model()


@admin.action(description="Sign out everywhere (end all their sessions)", permissions=["manage"])
def sign_out_everywhere(modeladmin, request, queryset):
    ended = sessions.end_sessions_of(queryset.values_list("pk", flat=True))
    modeladmin.message_user(request, f"{ended} session(s) ended.", messages.SUCCESS)


@admin.action(
    description="Reset the second factor (they set up a new app, and are signed out)",
    permissions=["manage"],
)
def reset_second_factor(modeladmin, request, queryset):
    users = list(queryset)
    for user in users:
        second_factor.reset(user)
    ended = sessions.end_sessions_of(user.pk for user in users)
    modeladmin.message_user(
        request,
        f"Second factor reset for {len(users)} user(s); {ended} session(s) ended.",
        messages.SUCCESS,
    )


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = [sign_out_everywhere, reset_second_factor]

    def has_manage_permission(self, request):
        # Ending someone's sessions or second factor is an administrator's call, not an editor's.
        return request.user.is_superuser
