"""A history entry's words (a revision's "What") kept as what to say, not as English: each
reader reads it in the admin's language (/zh-hans/admin/, /vi/admin/).

A revision's comment is stored as one of:
- the admin's change message (LogEntry's JSON list: added, changed these fields, deleted),
  which Django words in the reader's language;
- `said(message, **params)`: a message marked for translation (gettext_noop) and its values;
- plain text (revisions recorded before, or by hand): shown translated if the catalogue knows
  it, else as written.
"""

import json

from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext


def said(message, **params):
    """The comment that says `message` (a msgid with %(name)s placeholders) with `params`."""
    return json.dumps({"say": message, "with": params}, ensure_ascii=False)


def in_words(comment):
    """A revision's comment as the reader reads it, in the active language."""
    if not comment:
        return ""
    if comment.startswith("{"):
        try:
            data = json.loads(comment)
        except ValueError:
            return comment
        if isinstance(data, dict) and "say" in data:
            try:
                return gettext(data["say"]) % data.get("with", {})
            except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
                return data["say"] % data.get("with", {})
        return comment
    if comment.startswith("["):
        return LogEntry(change_message=comment).get_change_message()
    return gettext(comment)
