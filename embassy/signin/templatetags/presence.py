from django import template
from django.utils import timezone

from ..presence import open_page

register = template.Library()


@register.inclusion_tag("admin/includes/opened_by_others.html", takes_context=True)
def opened_by_others(context, obj):
    """Notes the staff member opening `obj`'s change page; lists who else has it open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or obj.pk is None or user is None or not user.is_staff:
        return {"others": []}
    others = open_page(user, obj, timezone.now())
    return {"others": [(name, timezone.localtime(moment)) for name, moment in others]}
