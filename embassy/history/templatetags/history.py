from django import template

from embassy.pages import public_reads

from ..entries import in_words
from ..models import Correction

register = template.Library()


@register.filter
def history_words(revision):
    """A revision's "What" in the admin's language (entries.py)."""
    return in_words(revision.comment)


@register.inclusion_tag("includes/corrections.html", takes_context=True)
def corrections(context, obj):
    """The public correction notes of a page, oldest first (one query; none while nothing
    changes: the same notes for every reader)."""
    about = (type(obj)._meta.label, obj.pk)
    notes = public_reads.read(
        context.request, ("corrections", about), lambda: tuple(Correction.objects.about(obj))
    )
    return {"corrections": notes}
