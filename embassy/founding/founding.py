"""A new mission in one step: its host names, its name in each of its languages, an empty
profile for its contact details and a menu copied from a template mission.

The one way to found a mission, for `manage.py add_mission` and the admin alike: one
transaction, so a refused host or a failing copy leaves nothing half-made.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from embassy.missions.models import Kind, Mission, MissionHost, normal_host, validate_languages
from embassy.siteinfo.models import SiteProfile
from sections.models import Section
from sections.translation import SectionTranslationOptions

# What a copied section keeps of its template: its words in every language and its place.
COPIED_SECTION_FIELDS = ("slug", "menu_group", "position", "show_in_menu")


@dataclass(frozen=True)
class Founded:
    mission: Mission
    sections: int


def check_hosts(hosts):
    taken = set(MissionHost.objects.filter(host__in=hosts).values_list("host", flat=True))
    if taken:
        raise ValidationError(
            "Already the host name of a mission: %(hosts)s.",
            params={"hosts": ", ".join(sorted(taken))},
        )


@transaction.atomic
def found_mission(
    *,
    host,
    name,
    languages,
    default_language=None,
    slug=None,
    kind=Kind.EMBASSY,
    aliases=(),
    template=None,
    menu=None,
):
    """The new Mission answering `host` (and `aliases`, which redirect to it), named `name` in
    each of `languages` (a list of codes), with the menu of `template` (the home mission when
    not told; only the sections whose slugs `menu` lists, when given)."""
    validate_languages(",".join(languages))
    hosts = [normal_host(host), *(normal_host(alias) for alias in aliases)]
    check_hosts(hosts)
    default_language = default_language or languages[0]
    if default_language not in languages:
        raise ValidationError("The default language must be one of its languages.")
    slug = slug or hosts[0].split(".")[0]
    if Mission.objects.filter(slug=slug).exists():
        raise ValidationError("A mission is already called %(slug)s.", params={"slug": slug})
    mission = Mission(
        slug=slug, kind=kind, languages=",".join(languages), default_language=default_language
    )
    mission.full_clean()
    mission.save()
    for position, each in enumerate(hosts):
        MissionHost.objects.create(mission=mission, host=each, is_canonical=position == 0)
    profile = SiteProfile(mission=mission)
    for code in languages:
        setattr(profile, build_localized_fieldname("site_name", code), name)
    profile.save()
    copied = copy_menu(template or Mission.home(), mission, menu)
    return Founded(mission, copied)


def copy_menu(template, mission, only=None):
    """The template mission's sections (parents before children), in every language, as the
    new mission's own; their pages are not copied."""
    sections = Section.objects.shown_on(template).order_by("parent_id", "pk")
    if only is not None:
        sections = sections.filter(slug__in=only)
    translated = [
        build_localized_fieldname(field, code)
        for field in SectionTranslationOptions.fields
        for code in mission.language_list
    ]
    copies = {}
    for section in sorted(sections, key=lambda s: s.parent_id is not None):
        copy = Section(mission=mission, parent=copies.get(section.parent_id))
        for field in (*COPIED_SECTION_FIELDS, *translated):
            setattr(copy, field, getattr(section, field))
        copy.save()
        copies[section.pk] = copy
    return len(copies)
