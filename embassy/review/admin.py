"""Roles in the admin: the state in words, who may publish, submitting, the waiting list."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from embassy.missions.staff import changeable
from embassy.pages.dates import ZonedSplitDateTime, validate_in_range
from embassy.pages.publishing import (
    EDITOR_STATUSES,
    State,
    Status,
    may_publish,
    published_now_at,
    state_of,
)
from embassy.pages.templatetags.pages import shown_as

from . import drafts, workflow
from .models import PendingChange, ReviewNote
from .roles import REVIEWED


def reviewed_models():
    return [
        ContentType.objects.get_by_natural_key(*name.split(".")).model_class() for name in REVIEWED
    ]


def describe_state(obj):
    """The state in words: "Scheduled for 2 December 2026, 09:00 Beijing time"."""
    state = state_of(obj)
    if state == State.SCHEDULED:
        return _("Scheduled for %(time)s") % {"time": shown_as(obj.visible_from)}
    if state == State.PUBLISHED and obj.withdraw_at:
        return _("Published until %(time)s") % {"time": shown_as(obj.withdraw_at)}
    return state.label


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() in State.values:
            return queryset.in_state(self.value())
        return queryset


def review_links(request, obj):
    opts = obj._meta
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return request.build_absolute_uri(change), request.build_absolute_uri(
        reverse("admin:review_waiting")
    )


@admin.action(
    description=gettext_lazy("Submit selected %(verbose_name_plural)s for review"),
    permissions=["change"],
)
def submit_for_review(modeladmin, request, queryset):
    count = 0
    for obj in queryset.filter(status=Status.DRAFT):
        workflow.submit(obj, request.user, review_links(request, obj))
        count += 1
    modeladmin.message_user(
        request, _("%(count)d submitted for review.") % {"count": count}, messages.SUCCESS
    )


# What each publishing field does, beside the list's Publish, Unpublish and Withdraw actions
# (embassy/review/actions.py), which say the same.
PUBLISHING_HELP = {
    "status": gettext_lazy(
        "Draft and In review are not public. Published is public from the publication time. "
        "Withdrawn takes a published page off the site and keeps it as withdrawn; to unpublish "
        "it for changes instead, set it back to Draft."
    ),
    "withdraw_at": gettext_lazy(
        "Optional: the page leaves the site by itself at this time and shows as Withdrawn, as "
        "the Withdraw action does at once."
    ),
}


class PublishingAdmin:
    """ModelAdmin mixin for content that is published: editors may only write drafts and submit
    them; publishing, scheduling, withdrawing and deleting is a publisher's (publish_<model>).

    With DraftChangesAdmin (draft_admin.py, `keeps_draft_changes`), an editor may also edit a
    live page: the edit is kept as a draft change until a publisher approves it."""

    keeps_draft_changes = False

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj):
        return describe_state(obj)

    def has_publish_permission(self, request):
        return may_publish(request.user, self.model)

    def _editor_may_touch(self, request, obj):
        return obj is None or self.has_publish_permission(request) or obj.status in EDITOR_STATUSES

    def has_change_permission(self, request, obj=None):
        # Published, scheduled or withdrawn content is read-only to an editor, unless an edit
        # of it is kept as a draft change: changing it would publish the change without review.
        allowed = super().has_change_permission(request, obj)
        return allowed and (self.keeps_draft_changes or self._editor_may_touch(request, obj))

    def may_restore(self, request, obj):
        """Restoring writes the live row: on a live page, a publisher's (HistoryAdmin asks)."""
        allowed = super().may_restore(request, obj)
        return allowed and self._editor_may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and self._editor_may_touch(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_publish_permission(request):
            # The list's bulk delete cannot tell drafts from published content.
            actions.pop("delete_selected", None)
        return actions

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in PUBLISHING_HELP:
            field.help_text = PUBLISHING_HELP[db_field.name]
        return field

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(status.value, status.label) for status in EDITOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        was = form.initial.get("status") if change else None
        self._publish_now(obj, form, change, was)
        super().save_model(request, obj, form, change)
        if obj.status == Status.REVIEW and was != Status.REVIEW:
            workflow.submitted(obj, request.user, review_links(request, obj))

    def _publish_now(self, obj, form, change, was):
        """A draft given the status Published in its form is published now, at the time of the
        save, unless staff typed a publication time (the form's is the one it opened with)."""
        if obj.status != Status.PUBLISHED or "publish_at" not in form.fields:
            return
        if "publish_at" in form.changed_data or (change and was not in EDITOR_STATUSES):
            return
        now = timezone.now()
        if not change:
            obj.publish_at = now if obj.publish_at is not None else None
        else:
            obj.publish_at = published_now_at(obj, now)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            note = ReviewNote.objects.about(obj).first() if obj else None
            if (
                note
                and note.kind == ReviewNote.Kind.SENT_BACK
                and obj.status == Status.DRAFT
                # Until the author saves: then the banner has done its work.
                and obj.updated_at <= note.written_at
            ):
                who = note.written_by.get_username() if note.written_by else _("A publisher")
                messages.warning(
                    request,
                    _("Sent back by %(who)s on %(time)s: %(comment)s")
                    % {"who": who, "time": shown_as(note.written_at), "comment": note.comment},
                )
        return super().change_view(request, object_id, form_url, extra_context)


class DecisionForm(forms.Form):
    """A publisher's decision on what waits for review. Each entry of the waiting page has its
    own ids (`auto_id`), and its time in the admin's language's date format."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("publish", gettext_lazy("Publish now")),
            ("schedule", gettext_lazy("Schedule")),
            ("send_back", gettext_lazy("Send back")),
        ],
    )
    publish_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publication time"),
        required=False,
        validators=[validate_in_range],
        widget=ZonedSplitDateTime,
        help_text=gettext_lazy(
            "For Schedule: when the public may read it. Publish now publishes it at this "
            "moment, whatever time the draft carried."
        ),
    )
    comment = forms.CharField(
        required=False,
        label=gettext_lazy("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For Send back: what the author should change; the author sees it, and is mailed it."
        ),
    )

    def __init__(self, *args, entry_id="", draft_change=False, **kwargs):
        kwargs.setdefault("auto_id", f"id_{entry_id}_%s" if entry_id else "id_%s")
        super().__init__(*args, **kwargs)
        self.draft_change = draft_change
        if "publish_at" in self.fields:
            # The date and time boxes each say what they are (the label names the pair).
            date, time = self.fields["publish_at"].widget.widgets
            date.attrs["aria-label"] = _("Date of publication")
            time.attrs["aria-label"] = _("Time of publication")
        if draft_change:
            # A draft change is published as the page is: it has no time of its own.
            del self.fields["publish_at"]
            self.fields["decision"].choices = [
                c for c in self.fields["decision"].choices if c[0] != "schedule"
            ]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "schedule":
            when = cleaned.get("publish_at")
            if when is None:
                self.add_error("publish_at", _("Give the time to publish it at."))
            elif when <= timezone.now():
                self.add_error("publish_at", _("That time has passed: choose Publish now instead."))
        if decision == "send_back" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what should change: the author sees this."))
        return cleaned


@admin.register(ReviewNote)
class ReviewNoteAdmin(admin.ModelAdmin):
    """The notes of every review, and the "Waiting for review" page for publishers."""

    list_display = ["written_at", "kind", "content_object", "written_by", "comment"]
    list_filter = ["kind", "written_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        # The home page and sidebar list the notes under the "Review" entry, with what waits
        # (templates/admin/review/includes/waiting_entry.html), not as a second "Review"; the
        # app's own page (a breadcrumb's "Review") lists them.
        match = request.resolver_match
        if match is not None and match.url_name == "app_list":
            return super().get_model_perms(request)
        return {}

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("waiting/", view(self.waiting_view), name="review_waiting"),
            path(
                "waiting/<int:content_type_id>/<int:object_id>/",
                view(self.decide_view),
                name="review_decide",
            ),
            *super().get_urls(),
        ]

    def _publishable_models(self, request):
        return [m for m in reviewed_models() if may_publish(request.user, m)]

    def waiting_view(self, request):
        models = self._publishable_models(request)
        if not models:
            raise PermissionDenied
        waiting = []
        for model in models:
            content_type = ContentType.objects.get_for_model(model)
            # A mission's publishers decide on their mission's content alone.
            theirs = changeable(model._default_manager.all(), request.user)
            for obj in theirs.filter(status=Status.REVIEW):
                waiting.append(self._entry(obj, content_type))
            for change in PendingChange.objects.submitted().filter(content_type=content_type):
                obj = theirs.filter(pk=change.object_id).first()
                if obj is not None:
                    waiting.append(self._entry(obj, content_type, change))
        waiting.sort(key=lambda entry: entry["submitted_at"] or timezone.now())
        return self._render(request, _("Waiting for review"), waiting)

    def _entry(self, obj, content_type, change=None, form=None):
        opts = obj._meta
        note = ReviewNote.objects.about(obj).filter(kind=ReviewNote.Kind.SUBMITTED).first()
        entry_id = f"{content_type.pk}_{obj.pk}"
        info = f"admin:{opts.app_label}_{opts.model_name}"
        return {
            "object": obj,
            "entry_id": entry_id,
            "kind": opts.verbose_name,
            "content_type_id": content_type.pk,
            "submitted_by": note.written_by if note else None,
            "submitted_at": note.written_at if note else None,
            "change_url": reverse(f"{info}_change", args=[obj.pk]),
            "history_url": reverse(f"{info}_history", args=[obj.pk]),
            "draft_change_url": (
                reverse(f"{info}_draft_change", args=[obj.pk]) if change is not None else ""
            ),
            "form": form or DecisionForm(entry_id=entry_id, draft_change=change is not None),
        }

    def _render(self, request, title, waiting, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "waiting": waiting,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/review/waiting.html", context, status=status)

    def decide_view(self, request, content_type_id, object_id):
        content_type = get_object_or_404(ContentType, pk=content_type_id)
        model = content_type.model_class()
        if model not in reviewed_models() or not may_publish(request.user, model):
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:review_waiting")
        theirs = changeable(model._default_manager.all(), request.user)
        obj = get_object_or_404(theirs, pk=object_id)
        change = None
        if obj.status != Status.REVIEW:
            change = PendingChange.objects.about(obj).submitted().first()
            if change is None:
                raise Http404("Nothing of this is waiting for review.")
        entry_id = f"{content_type.pk}_{obj.pk}"
        form = DecisionForm(request.POST, entry_id=entry_id, draft_change=change is not None)
        if not form.is_valid():
            entry = self._entry(obj, content_type, change, form)
            return self._render(request, _("Waiting for review"), [entry], status=400)
        decision = form.cleaned_data["decision"]
        author = change.written_by if change else workflow.author_of(obj)
        change_url = review_links(request, obj)[0]
        if decision == "send_back":
            comment = form.cleaned_data["comment"].strip()
            with transaction.atomic():
                if change is not None:
                    drafts.send_back(change, request.user, comment)
                else:
                    workflow.send_back(obj, request.user, comment)
                workflow.mail_sent_back(obj, author, request.user, comment, change_url)
            messages.success(
                request, _("“%(object)s” was sent back to its author.") % {"object": obj}
            )
            return redirect("admin:review_waiting")
        if change is not None:
            try:
                obj = drafts.publish(change, request.user)
            except drafts.PublishRefused as refusal:
                messages.error(request, drafts.refused_message(refusal))
                return redirect("admin:review_waiting")
        with transaction.atomic():
            if change is None:
                when = form.cleaned_data.get("publish_at") if decision == "schedule" else None
                workflow.approve(obj, request.user, when)
            workflow.mail_published(
                obj,
                author,
                request.user,
                lambda: describe_state(obj),
                request.build_absolute_uri(obj.get_absolute_url()),
                change_url,
            )
        messages.success(
            request,
            _("“%(object)s”: %(state)s.") % {"object": obj, "state": describe_state(obj)},
        )
        return redirect("admin:review_waiting")
