"""The missions in the admin, for the ministry's administrators: each with its host names and
its staff, and "Add mission", which founds one as `manage.py add_mission` does (founding.py)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from embassy.missions.models import Kind, Mission, MissionHost, StaffMember, normal_host
from embassy.missions.staff import is_ministry_staff

from .founding import check_hosts, found_mission


def host_names(value):
    return [normal_host(name) for name in value.replace(",", " ").split() if name.strip()]


class FoundingForm(forms.Form):
    """What `add_mission` asks: its host names, name, languages, kind and the menu to copy."""

    host = forms.CharField(
        label=gettext_lazy("Host name"),
        max_length=253,
        help_text=gettext_lazy('Its canonical address, without "https://": "hcmc.example.gov".'),
    )
    aliases = forms.CharField(
        label=gettext_lazy("Other host names"),
        required=False,
        help_text=gettext_lazy("Optional, separated by spaces or commas: they redirect to it."),
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        help_text=gettext_lazy("As its header shows it, in each of its languages until changed."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    default_language = forms.ChoiceField(
        label=gettext_lazy("Default language"),
        choices=[("", gettext_lazy("The first of its languages")), *settings.LANGUAGES],
        required=False,
    )
    slug = forms.SlugField(
        label=gettext_lazy("Short name"),
        required=False,
        help_text=gettext_lazy("For staff and commands; the host's first label when empty."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    template = forms.ModelChoiceField(
        label=gettext_lazy("Menu copied from"),
        queryset=Mission.objects.all(),
        required=False,
        empty_label=gettext_lazy("The home mission"),
    )

    def clean_host(self):
        host = normal_host(self.cleaned_data["host"])
        check_hosts([host])
        return host

    def clean_aliases(self):
        aliases = host_names(self.cleaned_data["aliases"])
        check_hosts(aliases)
        return aliases

    def found(self):
        """The new mission; a refusal of found_mission() becomes the form's error."""
        data = self.cleaned_data
        try:
            return found_mission(
                host=data["host"],
                aliases=data["aliases"],
                name=data["name"],
                languages=data["languages"],
                default_language=data["default_language"] or None,
                slug=data["slug"] or None,
                kind=data["kind"],
                template=data["template"],
            )
        except ValidationError as error:
            self.add_error(None, error)
            return None


class LabelledColumns:
    """A tabular inline whose inputs are named by their column: Django heads each column with
    the field's label but labels no cell's input, so a screen reader reads an input without a
    name (axe: "label")."""

    def get_formset(self, request, obj=None, **kwargs):
        return labelled_columns(super().get_formset(request, obj, **kwargs))


def labelled_columns(formset):
    """`formset` with each row's inputs (its "Delete" box too) named by their column's label."""

    class Labelled(formset):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            for field in form.fields.values():  # the row's own copies
                if not field.widget.is_hidden:
                    field.widget.attrs.setdefault("aria-label", str(field.label))

    Labelled.__name__ = formset.__name__
    return Labelled


class HostInline(LabelledColumns, admin.TabularInline):
    model = MissionHost
    extra = 0


class StaffInline(LabelledColumns, admin.TabularInline):
    """Who works for the mission: in the admin they see and change its content only."""

    model = StaffMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "languages", "default_language", "canonical_host"]
    search_fields = ["slug", "hosts__host"]
    inlines = [HostInline, StaffInline]
    founding_template = "admin/founding/add_mission.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("hosts")

    @admin.display(description=gettext_lazy("host name"))
    def canonical_host(self, mission):
        return next((h.host for h in mission.hosts.all() if h.is_canonical), "")

    # The ministry's administrators alone: a mission's staff never see the others.

    def has_module_permission(self, request):
        return is_ministry_staff(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_ministry_staff(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_ministry_staff(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return is_ministry_staff(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        # A mission's sections and briefings are protected: a mission is closed, not deleted.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Found a mission: hosts, name, languages, an empty profile and a copied menu."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = FoundingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            founded = form.found()
            if founded is not None:
                messages.success(
                    request,
                    _(
                        "Mission %(mission)s founded with %(sections)d sections of its menu. "
                        "Fill in its contact details, and add its host name to ALLOWED_HOSTS."
                    )
                    % {"mission": founded.mission, "sections": founded.sections},
                )
                return redirect("admin:missions_mission_change", founded.mission.pk)
        fields = list(form.fields)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Add mission"),
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": fields})], {}),
            "media": self.media + form.media,
            **(extra_context or {}),
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, self.founding_template, context, status=status)
