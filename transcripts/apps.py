from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TranscriptsConfig(AppConfig):
    name = "transcripts"
    verbose_name = gettext_lazy("Briefings")
