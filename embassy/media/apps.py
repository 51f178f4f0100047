from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MediaConfig(AppConfig):
    """The image and document library that every kind of page draws on."""

    name = "embassy.media"
    label = "media"
    verbose_name = gettext_lazy("Media")
