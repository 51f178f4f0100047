"""Menu sections in every language the site offers (django-modeltranslation).

A section is structure, not dated content: one row per menu entry whose title and intro are
written in each language (title_en, title_zh_hans, …). Reading `section.title` gives the
current language's, or the default language's when that one is blank.
"""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


# Registered for revisions here, once every language's columns exist, so that a revision holds
# the title and intro in each language (registered in models.py, it would hold only the
# default's).
reversion.register(Section)
