from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search across briefings, their exchanges and articles, on PostgreSQL and on SQLite."""

    name = "embassy.search"
    label = "search"
    verbose_name = "Search"
