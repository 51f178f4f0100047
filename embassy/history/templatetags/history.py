from django import template

from ..models import Correction

register = template.Library()


@register.inclusion_tag("includes/corrections.html")
def corrections(obj):
    """The public correction notes of a page, oldest first (one query)."""
    return {"corrections": list(Correction.objects.about(obj))}
