"""What every admin of versioned content shares: its history, comparisons, restoring, and a
change form that refuses a stale save."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Prefetch, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import get_registered_models, is_active, set_comment

from embassy.missions import staff
from embassy.pages.publishing import EDITOR_STATUSES, may_publish

from .comparing import comparison, versions_of
from .concurrency import TOKEN_FIELD, with_version_token
from .entries import in_words
from .models import Change, Correction
from .restoring import KEPT_ON_RESTORE, RestoreRefused, restore


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
            path(
                "<path:object_id>/history/<int:version_id>/correction/",
                view(self.correction_view),
                name=f"{info}_correction",
            ),
            *super().get_urls(),
        ]

    def construct_change_message(self, request, form, formsets, add=False):
        """The admin's words for a save, which become the revision's "What": without the
        version token, which is bookkeeping (a second save after a refused one moves it)."""
        message = super().construct_change_message(request, form, formsets, add)
        kept = []
        for entry in message:
            changed = entry.get("changed")
            if changed and "fields" in changed and "name" not in changed:
                fields = [name for name in changed["fields"] if name != TOKEN_FIELD]
                if not fields:
                    continue
                entry = {"changed": {**changed, "fields": fields}}
            kept.append(entry)
        return kept

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._keep_words(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._keep_words(entry)
        return entry

    def _keep_words(self, entry):
        # reversion keeps the entry's English sentence; its message is kept instead, worded in
        # each reader's language when shown (entries.py).
        if entry is not None and is_active() and entry.change_message:
            set_comment(entry.change_message)

    def may_restore(self, request, obj):
        """Whether `request`'s user may put an earlier revision of `obj` back."""
        return self.has_change_permission(request, obj)

    def restore_context(self, request, obj):
        """More for the restore confirmation of `obj` (a draft change's choice)."""
        return {}

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
        may_restore = self.may_restore(request, obj)
        may_correct = may_publish(request.user, self.model)
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
                    "correction_url": (
                        self._url("correction", obj.pk, version.pk) if may_correct else ""
                    ),
                }
            )
        context = self._context(
            request,
            obj,
            _("History: %(object)s") % {"object": obj},
            rows=rows,
            corrections=Correction.objects.about(obj),
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
            new = self._version(obj, int(request.GET.get("new", "")))
            # Without "old": the revision just before (what this change changed).
            old_id = request.GET.get("old")
            old = (
                self._version(obj, int(old_id))
                if old_id
                else versions_of(obj).filter(pk__lt=new.pk).first()
            )
        except ValueError:
            old = None
        if old is None:
            messages.error(request, _("Choose two revisions to compare."))
            return redirect(self._url("history", obj.pk))
        if old.pk > new.pk:
            old, new = new, old  # always earlier → later, whichever was ticked first
        context = self._context(
            request,
            obj,
            _("Compare: %(object)s") % {"object": obj},
            old=old,
            new=new,
            comparison=comparison(old, new),
            restore_url=(
                self._url("restore", obj.pk, old.pk) if self.may_restore(request, obj) else ""
            ),
        )
        return TemplateResponse(request, "admin/history/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.may_restore(request, obj):
            raise PermissionDenied
        version = self._version(obj, version_id)
        if request.method == "POST":
            try:
                restored = restore(version, request.user)
            except RestoreRefused as refusal:
                messages.error(
                    request, _("This revision cannot be restored: %(why)s") % {"why": refusal}
                )
                return redirect(self._url("history", obj.pk))
            messages.success(
                request,
                _(
                    "Restored “%(object)s” as it was on that revision; this is now its newest "
                    "revision, and the history keeps every other one."
                )
                % {"object": restored},
            )
            return redirect(self._url("change", restored.pk))
        latest = versions_of(obj).first()
        context = self._context(
            request,
            obj,
            _("Restore: %(object)s") % {"object": obj},
            **self.restore_context(request, obj),
            version=version,
            # What restoring really changes: the publishing fields stay as they are now.
            comparison=comparison(latest, version, KEPT_ON_RESTORE) if latest else None,
            kept_labels=[
                str(field.verbose_name).capitalize()
                for field in self.model._meta.concrete_fields
                if field.name in KEPT_ON_RESTORE
            ],
        )
        return TemplateResponse(request, "admin/history/restore_confirm.html", context)

    def correction_view(self, request, object_id, version_id):
        """A publisher's public note on a revision: "Corrected the NHK answer's second
        paragraph", shown on the page with its date."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not may_publish(request.user, self.model):
            raise PermissionDenied
        version = self._version(obj, version_id)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            Correction.objects.create(
                content_object=obj,
                revision=version.revision,
                note=form.cleaned_data["note"],
                noted_by=request.user,
            )
            messages.success(request, _("The correction note is on the public page."))
            return redirect(self._url("history", obj.pk))
        context = self._context(
            request,
            obj,
            _("Public correction: %(object)s") % {"object": obj},
            version=version,
            form=form,
        )
        return TemplateResponse(request, "admin/history/correction_form.html", context)


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Public note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=gettext_lazy(
            "Shown on the page with today's date, e.g. “Corrected the NHK answer's "
            "second paragraph.”"
        ),
    )


class KindFilter(admin.SimpleListFilter):
    """Changes to one kind of content: briefings, articles, images..."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            (str(ct.pk), str(ct.model_class()._meta.verbose_name_plural).capitalize())
            for ct in shown_kinds()
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(version__content_type_id=int(self.value())).distinct()
        return queryset


def shown_kinds():
    """The content types of versioned models that have an admin (an exchange shows as part of
    its briefing)."""
    return [
        ContentType.objects.get_for_model(model)
        for model in get_registered_models()
        if admin.site.is_registered(model)
    ]


def seen_versions(versions, user):
    """The versions of `versions` that `user` may see: of their missions' rows and the shared
    ones, for a mission's staff (embassy/missions/staff.py); all, for the ministry's. A version
    of a deleted row is seen by the mission of its last revision (deleted_view)."""
    if staff.is_ministry_staff(user):
        return versions
    seen = Q()
    for content_type in shown_kinds():
        model = content_type.model_class()
        if staff.path_of(model) is None:
            seen |= Q(content_type=content_type)
        else:
            ids = staff.seen(model._base_manager.all(), user).annotate(
                text_id=Cast("pk", CharField())
            )
            seen |= Q(content_type=content_type, object_id__in=ids.values("text_id"))
    return versions.filter(seen)


def seen_changes(revisions, user):
    """The revisions of `revisions` all of whose shown versions `user` may see: a change that
    touched another mission's row is not listed, so that none of its titles shows."""
    if staff.is_ministry_staff(user):
        return revisions
    shown = Version.objects.filter(content_type__in=shown_kinds())
    unseen = shown.exclude(pk__in=seen_versions(shown, user).values("pk"))
    return revisions.filter(pk__in=shown.values("revision_id")).exclude(
        pk__in=unseen.values("revision_id")
    )


def object_url(version, name):
    opts = version.content_type.model_class()._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[version.object_id])
    except NoReverseMatch:
        return ""


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """Every change across the site: who, when, what, and a link to see it."""

    list_display = ["date_created", "user", "what", "objects"]
    list_filter = ["user", KindFilter, "date_created"]
    date_hierarchy = "date_created"
    search_fields = ["comment", "version__object_repr"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        kinds = shown_kinds()
        shown = Version.objects.filter(content_type__in=kinds).select_related("content_type")
        return (
            seen_changes(super().get_queryset(request), request.user)
            .select_related("user")
            .prefetch_related(Prefetch("version_set", queryset=shown, to_attr="shown_versions"))
        )

    @admin.display(description="what")
    def what(self, change):
        return in_words(change.comment) or "—"

    @admin.display(description="objects (each links to what changed)")
    def objects(self, change):
        items = []
        for version in change.shown_versions[:5]:
            url = object_url(version, "compare")
            kind = version.content_type.model_class()._meta.verbose_name.capitalize()
            if url:
                items.append(
                    format_html(
                        '{}: <a href="{}?new={}">{}</a>', kind, url, version.pk, version.object_repr
                    )
                )
            else:
                items.append(format_html("{}: {}", kind, version.object_repr))
        more = len(change.shown_versions) - len(items)
        if more > 0:
            items.append(format_html("and {} more", more))
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items))
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("deleted/", view(self.deleted_view), name="history_deleted"),
            path(
                "deleted/<int:version_id>/recover/",
                view(self.recover_view),
                name="history_recover",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"deleted_url": reverse("admin:history_deleted"), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def _recoverable_models(self, request):
        return [
            ct.model_class()
            for ct in shown_kinds()
            if request.user.has_perm(f"{ct.app_label}.add_{ct.model}")
        ]

    def _may_recover(self, request, model, version):
        """A mission's staff recover their mission's rows alone (as their last revision had
        them); the ministry's staff, any."""
        ids = staff.missions_of(request.user)
        if ids is None or staff.path_of(model) is None:
            return True
        return staff.mission_id_of_values(model, version.field_dict) in ids

    def deleted_view(self, request):
        models = self._recoverable_models(request)
        if not models:
            raise PermissionDenied
        deleted = []
        for model in models:
            for version in Version.objects.get_deleted(model).select_related(
                "revision", "revision__user"
            ):
                if not self._may_recover(request, model, version):
                    continue
                deleted.append({"kind": model._meta.verbose_name.capitalize(), "version": version})
        deleted.sort(key=lambda row: row["version"].revision.date_created, reverse=True)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted"),
            "deleted": deleted,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/history/deleted.html", context)

    def recover_view(self, request, version_id):
        version = get_object_or_404(Version.objects.select_related("content_type"), pk=version_id)
        model = version.content_type.model_class()
        if model not in self._recoverable_models(request):
            raise PermissionDenied
        if not self._may_recover(request, model, version):
            raise Http404
        if request.method != "POST":
            return redirect("admin:history_deleted")
        status = version.field_dict.get("status")
        if status not in (None, *EDITOR_STATUSES) and not may_publish(request.user, model):
            # Recovering published content would publish it again: a publisher's decision.
            messages.error(
                request,
                _("“%(object)s” was published: a publisher may recover it.")
                % {"object": version.object_repr},
            )
            return redirect("admin:history_deleted")
        if model._base_manager.filter(pk=version.object_id).exists():
            messages.info(
                request, _("“%(object)s” is not deleted.") % {"object": version.object_repr}
            )
            return redirect("admin:history_deleted")
        try:
            obj = restore(
                version, request.user, f"Recovered after deletion: {version.object_repr}."
            )
        except RestoreRefused as refusal:
            messages.error(
                request,
                _("“%(object)s” cannot be recovered: %(why)s")
                % {"object": version.object_repr, "why": refusal},
            )
            return redirect("admin:history_deleted")
        messages.success(
            request, _("Recovered “%(object)s”, as it was when last saved.") % {"object": obj}
        )
        opts = model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
