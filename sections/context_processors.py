from functools import cache

from django.utils.functional import SimpleLazyObject

from .models import MenuGroup, Section


def menu(request):
    """The site menu on every page, from one query: top-level sections with their children.

    Lazy: the query runs when a template shows the menu, not for every template rendered with
    a request (a feed renders one per item).
    """

    @cache
    def groups():
        sections = list(Section.objects.in_menu())
        children = {}
        for section in sections:
            if section.parent_id:
                children.setdefault(section.parent_id, []).append(section)
        for section in sections:
            section.menu_children = children.get(section.pk, [])
        top = [s for s in sections if s.parent_id is None]
        return {
            MenuGroup.MAIN: [s for s in top if s.menu_group == MenuGroup.MAIN],
            MenuGroup.TOPICS: [s for s in top if s.menu_group == MenuGroup.TOPICS],
        }

    return {
        "main_menu": SimpleLazyObject(lambda: groups()[MenuGroup.MAIN]),
        "topics_menu": SimpleLazyObject(lambda: groups()[MenuGroup.TOPICS]),
    }
