"""Where a library image or document is used: found from the models, not kept in a list.

Two ways to use one: a foreign key to it (a lead image, the site's seal), or a reference from
rich text (a field marked `references_library = True` whose HTML contains one of the image's or
document's `reference_markers`: a document's address, and the numbered one it had before).
This module imports no content app: it reads the relations Django already knows. What is used
only by drafts is not public (`shown_publicly`).
"""

import functools
import operator

from django.apps import apps
from django.db.models import ForeignKey, Q

from .models import Rendition


def _foreign_key_users(obj):
    for relation in obj._meta.related_objects:
        if relation.related_model is Rendition or not isinstance(relation.field, ForeignKey):
            continue
        manager = relation.related_model._default_manager
        yield from manager.filter(**{relation.field.name: obj})


def _rich_text_users(obj):
    for model in apps.get_models():
        fields = [f for f in model._meta.fields if getattr(f, "references_library", False)]
        for field in fields:
            yield from model._default_manager.filter(
                functools.reduce(
                    operator.or_,
                    (Q(**{f"{field.name}__contains": m}) for m in obj.reference_markers),
                )
            )


def used_by(obj):
    """Every row that shows `obj`, each once, in a stable order (by kind, then title)."""
    seen, users = set(), []
    for user in [*_foreign_key_users(obj), *_rich_text_users(obj)]:
        key = (user._meta.label, user.pk)
        if key not in seen:
            seen.add(key)
            users.append(user)
    return sorted(users, key=lambda u: (u._meta.verbose_name, str(u)))


def is_public(row):
    """Whether the public may see `row`: published and its time come, for what is published
    (a draft, a scheduled or withdrawn page is not); always, for what has no publishing (the
    site's contact details)."""
    published = getattr(type(row)._default_manager, "published", None)
    return published is None or published().filter(pk=row.pk).exists()


def shown_publicly(obj):
    """Whether some page a reader may see shows `obj`. A file used only by drafts (or by
    nothing yet) is not public: it is news no sooner than the page it was uploaded for."""
    return any(is_public(row) for row in used_by(obj))
