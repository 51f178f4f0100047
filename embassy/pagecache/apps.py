from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "embassy.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"
