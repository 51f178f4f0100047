"""Putting an earlier revision back: a new revision, through each model's own save().

Nothing is rewritten: the restored text is saved as the object's next revision. Saving goes
through `save()` (not reversion's raw revert), so a briefing whose date or slug comes back
records its current address as an old one, and the permalink keeps working. Each object is
validated first; a revision that would break a constraint now (a slug taken since, a deleted
outlet) is refused with the reason, and nothing is written.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_noop
from reversion.revisions import _get_options

from embassy.pages.templatetags.pages import shown_as

from .comparing import NOT_COMPARED, followed_versions
from .entries import said
from .recording import revision

# Publishing decisions, not words: restoring an earlier text keeps the object published,
# scheduled or withdrawn as it is now (a publisher decides that apart).
KEPT_ON_RESTORE = {"status", "publish_at", "withdraw_at"}


class RestoreRefused(Exception):
    """The revision cannot be restored as it is; the message says why, for staff."""


def _apply(model, data, existing):
    obj = existing if existing is not None else model()
    for field in model._meta.concrete_fields:
        if field.name in NOT_COMPARED and not field.primary_key:
            continue
        if existing is not None and field.name in KEPT_ON_RESTORE:
            continue
        if field.attname in data or field.primary_key:
            setattr(obj, field.attname, data.get(field.attname, getattr(obj, field.attname)))
    return obj


def restored_copy(version, current):
    """`current` (a row, in memory) with `version`'s text put in, as restore() would save it;
    nothing is saved (a draft change keeps it, embassy/review/)."""
    return _apply(version._model, version.field_dict, current)


def _check(obj):
    exclude = [f.name for f in obj._meta.concrete_fields if f.name in NOT_COMPARED]
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        problems = "; ".join(
            f"{name.replace('_', ' ') if name != '__all__' else ''} {' '.join(messages)}".strip()
            for name, messages in error.message_dict.items()
        )
        raise RestoreRefused(f"{obj._meta.verbose_name.capitalize()} “{obj}”: {problems}") from None


def restore(version, user, comment=""):
    """Save `version` (and what its revision holds of it: a briefing's exchanges) as the
    object's newest revision; the object is recreated if it was deleted. Returns the object."""
    model = version._model
    data = version.field_dict
    try:
        with transaction.atomic(), revision(user, comment or default_comment(version)):
            current = model._base_manager.select_for_update().filter(pk=version.object_id).first()
            obj = _apply(model, data, current)
            _check(obj)
            obj.save()
            for child_model, child_versions in followed_versions(version).items():
                kept = []
                for child_version in child_versions.values():
                    existing = child_model._base_manager.filter(pk=child_version.object_id).first()
                    child = _apply(child_model, child_version.field_dict, existing)
                    _check(child)
                    child.save()
                    kept.append(child.pk)
                _remove_others(obj, child_model, kept)
            return obj
    except IntegrityError as error:
        raise RestoreRefused(f"The database refused it: {error}") from None
    except models.ProtectedError as error:
        raise RestoreRefused(str(error.args[0])) from None


def _remove_others(obj, child_model, kept):
    """Children added since the revision are not part of it: they go."""
    for follow_name in _get_options(type(obj)).follow:
        related = getattr(obj, follow_name)
        if isinstance(related, models.Manager | models.QuerySet) and related.model is child_model:
            related.exclude(pk__in=kept).delete()


def default_comment(version):
    return said(
        gettext_noop("Restored the revision of %(time)s."),
        time=shown_as(version.revision.date_created),
    )
