"""Two revisions of one object side by side, as the words that changed in each of its texts.

A field shows as its value in words (the section's title, "Published", a date in site time),
then compared word by word (wording.py). A briefing's exchanges are compared one by one, matched
by their identity, so that a reordered exchange is not read as removed and added again.
"""

import re

from django.db import models
from django.utils.html import strip_tags
from reversion.models import Version
from reversion.revisions import _get_options

from embassy.pages.templatetags.pages import shown_as

from .rendered import rendered_diff
from .wording import ADDED, REMOVED, SAME, is_changed, word_diff

# Bookkeeping, not words anyone wrote.
NOT_COMPARED = {"id", "created_at", "updated_at", "uploaded_at", "search_vector"}
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div|tr)>|<br\s*/?>", re.I)


def compared_fields(model):
    versioned = set(_get_options(model).fields)
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in versioned and field.name not in NOT_COMPARED and not field.primary_key
    ]


def _names_of(field, ids):
    """The related objects' names by id, including deleted ones' ids."""
    related = field.related_model._base_manager.filter(pk__in=[i for i in ids if i is not None])
    return {obj.pk: str(obj) for obj in related}


def in_words(field, value, names=None):
    """A stored value as staff read it."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        return (names or {}).get(value, f"(deleted, #{value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField | models.DateField):
        return shown_as(value)
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    text = str(value).replace("\r\n", "\n")  # a browser's line ends are not a change
    if "<" in text and isinstance(field, models.TextField):
        # Staff HTML (an article's body): its words, a paragraph per block.
        text = strip_tags(_BLOCK_END.sub("\n\n", text)).strip()
    return text


def compare_data(model, old, new, leave_out=()):
    """[{"label", "segments", "changed"}] for each compared field of two field dicts (either
    may be empty: the object did not exist on that side), but those named in `leave_out`; a
    field of staff HTML also has "rendered", its versions as one page (rendered.py)."""
    fields = compared_fields(model)
    names = {}
    for field in fields:
        if field.is_relation:
            names[field.attname] = _names_of(
                field, [old.get(field.attname), new.get(field.attname)]
            )
    rows = []
    for field in fields:
        if field.name in leave_out:
            continue
        before = in_words(field, old.get(field.attname), names.get(field.attname))
        after = in_words(field, new.get(field.attname), names.get(field.attname))
        segments = word_diff(before, after)
        row = {
            "label": str(field.verbose_name).capitalize(),
            "segments": segments,
            "changed": is_changed(segments),
        }
        old_html, new_html = (
            _html(field, old.get(field.attname)),
            _html(field, new.get(field.attname)),
        )
        if old_html is not None or new_html is not None:
            # Formatting, links and images count as changes, shown rendered.
            row["rendered"] = rendered_diff(old_html or "", new_html or "")
            row["changed"] = row["changed"] or _same_html(old_html) != _same_html(new_html)
        rows.append(row)
    return rows


def _html(field, value):
    """`value` if it is staff HTML (a rich-text body), else None."""
    if isinstance(field, models.TextField) and isinstance(value, str) and "<" in value:
        return value
    return None


def _same_html(html):
    return re.sub(r"\s+", " ", (html or "").replace("\r\n", "\n")).strip()


def followed_versions(version):
    """The versions recorded with `version` in its revision that belong to it (a briefing's
    exchanges), by model, keyed by object id."""
    children = {}
    for other in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        model = other._model
        if model is None:
            continue
        parent_link = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is version._model
        ]
        if any(str(other.field_dict.get(f.attname)) == version.object_id for f in parent_link):
            children.setdefault(model, {})[other.object_id] = other
    return children


def _child_title(model, data):
    position = data.get("position")
    prefix = f"{str(model._meta.verbose_name).capitalize()}"
    return f"{prefix} {position}" if position is not None else prefix


def comparison(old, new, leave_out=()):
    """What changed from Version `old` to Version `new` of one object (old may be None),
    without the fields named in `leave_out`."""
    model = new._model
    fields = compare_data(model, old.field_dict if old else {}, new.field_dict, leave_out)
    old_children = followed_versions(old) if old else {}
    new_children = followed_versions(new)
    as_data = {
        side: {
            child_model: {key: version.field_dict for key, version in versions.items()}
            for child_model, versions in children.items()
        }
        for side, children in (("old", old_children), ("new", new_children))
    }
    return {
        **_fields_comparison(fields),
        **children_comparison(as_data["old"], as_data["new"]),
    }


def children_comparison(old_children, new_children):
    """The parts (a briefing's exchanges) that changed: each side {model: {key: field dict}},
    a part matched with itself by its key (its id), so that a reordered one is not read as
    removed and added again."""
    children = []
    for child_model in {*old_children, *new_children}:
        before, after = old_children.get(child_model, {}), new_children.get(child_model, {})
        for object_id in {*before, *after}:
            old_data = before.get(object_id, {})
            new_data = after.get(object_id, {})
            rows = compare_data(child_model, old_data, new_data)
            state = SAME
            if not old_data:
                state = ADDED
            elif not new_data:
                state = REMOVED
            elif any(row["changed"] for row in rows):
                state = "changed"
            children.append(
                {
                    "title": _child_title(child_model, new_data or old_data),
                    "order": (new_data or old_data).get("position") or 0,
                    "state": state,
                    "fields": rows,
                }
            )
    children.sort(key=lambda child: (child["order"], child["title"]))
    return {
        "children": [child for child in children if child["state"] != SAME],
        "unchanged_children": sum(1 for child in children if child["state"] == SAME),
    }


def _fields_comparison(fields):
    return {
        "fields": fields,
        "changed_fields": [row for row in fields if row["changed"]],
        "unchanged_labels": [row["label"] for row in fields if not row["changed"]],
    }


def data_comparison(model, old, new, old_children=None, new_children=None):
    """What changed between two field dicts of one object (a live row and its draft change),
    as comparison() gives it for two revisions; its parts as children_comparison() takes
    them."""
    return {
        **_fields_comparison(compare_data(model, old, new)),
        **children_comparison(old_children or {}, new_children or {}),
    }


def versions_of(obj_or_model, object_id=None):
    """The versions of one object, newest first, with who and when."""
    if object_id is None:
        queryset = Version.objects.get_for_object(obj_or_model)
    else:
        queryset = Version.objects.get_for_object_reference(obj_or_model, object_id)
    return queryset.select_related("revision", "revision__user").order_by("-pk")
