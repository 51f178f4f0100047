from django.conf import settings
from django.urls import get_script_prefix
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from embassy.pagecache.invalidation import generation_of
from embassy.pages.fragments import render_fragments

from .models import MenuGroup, Section

MENU_TEMPLATE = "includes/site_menu.html"

# The menu of the current content generation, read once per process rather than once per
# page: any write to the site's content changes the generation (embassy/pagecache), so this
# is never stale. Its sections are shared by the requests of a process and only read; their
# titles follow each request's language (modeltranslation reads the active one).
_kept_menu = {}


def entry(section, children=()):
    """A section as the menu shows it: with its address (in the active language)."""
    return {"section": section, "url": section.get_absolute_url(), "children": list(children)}


class Menu:
    """The menu's sections and, once rendered, its markup, both of one content generation.

    The markup depends on the generation (the sections), the language and the URL prefix
    (titles and addresses), and on the page only through which item it marks as current: the
    one whose address it is, or the section it belongs to. Those are the key, so a menu is
    rendered once per language and current item, not once per page. After an edit elsewhere
    (a new generation, the same sections) the markup comes from the fragment memo, keyed by
    the sections' content (embassy/pages/fragments.py).
    """

    def __init__(self, generation, groups):
        self.generation = generation
        self.groups = groups
        # (language, prefix): ({group: [entry]}, {address: section's pk})
        self.entries = {}
        self.rendered = {}  # (language, prefix, current address, current pk): markup

    def entries_in(self, where):
        """Each section with its address under `where`, its sub-sections likewise."""
        found = self.entries.get(where)
        if found is None:
            entries = {
                group: [
                    entry(section, (entry(child) for child in section.menu_children))
                    for section in sections
                ]
                for group, sections in self.groups.items()
            }
            addresses = {
                item["url"]: item["section"].pk
                for group in entries.values()
                for top in group
                for item in (top, *top["children"])
            }
            found = self.entries[where] = (entries, addresses)
        return found

    def html(self, context):
        where = (get_language(), get_script_prefix())
        entries, addresses = self.entries_in(where)
        request, current = context.get("request"), context.get("current_section")
        path = getattr(request, "path", None)
        current_url = path if path in addresses else None
        in_menu = current is not None and current.pk in addresses.values()
        current_pk = current.pk if in_menu else None
        key = (*where, current_url, current_pk)
        html = self.rendered.get(key)
        if html is None:
            shown = {"menu_entries": entries, "current_url": current_url, "current_pk": current_pk}
            html = render_fragments(MENU_TEMPLATE, [shown])
            if self.generation is not None and not settings.DEBUG:  # DEBUG: templates on disk
                self.rendered[key] = html
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


def kept_menu(generation):
    """The Menu of `generation`: its top-level sections with their `menu_children`, by group,
    from one query."""
    if generation is not None and generation in _kept_menu:
        return _kept_menu[generation]
    sections = list(Section.objects.in_menu())
    children = {}
    for section in sections:
        if section.parent_id:
            children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.menu_children = children.get(section.pk, [])
    top = [s for s in sections if s.parent_id is None]
    menu = Menu(
        generation,
        {
            MenuGroup.MAIN: [s for s in top if s.menu_group == MenuGroup.MAIN],
            MenuGroup.TOPICS: [s for s in top if s.menu_group == MenuGroup.TOPICS],
        },
    )
    if generation is not None:
        _kept_menu.clear()  # one generation is current: the older ones are of no more use
        _kept_menu[generation] = menu
    return menu


def menu(request):
    """The site menu on every page: `menu` (the Menu, shown by `{% site_menu %}`) and its
    sections by group.

    Lazy: read when a template shows the menu, not for every template rendered with a request
    (a feed renders one per item).
    """
    kept = SimpleLazyObject(lambda: kept_menu(generation_of(request)))
    return {
        "menu": kept,
        "main_menu": SimpleLazyObject(lambda: kept.groups[MenuGroup.MAIN]),
        "topics_menu": SimpleLazyObject(lambda: kept.groups[MenuGroup.TOPICS]),
    }
