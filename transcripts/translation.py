"""Outlets and spokespeople named in every language the site offers (django-modeltranslation).

One row per outlet or person, its name written in each language (name_en, name_zh_hans,
name_vi): the English transcript's "AFP" and the Chinese one's "法新社" are one outlet, whose
page and questions are one list. Reading `outlet.name` gives the current language's, or the
default language's when that one is blank. The importer fills them from
transcripts/known_names.py.
"""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import Outlet, Spokesperson


@register(Outlet)
class OutletTranslationOptions(TranslationOptions):
    fields = ("name",)
    # A name not yet written in a language is NULL, not "": never two blanks that collide.
    empty_values = {"name": None}


@register(Spokesperson)
class SpokespersonTranslationOptions(TranslationOptions):
    fields = ("name", "role")
    empty_values = {"name": None}


# Registered for revisions here, once every language's columns exist, so that a revision holds
# the name in each language (see sections/translation.py).
reversion.register(Outlet)
reversion.register(Spokesperson)
