from django.apps import AppConfig


class TranscriptsConfig(AppConfig):
    name = "transcripts"
    verbose_name = "Briefings"

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from embassy.core import content

        # Topics are taggit's rows, shown on briefings, exchanges, articles and the tag pages.
        content.register(Tag, TaggedItem)
