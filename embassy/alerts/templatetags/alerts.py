from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from embassy.alerts.forms import FIELD_OF_KIND, SubscribeForm
from embassy.alerts.models import Frequency, Kind
from transcripts.tagging import topic_name

register = template.Library()

# What the short form says it sends, by kind; {name} is the topic's, outlet's or spokesperson's
# name, or the words searched.
LABELS = {
    Kind.BRIEFINGS: _("Every new briefing, by email."),
    Kind.TOPIC: _("New briefings on “{name}”, by email."),
    Kind.OUTLET: _("New questions from {name}, by email."),
    Kind.SPOKESPERSON: _("New answers from {name}, by email."),
    Kind.SEARCH: _("New exchanges matching “{name}”, by email."),
}


@register.inclusion_tag("alerts/includes/subscribe_form.html")
def subscribe_form(kind, followed=""):
    """The short "Get these by email" form of a list page: the reader's address, how often,
    and what it follows in hidden fields, in the page's language. `followed` is the tag,
    outlet or spokesperson (anything with a slug and a name), or the words of a search."""
    kind = Kind(kind)
    form = SubscribeForm(
        initial={"language": get_language(), "frequency": Frequency.IMMEDIATE},
        auto_id=f"alert-{kind}-%s",
    )
    name = topic_name(followed) if kind == Kind.TOPIC else getattr(followed, "name", followed)
    return {
        "form": form,
        "kind": kind,
        # What it follows, as the form's own page names it: the row's slug, or the words.
        "followed_field": FIELD_OF_KIND.get(kind),
        "followed_value": getattr(followed, "slug", followed),
        "label": str(LABELS[kind]).format(name=name),
    }
