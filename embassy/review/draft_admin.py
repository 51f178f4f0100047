"""The admin of draft changes to live pages (drafts.py): the change form keeps an edit of a live
page apart, and each draft change has its own page (what it changes, compared with the live
page; its preview; submit, approve and publish, discard).

An editor's save of a live page is always a draft change; a publisher chooses "Save as draft
change" or saves it live at once (which publishes a draft change the form showed).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from embassy.history.comparing import compared_fields, data_comparison
from embassy.history.restoring import restored_copy
from embassy.history.wording import REMOVED, is_changed, word_diff
from embassy.pages.preview import preview_response
from embassy.pages.templatetags.pages import shown_as

from . import drafts, workflow
from .admin import describe_state
from .models import PendingChange, ReviewNote

# The publishing fields: on a live page they are a publisher's, never part of a draft change.
PUBLISHING_FIELDS = ["status", "publish_at", "withdraw_at"]
SAVE_AS_DRAFT_CHANGE = "_save_draft_change"
SUBMIT_DRAFT_CHANGE = "_submit_draft_change"
RESTORE_AS_DRAFT_CHANGE = "_restore_as_draft_change"


class DraftChangeForm:
    """Mixed into the change form of a live page: its version token also moves when its draft
    change is saved, so that of two people editing the same draft change the second is refused
    with their typing kept, as for the live page (embassy/history/concurrency.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drafted = getattr(self.instance, "drafted_related", {})
        for name, values in drafted.items():
            if name in self.fields and not self.is_bound:
                related = self.instance._meta.get_field(name).related_model
                self.initial[name] = [related(name=value) for value in values]

    def last_saved_at(self, updated_at):
        kept = (
            PendingChange.objects.about(self.instance).values_list("updated_at", flat=True).first()
        )
        return max(updated_at, kept) if kept else updated_at


class DraftedChildrenFormSet:
    """Mixed into the inline formset of a page's ordered parts (a briefing's exchanges): when
    the change form opens on a draft change, the rows are the drafted ones (drafts.as_drafted
    put them on the page as `drafted_children`), the added ones as extra rows; a publisher's
    save of the form live also deletes the live rows the draft change had removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drafted = self.drafted_rows()
        if drafted is not None:
            added = [child for child in drafted if child.pk is None]
            self.extra = len(added)
            if not self.is_bound:
                names = [name for name in self.form.base_fields if name != self.fk.name]
                self.initial_extra = [model_to_dict(child, fields=names) for child in added]

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        drafted = self.drafted_rows()
        if drafted is not None and not self.is_bound and index is not None:
            added = [child for child in drafted if child.pk is None]
            place = index - self.initial_form_count()
            if 0 <= place < len(added):
                # The added row itself, so that its form also shows its drafted tags.
                kwargs["instance"] = added[place]
        return kwargs

    def drafted_rows(self):
        relation = self.fk.remote_field.get_accessor_name()
        return getattr(self.instance, "drafted_children", {}).get(relation)

    def get_queryset(self):
        drafted = self.drafted_rows()
        if drafted is None:
            return super().get_queryset()
        return [child for child in drafted if child.pk is not None]

    def save_existing_objects(self, commit=True):
        saved = super().save_existing_objects(commit)
        drafted = self.drafted_rows()
        if drafted is not None and commit:
            for form in self.initial_forms:
                # The form shows the drafted values: unchanged in it, they are still not live.
                if form.has_changed() or self._should_delete_form(form):
                    continue
                saved.append(self.save_existing(form, form.instance, commit=commit))
                self.changed_objects.append((form.instance, []))
            kept = [child.pk for child in drafted if child.pk is not None]
            live = self.model._default_manager.filter(**{self.fk.name: self.instance})
            for gone in live.exclude(pk__in=kept):
                self.deleted_objects.append(gone)
                gone.delete()
        return saved


class DraftChangesAdmin:
    """ModelAdmin mixin, before PublishingAdmin: edits of live pages wait for review.

    `preview_view` is the public page's view class; `preview_kwargs(obj)` its URL arguments;
    `drafted_inlines` the relations whose inline rows a draft change keeps (their formset
    mixes in DraftedChildrenFormSet)."""

    keeps_draft_changes = True
    preview_view = None
    drafted_inlines = ()

    def preview_kwargs(self, obj):
        return {}

    # The change form

    def _is_change_form(self, request):
        match = request.resolver_match
        opts = self.model._meta
        return match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_change"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self._is_change_form(request) and drafts.is_live(obj):
            change = drafts.pending_change_of(obj)
            if change is not None:
                # The form opens on the draft change: its author goes on where they stopped.
                drafts.as_drafted(obj, change)
                obj.draft_change = change
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None or not drafts.is_live(obj):
            return form
        return type(form.__name__, (DraftChangeForm, form), {})

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and drafts.is_live(obj) and not self.has_publish_permission(request):
            fields += [name for name in PUBLISHING_FIELDS if name not in fields]
        return fields

    def _keeps_as_draft(self, request, live):
        if not drafts.is_live(live):
            return False
        return not self.has_publish_permission(request) or SAVE_AS_DRAFT_CHANGE in request.POST

    def save_model(self, request, obj, form, change):
        live = type(obj)._base_manager.select_for_update().get(pk=obj.pk) if change else None
        if live is None or not self._keeps_as_draft(request, live):
            super().save_model(request, obj, form, change)
            if live is not None and drafts.is_live(live):
                # A publisher saved the page live: the draft change it showed is published.
                PendingChange.objects.about(obj).delete()
            return
        obj.draft_of = live  # kept in save_related, with the inline rows

    def _children_of(self, formsets):
        children = {}
        for formset in formsets:
            relation = formset.fk.remote_field.get_accessor_name()
            if relation not in self.drafted_inlines:
                continue
            names = [name for name in formset.form.base_fields if name != formset.fk.name]
            # {model's many-to-many: form field}: a row's tags, typed under another name.
            related = getattr(formset.form, "drafted_related_fields", {})
            rows = [
                form.instance
                for form in formset.forms
                if not formset._should_delete_form(form)
                and (form.instance.pk is not None or form.has_changed())
            ]
            for form in formset.forms:
                if form.instance in rows:
                    form.instance.drafted_related = {
                        name: sorted(str(value) for value in form.cleaned_data[form_name])
                        for name, form_name in related.items()
                    }
            children[relation] = ([*names, *related], rows)
        return children

    def _keep_draft(self, request, obj, form, formsets):
        live = obj.draft_of
        related = {
            field.name: sorted(str(value) for value in form.cleaned_data[field.name])
            for field in drafts.drafted_related(type(obj), form.fields)
        }
        children = self._children_of(formsets)
        kept = drafts.keep(live, obj, form.fields, related, request.user, children)
        obj.kept_draft_change = kept or False
        if kept and SUBMIT_DRAFT_CHANGE in request.POST and kept.submitted_at is None:
            drafts.submit(kept, request.user)
            links = self._review_links(request, obj)
            transaction.on_commit(lambda: workflow.mail_publishers(obj, request.user, links))

    def _review_links(self, request, obj):
        return (
            request.build_absolute_uri(self._draft_url("draft_change", obj)),
            request.build_absolute_uri(reverse("admin:review_waiting")),
        )

    def save_related(self, request, form, formsets, change):
        if getattr(form.instance, "draft_of", None) is not None:
            # Kept in the draft change (tags, inline rows), or nothing differed.
            self._keep_draft(request, form.instance, form, formsets)
            for formset in formsets:  # nothing of the live rows changed
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if getattr(obj, "kept_draft_change", None) is not None:
            return None  # the live page did not change; the draft change says who wrote it
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        kept = getattr(obj, "kept_draft_change", None)
        if kept is None:
            return super().response_change(request, obj)
        if kept is False:
            messages.info(
                request, _("Nothing differs from the live page: no draft change is kept.")
            )
            return redirect(self._draft_url("change", obj))
        if kept.submitted_at:
            text = _(
                "Your change to “%(object)s” is submitted for review. The public page stays as "
                "it is until a publisher approves it."
            )
        else:
            text = _(
                "Your change to “%(object)s” is kept as a draft change. The public page stays "
                "as it is until a publisher approves it."
            )
        messages.success(request, text % {"object": obj})
        return redirect(self._draft_url("draft_change", obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and drafts.is_live(obj):
                extra_context["draft_change_mode"] = (
                    "publisher" if self.has_publish_permission(request) else "editor"
                )
                change = getattr(obj, "draft_change", None)
                if change is not None:
                    self._tell_of(request, obj, change)
        return super().change_view(request, object_id, form_url, extra_context)

    def _tell_of(self, request, obj, change):
        if change.submitted_at:
            text = _("A draft change by %(who)s, submitted for review on %(time)s, is shown below.")
            time = change.submitted_at
        else:
            text = _("A draft change by %(who)s, saved on %(time)s, is shown below.")
            time = change.updated_at
        who = change.written_by.get_username() if change.written_by else _("someone")
        messages.info(
            request,
            format_html(
                '{} {} <a href="{}">{}</a>',
                text % {"who": who, "time": shown_as(time)},
                _("The public sees the live page until it is approved."),
                self._draft_url("draft_change", obj),
                _("See what it changes, and preview it"),
            ),
        )
        note = ReviewNote.objects.about(obj).first()
        if note and note.kind == ReviewNote.Kind.SENT_BACK and change.updated_at <= note.written_at:
            who = note.written_by.get_username() if note.written_by else _("A publisher")
            messages.warning(
                request,
                _("Sent back by %(who)s on %(time)s: %(comment)s")
                % {"who": who, "time": shown_as(note.written_at), "comment": note.comment},
            )

    # Restoring a live page: as a draft change (an editor's only way, a publisher's choice)

    def may_restore(self, request, obj):
        if drafts.is_live(obj) and self.has_change_permission(request, obj):
            return True
        return super().may_restore(request, obj)

    def _restores_as_draft(self, request, obj):
        if not drafts.is_live(obj):
            return False
        return not self.has_publish_permission(request) or RESTORE_AS_DRAFT_CHANGE in request.POST

    def restore_context(self, request, obj):
        context = super().restore_context(request, obj)
        if drafts.is_live(obj):
            context["restore_as_draft"] = (
                "publisher" if self.has_publish_permission(request) else "editor"
            )
        return context

    def restore_view(self, request, object_id, version_id):
        obj = super().get_object(request, unquote(object_id))
        if request.method != "POST" or obj is None or not self._restores_as_draft(request, obj):
            return super().restore_view(request, object_id, version_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = self._version(obj, version_id)
        with transaction.atomic():
            live = self.model._base_manager.select_for_update().get(pk=obj.pk)
            restored = restored_copy(version, self.model._base_manager.get(pk=obj.pk))
            names = [field.name for field in compared_fields(self.model)]
            kept = drafts.keep(live, restored, names, {}, request.user)
        if kept is None:
            messages.info(request, _("That revision reads as the live page: nothing to restore."))
            return redirect(self._draft_url("history", obj))
        messages.success(
            request,
            _(
                "The revision of %(time)s is kept as a draft change of “%(object)s”: preview it "
                "and submit it; the public page stays as it is until a publisher approves it."
            )
            % {"time": shown_as(version.revision.date_created), "object": obj},
        )
        return redirect(self._draft_url("draft_change", obj))

    # The draft change's own pages

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/draft-change/",
                view(self.draft_change_view),
                name=f"{info}_draft_change",
            ),
            path(
                "<path:object_id>/draft-change/preview/",
                view(self.draft_preview_view),
                name=f"{info}_draft_preview",
            ),
            *super().get_urls(),
        ]

    def _draft_url(self, name, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk])

    def _live_and_change(self, request, object_id):
        obj = super().get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        change = drafts.pending_change_of(obj)
        if change is None:
            raise Http404("No draft change of this page is kept.")
        return obj, change

    def draft_change_view(self, request, object_id):
        live, change = self._live_and_change(request, object_id)
        may_publish = self.has_publish_permission(request)
        may_change = self.has_change_permission(request, live)
        if request.method == "POST":
            return self._decide_on_draft(request, live, change, may_publish, may_change)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "object": live,
            "change": change,
            "title": _("Draft change: %(object)s") % {"object": live},
            "comparison": self.draft_comparison(live, change),
            "change_url": self._draft_url("change", live),
            "history_url": self._draft_url("history", live),
            "preview_url": self._draft_url("draft_preview", live),
            "public_url": live.get_absolute_url(),
            "may_publish": may_publish,
            "may_change": may_change,
        }
        return TemplateResponse(request, "admin/review/draft_change.html", context)

    def draft_comparison(self, live, change):
        before, after = drafts.compared_data(live, change)
        comparison = data_comparison(
            self.model, before, after, *drafts.compared_children(live, change)
        )
        self._compare_children_related(comparison, live, change)
        for name, values in change.related.items():
            field = self.model._meta.get_field(name)
            old = ", ".join(drafts.related_values(live, field))
            segments = word_diff(old, ", ".join(values))
            if is_changed(segments):
                comparison["changed_fields"].append(
                    {
                        "label": str(field.verbose_name).capitalize(),
                        "segments": segments,
                        "changed": True,
                    }
                )
        return comparison

    def _compare_children_related(self, comparison, live, change):
        """A part's tags, compared as its fields are: a part whose tags alone changed is
        listed as changed, not among the unchanged."""
        children = comparison["children"]
        for model, position, label, old, new in drafts.compared_children_related(live, change):
            row = {"label": label, "segments": word_diff(old, new), "changed": True}
            shown = [c for c in children if c["order"] == position and c["state"] != REMOVED]
            if shown:
                shown[0]["fields"].append(row)
                continue
            title = f"{str(model._meta.verbose_name).capitalize()} {position}"
            children.append(
                {"title": title, "order": position, "state": "changed", "fields": [row]}
            )
            comparison["unchanged_children"] -= 1
        children.sort(key=lambda child: (child["order"], child["title"]))

    def _decide_on_draft(self, request, live, change, may_publish, may_change):
        action = request.POST.get("action")
        if action == "publish" and may_publish:
            author = change.written_by
            try:
                published = drafts.publish(change, request.user)
            except drafts.PublishRefused as refusal:
                messages.error(request, drafts.refused_message(refusal))
                return redirect(self._draft_url("draft_change", live))
            self._mail_published(request, published, author)
            messages.success(
                request,
                _("The draft change is published: “%(object)s” now reads as approved.")
                % {"object": published},
            )
            return redirect(self._draft_url("change", published))
        if action == "submit" and may_change and change.submitted_at is None:
            with transaction.atomic():
                drafts.submit(change, request.user)
                links = self._review_links(request, live)
                transaction.on_commit(lambda: workflow.mail_publishers(live, request.user, links))
            messages.success(
                request,
                _("The draft change is submitted for review; the publishers are told."),
            )
            return redirect(self._draft_url("draft_change", live))
        if action == "discard" and (may_publish or may_change):
            drafts.discard(change)
            messages.success(
                request, _("The draft change is discarded; the live page is as it was.")
            )
            return redirect(self._draft_url("change", live))
        raise PermissionDenied

    def _mail_published(self, request, obj, author):
        workflow.mail_published(
            obj,
            author,
            request.user,
            lambda: describe_state(obj),
            request.build_absolute_uri(obj.get_absolute_url()),
            request.build_absolute_uri(self._draft_url("change", obj)),
        )

    def draft_preview_view(self, request, object_id):
        live, change = self._live_and_change(request, object_id)
        if self.preview_view is None:
            raise Http404
        drafted = drafts.as_drafted(live, change)
        return preview_response(request, self.preview_view, drafted, self.preview_kwargs(live))
