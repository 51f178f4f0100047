from django.apps import AppConfig
from django.db.backends.signals import connection_created

from . import generation


class CoreConfig(AppConfig):
    name = "embassy.core"
    label = "core"
    verbose_name = "Content changed"

    def ready(self):
        # Every database connection reports its writes: see generation.watch_writes.
        connection_created.connect(generation.watch_connection)
