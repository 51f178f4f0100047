from django.utils.functional import SimpleLazyObject

from embassy.pagecache.invalidation import generation_of

from .models import MenuGroup, Section

# The menu of the current content generation, read once per process rather than once per
# page: any write to the site's content changes the generation (embassy/pagecache), so this
# is never stale. Its sections are shared by the requests of a process and only read; their
# titles follow each request's language (modeltranslation reads the active one).
_kept_menu = {}


def menu_groups(generation):
    """{menu group: top-level sections with their `menu_children`}, from one query."""
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
    groups = {
        MenuGroup.MAIN: [s for s in top if s.menu_group == MenuGroup.MAIN],
        MenuGroup.TOPICS: [s for s in top if s.menu_group == MenuGroup.TOPICS],
    }
    if generation is not None:
        _kept_menu.clear()  # one generation is current: the older ones are of no more use
        _kept_menu[generation] = groups
    return groups


def menu(request):
    """The site menu on every page.

    Lazy: read when a template shows the menu, not for every template rendered with a request
    (a feed renders one per item).
    """
    groups = SimpleLazyObject(lambda: menu_groups(generation_of(request)))
    return {
        "main_menu": SimpleLazyObject(lambda: groups[MenuGroup.MAIN]),
        "topics_menu": SimpleLazyObject(lambda: groups[MenuGroup.TOPICS]),
    }
