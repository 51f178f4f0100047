"""Users in the admin gain two superuser actions: sign out everywhere, reset the second factor."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from . import invitations, second_factor, sessions

User = get_user_model()


@admin.action(description="Sign out everywhere (end all their sessions)", permissions=["manage"])
def sign_out_everywhere(modeladmin, request, queryset):
    ended = sessions.end_sessions_of(queryset.values_list("pk", flat=True))
    modeladmin.message_user(request, f"{ended} session(s) ended.", messages.SUCCESS)


@admin.action(
    description="Reset the second factor (they are signed out and mailed a new invitation)",
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
    invite(modeladmin, request, users)


@admin.action(
    description="Send the second-factor invitation (again: an older link stops working)",
    permissions=["manage"],
)
def send_invitation(modeladmin, request, queryset):
    invite(modeladmin, request, queryset)


def invite(modeladmin, request, users):
    sent = []
    for user in users:
        if second_factor.has_app(user):
            modeladmin.message_user(
                request,
                f"{user.get_username()} has a second factor already: reset it first.",
                messages.WARNING,
            )
            continue
        try:
            invitations.send(user)
        except invitations.CannotInvite as refusal:
            modeladmin.message_user(request, str(refusal), messages.ERROR)
        else:
            sent.append(user.email)
    if sent:
        modeladmin.message_user(request, f"Invitation sent to {', '.join(sent)}.", messages.SUCCESS)


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = [sign_out_everywhere, reset_second_factor, send_invitation]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new member of staff is invited at once, when the admin knows where to write.
        invited = invitations.Invitation.objects.filter(user=obj).exists()
        if (
            settings.STAFF_REQUIRE_SECOND_FACTOR
            and obj.is_staff
            and obj.email
            and not invited
            and not second_factor.has_app(obj)
        ):
            # After the commit: a mail must not point at an invitation that was rolled back.
            transaction.on_commit(lambda: invite(self, request, [obj]))

    def has_manage_permission(self, request):
        # Ending someone's sessions or second factor is an administrator's call, not an editor's.
        return request.user.is_superuser
