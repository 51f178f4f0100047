from adminsortable2.admin import CustomInlineFormSetMixin, SortableAdminBase, SortableStackedInline
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms import BoundField
from django.forms.models import BaseInlineFormSet, ModelChoiceIterator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from taggit.forms import TagField
from taggit.models import Tag

from embassy.history.admin import HistoryAdmin
from embassy.history.recording import revision
from embassy.languages.admin import TranslationsAdmin
from embassy.missions.staff import MissionStaffAdmin
from embassy.pages.dates import DatesInRangeAdmin
from embassy.pages.labels import WEB_ADDRESS, web_address_help
from embassy.pages.preview import PreviewLinkAdmin
from embassy.review.actions import publish, unpublish, withdraw
from embassy.review.admin import PublishingAdmin, StateFilter, submit_for_review
from embassy.review.draft_admin import DraftChangesAdmin, DraftedChildrenFormSet

from .admin_import import ImportTranscriptView, may_import
from .models import (
    Briefing,
    Exchange,
    OldBriefingAddress,
    Outlet,
    Spokesperson,
    Topic,
    TopicName,
    translated_columns,
    translated_topic_languages,
)
from .views import BriefingView


class SharedChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.shared_objects():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.shared_objects()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.shared_objects())


class SharedChoiceField(forms.ModelChoiceField):
    """A select that reads its choices once for every inline row of a page.

    A briefing has dozens of exchanges, each with an outlet and a responder select; Django would
    query the choices again for each row to show them, and query the chosen one again for each
    row to check it. The form class lives for one request, and so does the list that its copies
    share: both showing and checking use it.
    """

    iterator = SharedChoiceIterator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = {}  # copy.copy in Field.__deepcopy__ shares this dict between rows

    def shared_objects(self):
        if "objects" not in self.shared:
            self.shared["objects"] = list(self.queryset)
        return self.shared["objects"]

    def shared_by_key(self):
        if "by_key" not in self.shared:
            key = self.to_field_name or "pk"
            self.shared["by_key"] = {str(getattr(o, key)): o for o in self.shared_objects()}
        return self.shared["by_key"]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = getattr(value, self.to_field_name or "pk")
        try:
            return self.shared_by_key()[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


def shared_help_id(name):
    """The one paragraph of help for field `name` of every exchange, written above the rows."""
    return f"exchange-help-{name}"


class SharedHelpBoundField(BoundField):
    """A field of an exchange described by the help written once above the rows (and by its
    own error, as Django's are), rather than by a copy of the help in each of 43 rows."""

    @property
    def aria_describedby(self):
        described_by = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                described_by.append(shared_help_id(self.name))
            if self.errors:
                described_by.append(f"{self.auto_id}_error")
        return " ".join(described_by)


class CompactRelatedWidgetWrapper(RelatedFieldWidgetWrapper):
    """Django's select with its change, add, delete and view links, without the indentation of
    its template (some 600 bytes an exchange, twice). Collapsing every run of white space is
    safe here: the markup has no text but the options', whose labels a browser collapses too.
    """

    @classmethod
    def like(cls, wrapper):
        return cls(
            wrapper.widget,
            wrapper.rel,
            wrapper.admin_site,
            can_add_related=wrapper.can_add_related,
            can_change_related=wrapper.can_change_related,
            can_delete_related=wrapper.can_delete_related,
            can_view_related=wrapper.can_view_related,
        )

    def render(self, *args, **kwargs):
        return mark_safe(" ".join(super().render(*args, **kwargs).split()))


class ExchangeForm(forms.ModelForm):
    """An exchange with its tags read from the prefetched rows.

    taggit's own form field queries the tags of each exchange separately; under its own name
    this field takes them from the inline's prefetch, so a long briefing costs no extra queries.
    """

    bound_field_class = SharedHelpBoundField
    tag_names = TagField(label="Tags", required=False)
    # A live briefing's draft change keeps its exchanges' tags too (embassy/review/).
    drafted_related_fields = {"tags": "tag_names"}

    class Meta:
        model = Exchange
        fields = ["position", "outlet", "question", "answer", "responder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drafted = self.drafted_tags()
        if drafted is not None:
            tag = Exchange.tags.through.tag_model()
            self.initial["tag_names"] = [tag(name=name) for name in drafted]
        elif self.instance.pk:
            self.initial["tag_names"] = list(self.instance.tags.all())

    def drafted_tags(self):
        """The tags' names that the draft change shown gives this exchange, if it does."""
        return getattr(self.instance, "drafted_related", {}).get("tags")

    def _get_validation_exclusions(self):
        # The shared fields found the outlet and responder among the rows read for this request;
        # the model's check would ask the database again for each exchange. (Exchange has no
        # unique constraint on them, so no uniqueness check is lost.)
        exclusions = super()._get_validation_exclusions()
        exclusions.update(
            name for name, field in self.fields.items() if isinstance(field, SharedChoiceField)
        )
        return exclusions

    def _save_m2m(self):
        super()._save_m2m()
        # A changed question need not rewrite its tags: taggit's set() costs several queries.
        # A draft change's tags shown unchanged are not yet live: saved live, they are written.
        if "tag_names" in self.changed_data or self.drafted_tags() is not None:
            self.instance.tags.set(self.cleaned_data["tag_names"])


class ExchangeFormSet(DraftedChildrenFormSet, CustomInlineFormSetMixin, BaseInlineFormSet):
    """The exchanges of a briefing, each row's hidden id checked among the rows already read;
    a live briefing's draft change shows its exchanges (embassy/review/draft_admin.py).

    django-admin-sortable2 makes the rows draggable and writes their order into the order
    field; the field stays a visible number box, so that the keyboard can reorder too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.form.base_fields[self.default_order_field]
        order.widget = forms.NumberInput(attrs={"class": "_reorder_ vIntegerField", "min": 0})
        order.is_hidden = False

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        field = form.fields[name]
        # Django's own id field queries its exchange again for each row of a POST.
        # Its choices are the rows shown (shared_rows): a draft change's, or the live ones.
        form.fields[name] = SharedChoiceField(
            self.queryset, initial=field.initial, required=False, widget=field.widget
        )
        form.fields[name].shared = self.shared_rows()

    def shared_help(self):
        """(id, label, help) of each field that has help, for the paragraph above the rows."""
        return [
            (shared_help_id(name), field.label, field.help_text)
            for name, field in self.form.base_fields.items()
            if field.help_text
        ]

    def shared_rows(self):
        if not hasattr(self, "_shared_rows"):
            # get_queryset() is evaluated once and cached by the formset itself.
            self._shared_rows = {"objects": list(self.get_queryset())}
        return self._shared_rows


class ExchangeInline(SortableStackedInline):
    """Each exchange compact: its order, who asked and who answered, the question and answer
    in small boxes; "Add another exchange" adds one at the end, numbered after the last."""

    model = Exchange
    form = ExchangeForm
    formset = ExchangeFormSet
    # Folded under their questions, with a list to jump from: a 43-exchange briefing was 23,374
    # px of open boxes, its one error somewhere down them.
    template = "admin/transcripts/briefing/exchange_inline.html"
    extra = 0
    # A flat list: django-admin-sortable2 appends the order field when it finds it missing.
    fields = ["position", "outlet", "responder", "question", "answer", "tag_names"]
    ordering = ["position", "id"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"outlet", "responder"}:
            kwargs["form_class"] = SharedChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = CompactRelatedWidgetWrapper.like(field.widget)
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet").prefetch_related("tags")


class OldAddressInline(DatesInRangeAdmin, admin.TabularInline):
    """The addresses that redirect here; deleting one makes it 404 (or free for another)."""

    model = OldBriefingAddress
    extra = 0
    fields = ["day", "slug"]
    readonly_fields = ["day", "slug"]
    verbose_name_plural = "old addresses that redirect here"

    def has_add_permission(self, request, obj=None):
        return False


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Briefing.objects.dates("held_at", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(held_at__year=int(self.value()))
        return queryset


@admin.register(Briefing)
class BriefingAdmin(
    MissionStaffAdmin,
    TranslationsAdmin,
    PreviewLinkAdmin,
    SortableAdminBase,
    DraftChangesAdmin,
    PublishingAdmin,
    DatesInRangeAdmin,
    HistoryAdmin,
):
    """An edit of a live briefing, its exchanges included, waits for review as a draft change
    (embassy/review/), as an article's does."""

    list_display = ["title", "held_at", "spokesperson", "state", "exchange_count", "languages"]
    list_filter = [StateFilter, "spokesperson", YearFilter, "section"]
    list_select_related = ["spokesperson"]
    search_fields = ["title", "exchanges__question", "exchanges__answer"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "held_at"
    autocomplete_fields = ["spokesperson", "lead_image", "recording"]
    inlines = [ExchangeInline, OldAddressInline]
    actions = [submit_for_review, publish, unpublish, withdraw]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    drafted_inlines = ["exchanges"]
    preview_view = BriefingView
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "spokesperson",
                    "held_at",
                    "ends_at",
                    "held_in_zone",
                    "place",
                    "section",
                ]
            },
        ),
        ("Publishing", {"fields": ["status", "publish_at", "withdraw_at"]}),
        ("Transcript", {"fields": ["opening_remarks", "source_url", "tags", "lead_image"]}),
        (
            "Recording",
            {
                "fields": ["recording", "recording_url"],
                "description": "A video or audio of the briefing: a file from the library, "
                "or its address elsewhere.",
            },
        ),
        ("Languages", {"fields": ["language", "translation_overview"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exchange_total=Count("exchanges"))

    def changelist_view(self, request, extra_context=None):
        extra_context = {"may_import": may_import(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        import_view = ImportTranscriptView.as_view(model_admin=self)
        return [
            path(
                "import/",
                self.admin_site.admin_view(import_view),
                name="transcripts_briefing_import",
            ),
            *super().get_urls(),
        ]

    def preview_kwargs(self, briefing):
        return {**briefing.date_kwargs(), "slug": briefing.slug}

    @admin.display(description="exchanges", ordering="exchange_total")
    def exchange_count(self, briefing):
        return briefing.exchange_total


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others' questions, briefings and alerts move to it; they are deleted.",
    )

    def __init__(self, *args, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].queryset = chosen


@admin.action(description="Merge selected %(verbose_name_plural)s into one", permissions=["merge"])
def merge(modeladmin, request, queryset):
    """One outlet (or person) under two rows, "AFP" and "法新社记者": staff choose which row to
    keep on a confirmation page; the others' exchanges and briefings move to it in one
    transaction, and they are deleted."""
    opts = modeladmin.model._meta
    chosen = modeladmin.model._default_manager.filter(pk__in=queryset.values("pk")).order_by("pk")
    if chosen.count() < 2:
        modeladmin.message_user(
            request, f"Select two or more {opts.verbose_name_plural} to merge.", messages.WARNING
        )
        return None
    form = MergeForm(request.POST if "confirm" in request.POST else None, chosen=chosen)
    if form.is_valid():
        kept = form.cleaned_data["kept"]
        others = list(chosen.exclude(pk=kept.pk))
        with revision(request.user, f"Merged {len(others) + 1} {opts.verbose_name_plural}."):
            modeladmin.log_deletions(request, others)
            merged = kept.absorb(others)
            modeladmin.log_change(request, kept, f"Merged {merged} into this one.")
        modeladmin.message_user(request, f"Merged {merged} into “{kept}”.", messages.SUCCESS)
        return None
    return TemplateResponse(
        request,
        "admin/transcripts/merge_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "opts": opts,
            "form": form,
            "chosen": chosen.annotate(uses=modeladmin.use_count),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "use_label": modeladmin.use_label,
        },
    )


class MergeableAdmin(HistoryAdmin):
    """Outlets and spokespeople: named in every language, and merged when one was imported
    twice under two names."""

    actions = [merge]

    def has_merge_permission(self, request):
        # Moving exchanges and deleting a row: both permissions.
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}") and (
            request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")
        )


