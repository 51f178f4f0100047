"""The frame's words in every language the site offers (django-modeltranslation): one row, a
column per language (site_name_en, site_name_zh_hans, …). Reading `profile.site_name` gives the
page's language, or the default language's when that one is blank."""

from modeltranslation.translator import TranslationOptions, register

from .models import SiteNotice, SiteProfile, TopTask


@register(SiteProfile)
class SiteProfileTranslationOptions(TranslationOptions):
    fields = ("site_name", "seal_text", "address", "office_hours")


@register(SiteNotice)
class SiteNoticeTranslationOptions(TranslationOptions):
    fields = ("message", "link")


@register(TopTask)
class TopTaskTranslationOptions(TranslationOptions):
    fields = ("title", "description", "link")
