"""Field names staff read in the admin, in the embassy's words rather than Django's, in the
admin's language."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

WEB_ADDRESS = gettext_lazy("web address")


def web_address_help(example):
    """What a slug is, shown under the field: `example` is a real address with the slug last."""
    return format_lazy(
        gettext_lazy(
            "The last part of the page's address, as in {example}. Lowercase letters, digits "
            "and hyphens; filled in from the title as you type. Changing it changes the address."
        ),
        example=example,
    )
