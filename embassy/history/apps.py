from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "embassy.history"
    label = "history"
    verbose_name = "History"
