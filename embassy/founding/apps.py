from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FoundingConfig(AppConfig):
    """A new mission in one step: its host, name, languages and a menu copied from another."""

    name = "embassy.founding"
    label = "founding"
    verbose_name = gettext_lazy("New missions")
