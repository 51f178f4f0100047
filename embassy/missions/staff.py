"""Staff per mission: a mission's Editors and Publishers see and change their mission's content
only; the ministry's staff (superusers, and staff who work for no mission) see every mission's and
publish the ministry's briefings for all.

What decides it is one table: the path from a row of each kind to its mission. A kind whose
empty mission is the ministry's (a briefing and what hangs on it) is shown to every mission's
staff, read-only: their mission carries it, but changing it is the ministry's. Kinds the table
does not name (outlets, spokespeople, topics) are shared by every mission.

`MissionStaffAdmin` applies the table to a ModelAdmin (`OrderedWithinMission` to its drag-to-
reorder list); the review queue, the history and the import page narrow their own queries with
`seen()` and `changeable()`.
"""

import json

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext

from embassy.core import content, generation

from .models import Mission

# "app_label.model_name": the path from a row to its mission (a lookup, as in filter()).
MISSION_PATHS = {
    "sections.section": "mission",
    "sections.article": "section__mission",
    "transcripts.briefing": "mission",
    "transcripts.exchange": "briefing__mission",
    "transcripts.oldbriefingaddress": "briefing__mission",
    "siteinfo.siteprofile": "mission",
    "siteinfo.sitenotice": "mission",
    "siteinfo.toptask": "mission",
    "media.image": "mission",
    "media.document": "mission",
}
# The kinds whose row without a mission is the ministry's, shown on every mission.
MINISTRY_WHEN_EMPTY = {
    "transcripts.briefing",
    "transcripts.exchange",
    "transcripts.oldbriefingaddress",
    "media.image",
    "media.document",
}

# Where a request's user keeps the missions it works for, read once per request (the user
# object is the request's own).
_MEMO = "_staff_mission_ids"


def _label(model):
    return model._meta.label_lower


def path_of(model):
    """The path from a row of `model` to its mission, or None for a kind every mission shares."""
    return MISSION_PATHS.get(_label(model._meta.concrete_model))


