from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from embassy.history.admin import HistoryAdmin
from embassy.pages.admin_actions import publish, unpublish, withdraw
from embassy.pages.dates import DatesInRangeAdmin
from embassy.review.admin import PublishingAdmin, StateFilter, submit_for_review

from .models import Article, Section


@admin.register(Section)
class SectionAdmin(TranslationAdmin, HistoryAdmin):
    """The title and intro in every language the site offers, side by side."""

    list_display = ["title", "menu_group", "position", "parent", "show_in_menu"]
    list_editable = ["position", "show_in_menu"]
    list_filter = ["menu_group", "show_in_menu"]
    list_select_related = ["parent"]
    search_fields = ["title", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["menu_group", "position", "title"]


@admin.register(Article)
class ArticleAdmin(PublishingAdmin, DatesInRangeAdmin, HistoryAdmin):
    list_display = ["title", "section", "state", "publish_at"]
    list_filter = [StateFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    ordering = ["section__menu_group", "section__position", "-publish_at"]
    actions = [submit_for_review, publish, unpublish, withdraw]
