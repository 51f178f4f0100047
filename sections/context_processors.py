from .models import MenuGroup, Section


def menu(request):
    """The site menu on every page, from one query: top-level sections with their children."""
    sections = list(Section.objects.in_menu())
    children = {}
    for section in sections:
        if section.parent_id:
            children.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.menu_children = children.get(section.pk, [])
    top = [s for s in sections if s.parent_id is None]
    return {
        "main_menu": [s for s in top if s.menu_group == MenuGroup.MAIN],
        "topics_menu": [s for s in top if s.menu_group == MenuGroup.TOPICS],
    }