def missions_of(user):
    """The ids of the missions `user` works for, or None for the ministry's staff (superusers,
    and staff who work for no mission): every mission's."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, _MEMO):
        ids = frozenset(user.mission_memberships.values_list("mission_id", flat=True))
        setattr(user, _MEMO, None if user.is_superuser or not ids else ids)
    return getattr(user, _MEMO)


def is_ministry_staff(user):
    return missions_of(user) is None


def writable_missions(user):
    """The missions `user` may put new rows in."""
    ids = missions_of(user)
    return Mission.objects.all() if ids is None else Mission.objects.filter(pk__in=ids)


def seen(queryset, user):
    """The rows of `queryset` that `user` may see: their missions', and the ministry's."""
    path, ids = path_of(queryset.model), missions_of(user)
    if path is None or ids is None:
        return queryset
    mine = Q(**{f"{path}__in": ids})
    if _label(queryset.model._meta.concrete_model) in MINISTRY_WHEN_EMPTY:
        return queryset.filter(mine | Q(**{f"{path}__isnull": True}))
    return queryset.filter(mine)


def changeable(queryset, user):
    """The rows of `queryset` that `user` may change: their missions' alone (the ministry's
    rows are the ministry's staff's)."""
    path, ids = path_of(queryset.model), missions_of(user)
    if path is None or ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": ids})


def mission_id_of(obj):
    """The id of the mission `obj` belongs to (None: the ministry's), following its path."""
    path = path_of(type(obj))
    if path is None:
        return None
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id")


def mission_id_of_values(model, values):
    """The mission of a row of `model` from its field values by attname (a deleted row's last
    revision), or None."""
    path = path_of(model)
    if path is None:
        return None
    first, _sep, rest = path.partition("__")
    field = model._meta.get_field(first)
    value = values.get(field.attname)
    if not rest or value is None:
        return value
    related = field.related_model._base_manager.filter(pk=value)
    return related.values_list(rest, flat=True).first()


def may_see(user, obj):
    """Whether `user` may see `obj`: a row of their missions, the ministry's, or a shared kind."""
    ids = missions_of(user)
    if ids is None or path_of(type(obj)) is None:
        return True
    mission_id = mission_id_of(obj)
    if mission_id is None:
        return _label(type(obj)._meta.concrete_model) in MINISTRY_WHEN_EMPTY
    return mission_id in ids


def may_change(user, obj):
    ids = missions_of(user)
    return ids is None or path_of(type(obj)) is None or mission_id_of(obj) in ids


def has_mission_field(model):
    return any(field.name == "mission" for field in model._meta.concrete_fields) and (
        path_of(model) == "mission"
    )


class MissionStaffAdmin:
    """ModelAdmin mixin, first among the bases: the lists, forms, choices and object pages of
    a kind narrowed to the user's missions (MISSION_PATHS).

    Another mission's object answers 404 on every page of it (change, history, delete and the
    pages built on get_object), never a redirect that names it. A row's mission is chosen when
    it is made and kept after: it decides which mission's pages its edits change
    (embassy/core/rows.py)."""

    def get_queryset(self, request):
        return seen(super().get_queryset(request), request.user)

    # Object pages: 404 for what the user may not see

    def _refuse_unseen(self, request, object_id):
        if object_id is None or is_ministry_staff(request.user):
            return  # every row is theirs to see: Django's own answer for a missing one
        pk = self._pk_or_404(unquote(object_id))
        if not self.model._base_manager.filter(pk=pk).filter(self._seen_q(request)).exists():
            raise Http404

    def _seen_q(self, request):
        """The rows the user sees, as a condition (without the admin's annotations)."""
        return Q(pk__in=seen(self.model._base_manager.all(), request.user).values("pk"))

    def _pk_or_404(self, object_id):
        try:
            return self.model._meta.pk.to_python(object_id)
        except Exception:  # a malformed id names no row
            raise Http404 from None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse_unseen(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_unseen(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_unseen(request, object_id)
        return super().history_view(request, object_id, extra_context)

    # Who may change what

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change(request.user, obj))

    def response_action(self, request, queryset):
        # The list's actions (publish, withdraw, delete) never reach the ministry's rows.
        return super().response_action(request, changeable(queryset, request.user))

    # The mission of a row: chosen when it is made, kept after

    def _the_one_mission(self, request):
        """The mission new rows go in without asking, or None when the user chooses: a
        mission's staff with one mission; the ministry's staff when there is one mission
        and a row must have one."""
        ids = missions_of(request.user)
        if ids is not None and len(ids) == 1:
            return next(iter(ids))
        if ids is None and not self.model._meta.get_field("mission").null:
            missions = list(Mission.objects.values_list("pk", flat=True)[:2])
            return missions[0] if len(missions) == 1 else None
        return None

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            has_mission_field(self.model)
            and "mission" not in fields
            and (obj is not None or self._the_one_mission(request) is not None)
        ):
            fields.append("mission")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _title, options in fieldsets for name in options.get("fields", ())]
        if has_mission_field(self.model) and "mission" not in names:
            (title, options), *rest = fieldsets
            fieldsets = [(title, {**options, "fields": ["mission", *options["fields"]]}), *rest]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is Mission:
            kwargs["queryset"] = writable_missions(request.user)
            if not is_ministry_staff(request.user):
                kwargs["empty_label"] = None  # a mission's staff make their mission's rows
        elif path_of(related) is not None:
            kwargs["queryset"] = changeable(related._default_manager.all(), request.user)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and related is Mission and not is_ministry_staff(request.user):
            field.required = True
        return field

    def get_form(self, request, obj=None, *args, **kwargs):
        # Django's get_form takes `change` next; modeltranslation's does not.
        form = super().get_form(request, obj, *args, **kwargs)
        path = path_of(self.model)
        hop = path.split("__")[0] if path and "__" in path else None
        if obj is None or hop is None or hop not in form.base_fields:
            return form
        # The row's mission is kept: the row it hangs on (an article's section) is chosen
        # among its own mission's.
        field = form.base_fields[hop]
        rest = path.partition("__")[2]
        narrowed = field.queryset.filter(**{rest: mission_id_of(obj)})
        return _with_choices(form, hop, narrowed)

    def save_model(self, request, obj, form, change):
        if not change and has_mission_field(self.model) and "mission" not in form.fields:
            one = self._the_one_mission(request)
            if one is not None:
                obj.mission_id = one
        super().save_model(request, obj, form, change)

    def translation_owner(self, request, obj):
        # A mission's staff translate for their mission: their version of a ministry briefing
        # is their mission's own, shown there instead of the ministry's.
        owner = super().translation_owner(request, obj)
        ids = missions_of(request.user)
        if obj.owner_field is None or ids is None or owner in ids:
            return owner
        return min(ids)

    def get_list_filter(self, request):
        # A filter by a row of a mission (an article's section) offers only the rows listed.
        narrowed = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and "__" not in entry:
                field = self.model._meta.get_field(entry)
                if field.is_relation and (
                    field.related_model is Mission or path_of(field.related_model)
                ):
                    entry = (entry, RelatedOnlyFieldListFilter)
            narrowed.append(entry)
        return narrowed


