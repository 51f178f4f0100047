"""Sharing a page: plain links to the networks' own share pages, no script of theirs.

One table, in the order shown. Each address takes the page's address and its title, encoded;
the networks readers in the embassy's languages use, Weibo and the email client included.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareTarget:
    name: str
    address: str  # {url} and {title} are filled in, percent-encoded


SHARE_TARGETS = (
    ShareTarget(_("Email"), "mailto:?subject={title}&body={url}"),
    ShareTarget("X", "https://x.com/intent/post?url={url}&text={title}"),
    ShareTarget("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ShareTarget("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ShareTarget("WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ShareTarget("Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ShareTarget("Weibo", "https://service.weibo.com/share/share.php?url={url}&title={title}"),
)


def share_links(url, title):
    """[(name, address)] for `url` (absolute) titled `title`."""
    encoded = {"url": quote(url, safe=""), "title": quote(title, safe="")}
    return [(target.name, target.address.format(**encoded)) for target in SHARE_TARGETS]
