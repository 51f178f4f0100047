"""Staff's view of a piece's languages: which versions exist, which are missing, which are out of
date, and "Create translation as draft" for a missing one.

`TranslationsAdmin` is a ModelAdmin mixin for a Translatable model (an article, a briefing). The
model makes the draft itself (`draft_translation(language)`), since only it knows what a copy
holds (a briefing's exchanges). The change list reads every row's versions in one query.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from embassy.history.entries import said
from embassy.history.recording import revision

from .models import language_name


def attach_versions(objects):
    """Give each object `prefetched_versions` (every version of it, oldest first): one query."""
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects}
    by_key = {}
    versions = (
        model._default_manager.filter(translation_key__in=keys)
        .order_by("created_at", "pk")
        .only("pk", "title", "language", "translation_key", "created_at", "updated_at")
    )
    for version in versions:
        by_key.setdefault(version.translation_key, []).append(version)
    for obj in objects:
        obj.prefetched_versions = by_key.get(obj.translation_key, [obj])
    return objects


class VersionsChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = attach_versions(self.result_list)


class OneVersionPerLanguageForm(forms.ModelForm):
    """A version may not take the language of another version of the same piece (the database
    refuses it; said here as a form error)."""

    def clean_language(self):
        # Not posted (a form saved by a script): the version keeps its language.
        language = self.cleaned_data.get("language") or self.instance.language
        instance = self.instance
        if instance.pk and language != instance.language:  # unchanged: nothing to ask
            taken = instance.rival_versions().filter(language=language).exclude(pk=instance.pk)
            taken = taken.first()
            if taken is not None:
                raise forms.ValidationError(
                    _("“%(title)s” is already the %(language)s version.")
                    % {"title": taken.title, "language": language_name(language)}
                )
        return language


def admin_language(request):
    """The site language the admin is shown in, or None when it is not one of the site's."""
    code = getattr(request, "LANGUAGE_CODE", None)
    return code if code in dict(settings.LANGUAGES) else None


class TranslationsAdmin:
    """ModelAdmin mixin: a Languages column on the list, the versions on the change page (with
    links), and "Create translation as draft" for each missing language."""

    def get_changelist(self, request, **kwargs):
        return VersionsChangeList

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (OneVersionPerLanguageForm, form), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.ChoiceField(
                label=_("Language"),
                choices=settings.LANGUAGES,
                required=False,
                # A new page is in the language the admin is used in (/vi/admin/: Vietnamese).
                initial=admin_language(request) or db_field.get_default(),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translation_overview"]

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.create_translation_view),
                name=f"{opts.app_label}_{opts.model_name}_translate",
            ),
            *super().get_urls(),
        ]

    # --- what staff see -------------------------------------------------------------------

    def change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def translate_url(self, obj, language):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language]
        )

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, obj):
        """On the list: each language with its state, each version linked to its change page."""
        parts = []
        for code, name, state, version in obj.translation_states(obj.prefetched_versions):
            label = f"{name}: {state.label}"
            if version is None:
                parts.append(format_html('<span class="translation-missing">{}</span>', label))
            elif version.pk == obj.pk:
                parts.append(format_html("<strong>{}</strong>", label))
            else:
                parts.append(
                    format_html(
                        '<a href="{}" class="translation-{}" lang="{}">{}</a>',
                        self.change_url(version),
                        state.value,
                        code,
                        label,
                    )
                )
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    @admin.display(description=gettext_lazy("versions in each language"))
    def translation_overview(self, obj):
        """On the change page: the same, with the public page and a create link per missing
        language (for staff who may add)."""
        if obj is None or obj.pk is None:
            return _("Save it first; then its translations can be created from here.")
        may_add = getattr(obj, "may_add_translation", False)
        owner = getattr(obj, "translations_owner_id", obj.owner_id)
        rows = []
        for code, name, state, version in obj.translation_states(obj.versions_for(owner)):
            if version is None:
                action = (
                    format_html(
                        '<a class="button" href="{}">{}</a>',
                        self.translate_url(obj, code),
                        _("Create translation as draft"),
                    )
                    if may_add
                    else ""
                )
                rows.append((name, state.label, "", action))
                continue
            if version.pk == obj.pk:
                shown = format_html("<strong>{}</strong>", _("this one"))
            else:
                shown = format_html(
                    '<a href="{}" lang="{}">{}</a>', self.change_url(version), code, version.title
                )
            public = format_html('<a href="{}">{}</a>', version.get_absolute_url(), _("its page"))
            if may_add and version.owner_id != owner:
                # The ministry's version: a mission may make its own, shown instead on its site.
                public = format_html(
                    '{} <a class="button" href="{}">{}</a>',
                    public,
                    self.translate_url(obj, code),
                    _("Create your mission's own translation"),
                )
            rows.append((name, state.label, shown, public))
        body = format_html_join(
            "", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        )
        return format_html(
            '<table class="translation-overview"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col"></th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Language"),
            _("State"),
            _("Version"),
            body,
        )

    def translation_owner(self, request, obj):
        """Whose the translations `request`'s user makes of `obj` are (its owner_field's id):
        the original's owner's."""
        return obj.owner_id

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The change page's read-only field is given the object only: what this request's
            # user may do travels on it (the admin itself is shared between requests).
            obj.may_add_translation = self.has_add_permission(request)
            obj.translations_owner_id = self.translation_owner(request, obj)
        return obj

    # --- creating one ---------------------------------------------------------------------

    def create_translation_view(self, request, object_id, language):
        original = self.get_object(request, object_id)
        if original is None:
            raise Http404("No such object.")
        if not (self.has_add_permission(request) and self.has_view_permission(request, original)):
            raise PermissionDenied
        if language not in dict(settings.LANGUAGES):
            raise Http404("The site does not offer that language.")
        owner = self.translation_owner(request, original)
        # The owner's own version in that language, if any: another owner's is no hindrance.
        existing = next(
            (
                version
                for version in original.versions_for(owner)
                if version.language == language and version.owner_id == owner
            ),
            None,
        )
        if existing is not None:
            messages.info(
                request,
                _("The %(language)s version exists already.")
                % {"language": language_name(language)},
            )
            return redirect(self.change_url(existing))
        if request.method == "POST":
            name = language_name(language)
            with (
                transaction.atomic(),
                revision(
                    request.user,
                    said(
                        gettext_noop(
                            "Created as the %(language)s translation of “%(title)s” (a draft)."
                        ),
                        language=name,
                        title=original.title,
                    ),
                ),
            ):
                owned_by = {f"{original.owner_field}_id": owner} if original.owner_field else {}
                draft = original.draft_translation(language, **owned_by)
                self.log_addition(request, draft, [{"added": {}}])
            messages.success(
                request,
                _(
                    "The %(language)s translation was created as a draft from “%(title)s”: "
                    "translate it here, then submit or publish it."
                )
                % {"language": name, "title": original.title},
            )
            if self.has_change_permission(request, draft):
                return redirect(self.change_url(draft))
            return redirect(self.change_url(original))
        opts = self.model._meta
        return TemplateResponse(
            request,
            "admin/languages/create_translation.html",
            {
                **self.admin_site.each_context(request),
                "opts": opts,
                "app_label": opts.app_label,
                "original": original,
                "language": language,
                "language_name": language_name(language),
                "has_view_permission": self.has_view_permission(request),
                "title": _("Create translation as draft"),
            },
        )
