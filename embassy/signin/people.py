"""The staff as the admin shows them: each with a role (Editor or Publisher, the groups of
embassy/review/roles.py) and whether their second factor is set up; a colleague added on one
page, staff from the start, in their role."""

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from embassy.review.roles import EDITOR, PUBLISHER

# The groups' names as the admin says them, in the admin's language.
ROLE_NAMES = {EDITOR: _("Editor"), PUBLISHER: _("Publisher")}
ROLE_CHOICES = [
    (EDITOR, _("Editor: writes and imports drafts, sends them for review")),
    (PUBLISHER, _("Publisher: also publishes, schedules, withdraws and deletes")),
]


class StaffCreationForm(AdminUserCreationForm):
    """Name, email and role beside the sign-in name and password Django asks for."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Where review notices and the password reset are sent."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    class Meta(AdminUserCreationForm.Meta):
        fields = ["username", "first_name", "last_name", "email"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_staff = True
        if commit:
            user.save()
            self.save_m2m()
        return user

    def _save_m2m(self):
        super()._save_m2m()
        # The role replaces any other: an Editor made a Publisher is not both.
        roles = Group.objects.filter(name__in=[name for name, _label in ROLE_CHOICES])
        self.instance.groups.remove(*roles)
        self.instance.groups.add(Group.objects.get(name=self.cleaned_data["role"]))


def roles_of(user):
    """The roles of `user` as the admin names them, from the prefetched groups."""
    return [ROLE_NAMES[group.name] for group in user.groups.all() if group.name in ROLE_NAMES]
