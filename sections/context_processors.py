from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from embassy.core import generation
from embassy.core.memo import derived
from embassy.missions.middleware import mission_of

from .models import MenuGroup, Section

MENU_TEMPLATE = "includes/site_menu.html"


def entry(section, children=()):
    """A section as the menu shows it: with its address (in the active language)."""
    return {"section": section, "url": section.get_absolute_url(), "children": list(children)}


class Menu:
    """The menu's sections of one content generation, and its markup.

    Both are kept in the content memo (embassy/core/memo.py): the sections once per
    generation, their addresses per language and URL prefix, the markup per language, prefix
    and current item (the one whose address the page is, or the section it belongs to), so a
    menu is rendered once per language and current item, not once per page. Its sections are
    shared by the requests of a process and only read; their titles follow each request's
    language (modeltranslation reads the active one).
    """

    def __init__(self, scope, generation, groups):
        self.scope = scope
        self.generation = generation
        self.groups = groups

    def entries_in(self, where):
        """Each section with its address under `where`, its sub-sections likewise."""
        return derived.keep(
            self.scope, self.generation, ("menu entries", *where), self.make_entries
        )

    def make_entries(self):
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
        return entries, addresses

    def html(self, context):
        where = (get_language(), get_script_prefix())
        entries, addresses = self.entries_in(where)
        request, current = context.get("request"), context.get("current_section")
        path = getattr(request, "path", None)
        current_url = path if path in addresses else None
        in_menu = current is not None and current.pk in addresses.values()
        current_pk = current.pk if in_menu else None
        shown = {"menu_entries": entries, "current_url": current_url, "current_pk": current_pk}
        html = derived.keep(
            self.scope,
            self.generation,
            ("menu", *where, current_url, current_pk),
            lambda: get_template(MENU_TEMPLATE).render(shown),
            size=len,
        )
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


def read_menu(mission, generation):
    """The mission's Menu: its top-level sections with their `menu_children`, by group, from
    one query."""
    sections = list(Section.objects.shown_on(mission).in_menu())
    children = {}
    for section in sections:
        if section.parent_id:
            children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.menu_children = children.get(section.pk, [])
    top = [s for s in sections if s.parent_id is None]
    return Menu(
        mission.scope,
        generation,
        {
            MenuGroup.MAIN: [s for s in top if s.menu_group == MenuGroup.MAIN],
            MenuGroup.TOPICS: [s for s in top if s.menu_group == MenuGroup.TOPICS],
        },
    )


def kept_menu(mission, generation):
    """The mission's Menu of `generation`, read once per process and generation."""
    return derived.keep(
        mission.scope, generation, ("menu sections",), lambda: read_menu(mission, generation)
    )


def menu(request):
    """The site menu on every page: `menu` (the Menu, shown by `{% site_menu %}`) and its
    sections by group.

    Lazy: read when a template shows the menu, not for every template rendered with a request
    (a feed renders one per item).
    """
    kept = SimpleLazyObject(lambda: kept_menu(mission_of(request), generation.of_request(request)))
    return {
        "menu": kept,
        "main_menu": SimpleLazyObject(lambda: kept.groups[MenuGroup.MAIN]),
        "topics_menu": SimpleLazyObject(lambda: kept.groups[MenuGroup.TOPICS]),
    }
