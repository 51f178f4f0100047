"""Users in the admin: a colleague added on one page with their role; the list says each one's
role and whether their second factor is set up; two superuser actions, sign out everywhere and
reset the second factor (each written in the user's history)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import invitations, second_factor, sessions
from .people import ROLE_NAMES, StaffCreationForm, roles_of

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
        modeladmin.log_change(request, user, "Reset the second factor and ended their sessions.")
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

    add_form = StaffCreationForm
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["first_name", "last_name", "email", "role", "username"],
            },
        ),
        (
            _("Password"),
            {"classes": ["wide"], "fields": ["usable_password", "password1", "password2"]},
        ),
    ]
    list_display = ["username", "full_name", "email", "role", "has_second_factor", "is_staff"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    def get_queryset(self, request):
        app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .annotate(app_set_up=Exists(app))
            .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        )

    @admin.display(description=_("name"), ordering="first_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("role"))
    def role(self, user):
        return ", ".join(str(name) for name in roles_of(user)) or (
            _("Administrator") if user.is_superuser else "—"
        )

    @admin.display(description=_("second factor"), boolean=True, ordering="app_set_up")
    def has_second_factor(self, user):
        return user.app_set_up

    def has_manage_permission(self, request):
        # Ending someone's sessions or second factor is an administrator's call, not an editor's.
        return request.user.is_superuser


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The groups, the roles among them named in the admin's language (a group's name is data,
    the role's the site's: "Editor" is 编辑 under /zh-hans/admin/)."""

    list_display = ["shown_name"]

    @admin.display(description=pgettext_lazy("group", "name"), ordering="name")
    def shown_name(self, group):
        return ROLE_NAMES.get(group.name, group.name)
