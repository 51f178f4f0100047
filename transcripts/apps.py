from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TranscriptsConfig(AppConfig):
    name = "transcripts"
    verbose_name = gettext_lazy("Briefings")

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from embassy.core import content

        # Topics are taggit's rows, shown on briefings, exchanges, articles and the tag pages.
        content.register(Tag, TaggedItem)
