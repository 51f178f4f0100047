from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The image and document library that every kind of page draws on."""

    name = "embassy.media"
    label = "media"
    verbose_name = "Media"
