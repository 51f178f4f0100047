"""Field names staff read in the admin, in the embassy's words rather than Django's."""

WEB_ADDRESS = "web address"


def web_address_help(example):
    """What a slug is, shown under the field: `example` is a real address with the slug last."""
    return (
        f"The last part of the page's address, as in {example}. Lowercase letters, digits and "
        "hyphens; filled in from the title as you type. Changing it changes the address."
    )
