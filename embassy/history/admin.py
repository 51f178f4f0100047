"""What every admin of versioned content shares: its history, comparisons, restoring, and a
change form that refuses a stale save."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.admin import VersionAdmin

from .comparing import comparison, versions_of
from .concurrency import TOKEN_FIELD, with_version_token
from .restoring import RestoreRefused, restore


class HistoryAdmin(VersionAdmin):
    """An admin whose every save (form, inline, list edit) is recorded as a revision, with a
    history page that compares any two revisions and restores one."""

    # reversion's own list template would hide the model's (the briefings' "Import transcript").
    change_list_template = None
    object_history_template = "admin/history/object_history.html"
    history_latest_first = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_version_token = any(f.name == "updated_at" for f in self.model._meta.fields)
        if self.has_version_token:
            self.form = with_version_token(self.form)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_version_token or obj is None:
            return fieldsets
        names = [name for _, options in fieldsets for name in options.get("fields", ())]
        if TOKEN_FIELD in names:
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": [*options["fields"], TOKEN_FIELD]}), *rest]

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{info}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def _context(self, request, obj, title, **extra):
        opts = self.model._meta
        return {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "object": obj,
            "title": title,
            "change_url": self._url("change", obj.pk),
            "history_url": self._url("history", obj.pk),
            "has_view_permission": self.has_view_permission(request, obj),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(versions_of(obj))
        may_restore = self.has_change_permission(request, obj)
        rows = []
        for i, version in enumerate(versions):
            previous = versions[i + 1] if i + 1 < len(versions) else None
            rows.append(
                {
                    "version": version,
                    "is_current": i == 0,
                    "compare_url": (
                        f"{self._url('compare', obj.pk)}?old={previous.pk}&new={version.pk}"
                        if previous
                        else ""
                    ),
                    "restore_url": (
                        self._url("restore", obj.pk, version.pk) if may_restore and i else ""
                    ),
                }
            )
        context = self._context(
            request,
            obj,
            f"History: {obj}",
            rows=rows,
            compare_url=self._url("compare", obj.pk),
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def _version(self, obj, version_id):
        return get_object_or_404(versions_of(obj), pk=version_id)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        try:
            old_id, new_id = int(request.GET.get("old", "")), int(request.GET.get("new", ""))
        except ValueError:
            messages.error(request, "Choose two revisions to compare.")
            return redirect(self._url("history", obj.pk))
        old, new = self._version(obj, old_id), self._version(obj, new_id)
        if old.pk > new.pk:
            old, new = new, old  # always earlier → later, whichever was ticked first
        context = self._context(
            request,
            obj,
            f"Compare: {obj}",
            old=old,
            new=new,
            comparison=comparison(old, new),
            restore_url=(
                self._url("restore", obj.pk, old.pk)
                if self.has_change_permission(request, obj)
                else ""
            ),
        )
        return TemplateResponse(request, "admin/history/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = self._version(obj, version_id)
        if request.method == "POST":
            try:
                restored = restore(version, request.user)
            except RestoreRefused as refusal:
                messages.error(request, f"This revision cannot be restored: {refusal}")
                return redirect(self._url("history", obj.pk))
            messages.success(
                request,
                f"Restored “{restored}” as it was on that revision; this is now its newest "
                "revision, and the history keeps every other one.",
            )
            return redirect(self._url("change", restored.pk))
        latest = versions_of(obj).first()
        context = self._context(
            request,
            obj,
            f"Restore: {obj}",
            version=version,
            comparison=comparison(latest, version) if latest else None,
        )
        return TemplateResponse(request, "admin/history/restore_confirm.html", context)