class OrderedWithinMission:
    """ModelAdmin mixin before django-admin-sortable2's SortableAdminMixin, after
    MissionStaffAdmin: a drag renumbers the rows of one mission, the user's to change.

    A row's order is its place in its mission's menu (or home page): numbers of two missions'
    rows say nothing of each other. The endpoint refuses ids of rows the user may not change
    as it refuses ids of no row (400, without a word of them); the ministry's staff order one
    mission at a time (the list filtered by mission: the handles show then)."""

    def update_order(self, request):
        refused, rows = self._rows_to_order(request)
        if refused is not None:
            return refused
        if not rows:
            return super().update_order(request)  # sortable2's own answer (405, 403, 400)
        # The write changes that mission's pages alone, not every mission's.
        with generation.rows_written(
            content.own_tables(self.model), content.scopes_of_row(rows[0])
        ):
            return super().update_order(request)

    def _rows_to_order(self, request):
        """(a refusal or None, the rows the request names when they are one mission's and
        the user's)."""
        if request.method != "POST" or not self.has_change_permission(request):
            return None, []
        try:
            items = json.loads(request.body)["updatedItems"]
            pks = {self.model._meta.pk.to_python(item[0]) for item in items}
        except (ValueError, TypeError, KeyError, IndexError, ValidationError):
            return None, []
        rows = list(changeable(self.model._base_manager.filter(pk__in=pks), request.user))
        if len(rows) != len(pks):
            return HttpResponseBadRequest(
                gettext("Not every row named is one you may reorder.")
            ), []
        if len({mission_id_of(row) for row in rows}) > 1:
            return HttpResponseBadRequest(
                gettext("Rows of more than one mission: filter the list by mission first.")
            ), []
        return None, rows

    def get_extra_model_filters(self, request):
        # sortable2 finds the rows it renumbers among these (its moves to another page too).
        return {"pk__in": changeable(self.model._base_manager.all(), request.user).values("pk")}

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if is_ministry_staff(request.user) and "mission" not in filters:
            filters.insert(0, "mission")  # to order one mission's rows
        return filters

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # sortable2 keeps whether rows drag on the instance (its design, read by the rows'
        # handles in this request's rendering): off for a list of several missions' rows.
        path = path_of(self.model)
        missions = changelist.queryset.order_by().values(path).distinct()[:2]
        if self.enable_sorting and len(missions) > 1:
            self.enable_sorting = False
        return changelist

    def get_actions(self, request):
        # sortable2's moves to another page renumber by the whole table's pages, every
        # mission's rows together: not offered.
        actions = super().get_actions(request)
        return {name: action for name, action in actions.items() if not name.startswith("move_to_")}


def _with_choices(form, name, queryset):
    """`form` with the choices of its field `name` narrowed to `queryset` (a subclass: the
    form class is the request's, its base fields the class's)."""

    class Narrowed(form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[name].queryset = queryset

    Narrowed.__name__ = form.__name__
    return Narrowed
