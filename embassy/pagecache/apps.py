from django.apps import AppConfig
from django.db.backends.signals import connection_created

from . import invalidation


class PageCacheConfig(AppConfig):
    name = "embassy.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        # Every database connection reports its writes: see invalidation.watch_writes.
        connection_created.connect(invalidation.watch_connection)