@admin.register(Spokesperson)
class SpokespersonAdmin(MergeableAdmin, TranslationAdmin):
    list_display = ["name", "role", "briefing_count"]
    search_fields = [*translated_columns(Spokesperson)]
    prepopulated_fields = {"slug": [build_localized_fieldname("name", settings.LANGUAGE_CODE)]}
    use_count = Count("briefings", distinct=True) + Count("answered_exchanges", distinct=True)
    use_label = "briefings and answers"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(briefing_total=Count("briefings"))

    @admin.display(description="briefings", ordering="briefing_total")
    def briefing_count(self, spokesperson):
        return spokesperson.briefing_total


@admin.register(Outlet)
class OutletAdmin(MergeableAdmin, TranslationAdmin):
    list_display = ["name", "question_count"]
    search_fields = [*translated_columns(Outlet)]
    prepopulated_fields = {"slug": [build_localized_fieldname("name", settings.LANGUAGE_CODE)]}
    use_count = Count("exchanges")
    use_label = "questions"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("exchanges"))

    @admin.display(description="questions", ordering="question_total")
    def question_count(self, outlet):
        return outlet.question_total


admin.site.unregister(Tag)


class TopicNameInline(admin.TabularInline):
    """The topic's name in each other language: one row a language, none needed."""

    model = TopicName
    fields = ["language", "name"]

    def get_extra(self, request, obj=None, **kwargs):
        named = obj.translated_names.count() if obj else 0
        return max(len(translated_topic_languages()) - named, 0)

    def get_max_num(self, request, obj=None, **kwargs):
        return len(translated_topic_languages())


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Topics (taggit's tags): named in each language, given a web address (one in every
    language), and counted where they are used."""

    list_display = ["name", "slug", "uses"]
    search_fields = ["name", "translated_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]
    inlines = [TopicNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_total=Count("taggit_taggeditem_items"))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.label = WEB_ADDRESS.capitalize()
            field.help_text = web_address_help("/tags/climate-change/")
        return field

    @admin.display(description="pages and questions", ordering="use_total")
    def uses(self, topic):
        return topic.use_total
