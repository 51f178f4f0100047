from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MissionsConfig(AppConfig):
    """The missions an installation serves, each by its host names."""

    name = "embassy.missions"
    label = "missions"
    verbose_name = gettext_lazy("Missions")

    def ready(self):
        from . import checks  # noqa: F401 - registers the ALLOWED_HOSTS check
