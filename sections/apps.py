from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SectionsConfig(AppConfig):
    name = "sections"
    verbose_name = gettext_lazy("Menu & pages")
