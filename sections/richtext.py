"""Rich text: what the editor offers staff and what the sanitizer lets through, one table.

EDITOR_FEATURES is handed to django-prose-editor, which shows those tools and nothing else,
and the nh3 allow-list is derived from the same table (django-prose-editor maps each feature
to the tags and attributes it produces). Every save is sanitized on the server whatever the
browser sent; `sanitize()` also says what it removed, so that staff are told.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import nh3
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.fields import ProseEditorField

# The editor's tools (django-prose-editor / Tiptap extension names). Headings start at h2: the
# page's title is its h1. Links are web, mail and telephone addresses, or library documents.
EDITOR_FEATURES = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Images from the library (static/js/library-picker.js inserts them), with a caption.
    "Image": True,
    "Figure": True,
    "Caption": True,
    # Staff may look at and paste the HTML itself; it is sanitized like the rest.
    "HTML": True,
}

LINK_REL = "noopener noreferrer"


def _allow_list():
    allowed = allowlist_from_extensions(EDITOR_FEATURES)
    # rel is ours to set (LINK_REL), never the author's.
    allowed["attributes"]["a"] = set(allowed["attributes"]["a"]) - {"rel", "target"}
    allowed["link_rel"] = LINK_REL
    allowed.setdefault("url_schemes", set()).update({"http", "https", "mailto", "tel"})
    return allowed


ALLOW_LIST = _allow_list()
ALLOWED_TAGS = frozenset(ALLOW_LIST["tags"])
_cleaner = nh3.Cleaner(**ALLOW_LIST)


# Older bodies wrote bold and italic as <b> and <i>; the editor's own tags keep them so.
_EQUIVALENTS = [
    (re.compile(r"<(/?)b(?=[\s>/])", re.I), r"<\1strong"),
    (re.compile(r"<(/?)i(?=[\s>/])", re.I), r"<\1em"),
]


def clean_html(html: str) -> str:
    """Remove scripts, event handlers, styles and whatever the editor cannot make."""
    html = html or ""
    for pattern, replacement in _EQUIVALENTS:
        html = pattern.sub(replacement, html)
    return _cleaner.clean(html)


class _Census(HTMLParser):
    """Tags and (tag, attribute) pairs in a piece of HTML, counted."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = Counter(), Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, _value in attrs:
            if not (tag == "a" and name == "rel"):
                self.attributes[(tag, name)] += 1

    handle_startendtag = handle_starttag


def _census(html):
    census = _Census()
    census.feed(html)
    census.close()
    return census


# Removed whole, with their content: a reader would never see them as text.
_DROPPED_WITH_CONTENT = {"script", "style"}


def sanitize(html):
    """The cleaned HTML and, in words for staff, what cleaning removed (empty if nothing)."""
    cleaned = clean_html(html)
    if cleaned == (html or ""):
        return cleaned, []
    before, after = _census(html or ""), _census(cleaned)
    for old, new in (("b", "strong"), ("i", "em")):  # renamed, not removed
        after.tags[old] += before.tags[old]
        after.tags[new] -= min(before.tags[old], after.tags[new])
    removed = []
    for tag, count in sorted((before.tags - after.tags).items()):
        what = "with its content" if tag in _DROPPED_WITH_CONTENT else "its text is kept"
        removed.append(f"<{tag}> ×{count} ({what})" if count > 1 else f"<{tag}> ({what})")
    for (tag, name), count in sorted((before.attributes - after.attributes).items()):
        if before.tags[tag] > after.tags[tag] and after.tags[tag] == 0:
            continue  # the tag went as a whole, said above
        label = "an unsafe address" if name in {"href", "src"} else f"the {name} attribute"
        removed.append(f"{label} on <{tag}>" + (f" ×{count}" if count > 1 else ""))
    return cleaned, removed


def clean_rich_text_fields(instance):
    """Sanitize every rich-text field of `instance`, each language's copy included."""
    for field in instance._meta.fields:
        if isinstance(field, RichTextField):
            setattr(instance, field.attname, clean_html(getattr(instance, field.attname)))


class RichTextField(ProseEditorField):
    """HTML staff write in the editor: the tools of EDITOR_FEATURES, sanitized when a form
    validates it and again on every save by the model. The media library looks in these
    fields for the images and documents a page uses (embassy.media.usage), so that a used one
    is never deleted."""

    references_library = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_FEATURES)
        kwargs.setdefault("sanitize", clean_html)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, path, args, kwargs
