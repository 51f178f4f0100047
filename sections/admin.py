from adminsortable2.admin import SortableAdminMixin
from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext
from modeltranslation.admin import TranslationAdmin

from embassy.history.admin import HistoryAdmin
from embassy.languages.admin import TranslationsAdmin
from embassy.media.admin import LibraryPickerMixin
from embassy.missions.staff import MissionStaffAdmin, OrderedWithinMission
from embassy.pages.dates import DatesInRangeAdmin
from embassy.pages.preview import PreviewLinkAdmin
from embassy.review.actions import publish, unpublish, withdraw
from embassy.review.admin import PublishingAdmin, StateFilter, submit_for_review
from embassy.review.draft_admin import DraftChangesAdmin

from .models import Article, Section
from .richtext import RichTextField, sanitize
from .views import ArticleView


class ReportsSanitizing:
    """After a save, staff are told what the sanitizer removed from each rich-text field (the
    editor makes only what is allowed, so this is pasted HTML or an old body); never silently."""

    def save_model(self, request, obj, form, change):
        removed = []
        for field in obj._meta.fields:
            # The form's value is what the browser sent; the model's is already sanitized.
            if isinstance(field, RichTextField) and field.name in form.cleaned_data:
                _cleaned, what = sanitize(form.cleaned_data[field.name])
                if what:
                    removed.append((field.verbose_name, what))
        super().save_model(request, obj, form, change)
        for name, what in removed:
            messages.warning(
                request,
                format_html(
                    "Removed from the {} when saving, as the site does not publish it: {}. "
                    "Everything else was saved.",
                    name,
                    "; ".join(what),
                ),
            )


class SectionForm(forms.ModelForm):
    """A sub-section is under a section of its own mission: another mission's menu is not
    its menu. The admin offers only those; a parent chosen with another mission is an error."""

    # The mission the section is in, or goes in without being asked (SectionAdmin.get_form);
    # None when the form asks for it.
    kept_mission_id = None

    def clean(self):
        cleaned = super().clean()
        parent, mission = cleaned.get("parent"), cleaned.get("mission")
        mission_id = mission.pk if mission is not None else self.kept_mission_id
        if parent is not None and mission_id is not None and parent.mission_id != mission_id:
            self.add_error("parent", gettext("Choose a section of this section's own mission."))
        return cleaned


@admin.register(Section)
class SectionAdmin(
    MissionStaffAdmin,
    OrderedWithinMission,
    SortableAdminMixin,
    ReportsSanitizing,
    LibraryPickerMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    """The title and intro in every language the site offers, side by side; the menu in its
    order: drag a row to move it, or type its number (keyboard)."""

    list_display = ["title", "menu_group", "position", "parent", "show_in_menu"]
    list_editable = ["position", "show_in_menu"]
    list_filter = ["menu_group", "show_in_menu"]
    list_select_related = ["parent"]
    search_fields = ["title", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    # django-admin-sortable2 reorders by the first ordering field.
    ordering = ["position", "title"]
    form = SectionForm

    def get_form(self, request, obj=None, *args, **kwargs):
        form = super().get_form(request, obj, *args, **kwargs)
        mission_id = obj.mission_id if obj is not None else self._the_one_mission(request)
        if mission_id is None or "parent" not in form.base_fields:
            return form
        # The class is this request's own (modelform_factory), its fields too.
        parents = form.base_fields["parent"].queryset.filter(mission_id=mission_id)
        if obj is not None:
            parents = parents.exclude(pk=obj.pk)  # not its own parent
        form.base_fields["parent"].queryset = parents
        form.kept_mission_id = mission_id
        return form


@admin.register(Article)
class ArticleAdmin(
    MissionStaffAdmin,
    TranslationsAdmin,
    PreviewLinkAdmin,
    ReportsSanitizing,
    LibraryPickerMixin,
    DraftChangesAdmin,
    PublishingAdmin,
    DatesInRangeAdmin,
    HistoryAdmin,
):
    """An edit of a live article waits for review as a draft change (embassy/review/)."""

    list_display = ["title", "section", "state", "publish_at", "languages"]
    list_filter = [StateFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    autocomplete_fields = ["lead_image"]
    ordering = ["section__menu_group", "section__position", "-publish_at"]
    actions = [submit_for_review, publish, unpublish, withdraw]
    preview_view = ArticleView

    def preview_kwargs(self, article):
        return {"section_slug": article.section.slug, "slug": article.slug}
