"""Draft changes to live pages, as Wagtail keeps them: an edit of a published article is kept
apart (a PendingChange) while the public goes on reading the live row; it is previewed,
compared with the live page, submitted, and published when a publisher approves it, in one
transaction and one revision. The public never reads a half-edit: nothing of the change is in
the live row before approval, and all of it is after.

A change holds the fields that differ from the live row, as text; approving it writes them
into the live row as it is then (a publisher's later fix of another field is kept), and never
the publishing fields (status and times: a publisher's decision, as for a restore).

A page's ordered parts edited with it (a briefing's exchanges) are kept whole when any of them
differs: every row, in its new order, by its id (none for a new one), with its many-to-many
values (an exchange's tags); approval updates, adds and deletes the live rows to match.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from taggit.managers import TaggableManager

from embassy.history.comparing import NOT_COMPARED
from embassy.history.entries import said
from embassy.history.recording import revision
from embassy.history.restoring import KEPT_ON_RESTORE
from embassy.pages.publishing import EDITOR_STATUSES

from .models import PendingChange, ReviewNote


def is_live(obj):
    """Published (or scheduled, or withdrawn) by a publisher: an edit waits for review."""
    return obj.pk is not None and obj.status not in EDITOR_STATUSES


def pending_change_of(obj):
    return PendingChange.objects.about(obj).select_related("written_by").first()


def _field(model, name):
    return model._meta.get_field(name)


def _as_text(obj, field):
    value = field.value_from_object(obj)
    return None if value is None else field.value_to_string(obj)


def _from_text(field, text):
    return None if text is None else field.to_python(text)


def drafted_fields(model, names):
    """The concrete fields among `names` that a draft change may hold."""
    fields = []
    for name in names:
        try:
            field = _field(model, name)
        except FieldDoesNotExist:
            continue
        if (
            field.concrete
            and not field.many_to_many
            and not field.primary_key
            and field.name not in KEPT_ON_RESTORE
        ):
            fields.append(field)
    return fields


def drafted_related(model, names):
    """The many-to-many fields among `names` (an article's tags)."""
    related = []
    for name in names:
        try:
            field = _field(model, name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            related.append(field)
    return related


def related_values(obj, field):
    """A many-to-many's values as a draft change keeps them: names for tags, else ids."""
    manager = getattr(obj, field.name)
    if isinstance(field, TaggableManager):
        return sorted(tag.name for tag in manager.all())
    return sorted(manager.values_list("pk", flat=True))


def _put_in(obj, values):
    model = type(obj)
    for name, text in values.items():
        try:
            field = _field(model, name)
        except FieldDoesNotExist:
            continue  # a field removed since: nothing to show of it
        setattr(obj, field.attname, _from_text(field, text))


def child_values(child, names):
    """One part (an exchange) as a draft change keeps it: its id, its fields as text, and its
    many-to-many values (its tags' names): as edited (`child.drafted_related`, put there by
    the form) or else as they are live."""
    model = type(child)
    edited = getattr(child, "drafted_related", {})
    return {
        "id": child.pk,
        **{field.name: _as_text(child, field) for field in drafted_fields(model, names)},
        **{
            field.name: edited[field.name] if field.name in edited else related_values(child, field)
            for field in drafted_related(model, names)
        },
    }


def live_children(obj, relation, names=()):
    """The live parts of `obj` under `relation` (a reverse foreign key), in their order, their
    many-to-many values among `names` read in one query each."""
    manager = getattr(obj, relation)
    related = [field.name for field in drafted_related(manager.model, names)]
    return list(manager.prefetch_related(*related))


def _in_order(children):
    ordering = children[0]._meta.ordering if children else []
    names = [
        name
        for name in ordering
        if not name.startswith("-")
        and "__" not in name
        and not children[0]._meta.get_field(name).is_relation
    ]

    def key(child):
        return tuple((getattr(child, name) is None, getattr(child, name) or 0) for name in names)

    return sorted(children, key=key)


def drafted_children(obj, relation, change):
    """The parts of `obj` under `relation` as the change has them, in memory and unsaved: the
    live rows with the change's values put in, and new rows (no id) for the added ones; None
    when the change leaves them as they are."""
    entries = change.children.get(relation)
    if entries is None:
        return None
    manager = getattr(obj, relation)
    existing = {child.pk: child for child in manager.all()}
    built = []
    for values in entries:
        child = existing.get(values.get("id"))
        if child is None:  # added by the change (or deleted from the live page since)
            child = manager.model()
            setattr(child, manager.field.name, obj)
        related = {field.name for field in drafted_related(manager.model, values)}
        _put_in(
            child,
            {name: text for name, text in values.items() if name != "id" and name not in related},
        )
        child.drafted_related = {name: values[name] for name in related}
        built.append(child)
    return built


def as_drafted(obj, change):
    """`obj` (the live row, in memory) with the change's fields put in: what the change page
    and the preview show; its drafted parts in `obj.drafted_children` ({relation: [rows]}).
    Nothing is saved."""
    _put_in(obj, change.fields)
    obj.drafted_related = dict(change.related)
    obj.drafted_children = {
        relation: drafted_children(obj, relation, change) for relation in change.children
    }
    return obj


def keep(live, edited, names, related, user, children=None):
    """Keep `edited` (the form's object, not saved) as the draft change of `live` (the row as
    it is now, locked by the caller): the fields among `names` that differ from `live`, the
    many-to-many values of `related` ({name: values}) that differ, and the parts of `children`
    ({relation: (field names, [rows as edited, unsaved, deleted ones left out])}) when any of
    them differs from the live parts. Returns the PendingChange, or None when nothing differs
    from the live page any more (the change is then dropped)."""
    model = type(live)
    fields = {
        field.name: _as_text(edited, field)
        for field in drafted_fields(model, names)
        # By value: the same moment written in another zone is no change.
        if field.value_from_object(edited) != field.value_from_object(live)
    }
    changed_related = {
        name: values
        for name, values in related.items()
        if values != related_values(live, _field(model, name))
    }
    changed_children = {}
    for relation, (child_names, rows) in (children or {}).items():
        drafted = [child_values(child, child_names) for child in _in_order(rows)]
        now = [
            child_values(child, child_names) for child in live_children(live, relation, child_names)
        ]
        if drafted != now:
            changed_children[relation] = drafted
    existing = PendingChange.objects.about(live).select_for_update().first()
    if not fields and not changed_related and not changed_children:
        if existing:
            existing.delete()
        return None
    change = existing or PendingChange(content_object=live)
    change.fields, change.related, change.written_by = fields, changed_related, user
    change.children = changed_children
    change.save()
    return change


def compared_data(live, change):
    """The live row's and the drafted object's field values by attname, as history compares
    revisions (embassy/history/comparing.compare_data)."""
    model = type(live)
    before = {f.attname: f.value_from_object(live) for f in model._meta.concrete_fields}
    drafted = as_drafted(model._base_manager.get(pk=live.pk), change)
    after = {f.attname: f.value_from_object(drafted) for f in model._meta.concrete_fields}
    return before, after


def _data(obj):
    return {f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields}


def compared_children(live, change):
    """{model: {key: field dict}} of the live parts and of the drafted ones, as history
    compares the parts of two revisions (comparing.children_comparison); a new part's key is
    its place in the change."""
    before, after = {}, {}
    drafted = as_drafted(type(live)._base_manager.get(pk=live.pk), change)
    for relation, rows in drafted.drafted_children.items():
        for child in live_children(live, relation):
            before.setdefault(type(child), {})[child.pk] = _data(child)
        for place, child in enumerate(rows):
            key = child.pk if child.pk is not None else f"new {place}"
            after.setdefault(type(child), {})[key] = _data(child)
            before.setdefault(type(child), {})
    return before, after


def compared_children_related(live, change):
    """[(model, position, label, live values, drafted values)] of each drafted part's many-to-many
    values (an exchange's tags) that differ from the live part's (none for a new part), as
    text: what compared_children leaves out, since history compares fields only."""
    differing = []
    drafted = as_drafted(type(live)._base_manager.get(pk=live.pk), change)
    for relation, rows in drafted.drafted_children.items():
        model = getattr(live, relation).model
        names = {name for row in rows for name in row.drafted_related}
        live_rows = {child.pk: child for child in live_children(live, relation, names)}
        for child in rows:
            for name, values in child.drafted_related.items():
                field = _field(model, name)
                before = child.pk in live_rows and related_values(live_rows[child.pk], field)
                if (before or []) != values:
                    label = str(field.verbose_name).capitalize()
                    position = getattr(child, "position", None)
                    old, new = ", ".join(before or []), ", ".join(values)
                    differing.append((model, position, label, old, new))
    return differing


def _publish_children(live):
    for relation, rows in live.drafted_children.items():
        kept = [child.pk for child in rows if child.pk is not None]
        for gone in getattr(live, relation).exclude(pk__in=kept):
            gone.delete()
        for child in rows:
            child.save()
            for name, values in child.drafted_related.items():
                getattr(child, name).set(values)


def submit(change, user):
    change.submitted_at = timezone.now()
    change.save(update_fields=["submitted_at"])
    ReviewNote.objects.create(
        content_object=change.content_object, kind=ReviewNote.Kind.SUBMITTED, written_by=user
    )


def send_back(change, user, comment):
    change.submitted_at = None
    change.save(update_fields=["submitted_at"])
    ReviewNote.objects.create(
        content_object=change.content_object,
        kind=ReviewNote.Kind.SENT_BACK,
        comment=comment,
        written_by=user,
    )


class PublishRefused(Exception):
    """The draft change cannot be published as it is now; the message says why, for staff."""


def publish(change, user):
    """Write the change into its live row, as one revision, and drop it. Returns the row.

    The row is checked first as its change form would check it: what was valid when the change
    was saved may not be now (its address taken by another page since). Then nothing is
    written and PublishRefused says why."""
    try:
        with transaction.atomic():
            change = PendingChange.objects.select_for_update().get(pk=change.pk)
            model = change.content_type.model_class()
            live = model._base_manager.select_for_update().get(pk=change.object_id)
            author = change.written_by
            as_drafted(live, change)
            _check(live)
            words = said(
                gettext_noop("Published the draft change by %(author)s."), author=_name(author)
            )
            with revision(user, words):
                live.save()
                _publish_children(live)
                for name, values in change.related.items():
                    getattr(live, name).set(values)
            ReviewNote.objects.create(
                content_object=live, kind=ReviewNote.Kind.APPROVED, written_by=user
            )
            change.delete()
    except IntegrityError as error:
        raise PublishRefused(str(error)) from None
    return live


def refused_message(refusal):
    return _(
        "The draft change cannot be published as it is: %(why)s Edit the draft change, then "
        "approve it again; the live page is unchanged."
    ) % {"why": refusal}


def _check(obj):
    exclude = [f.name for f in obj._meta.concrete_fields if f.name in NOT_COMPARED]
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise PublishRefused(
            "; ".join(" ".join(messages) for messages in error.message_dict.values())
        ) from None


def drop_draft_change(sender, instance, **kwargs):
    """post_delete of a reviewed model: its draft change goes with it."""
    PendingChange.objects.about(instance).delete()


def discard(change):
    change.delete()


def _name(user):
    return user.get_username() if user else "someone"
