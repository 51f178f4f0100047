from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Published briefings, exchanges and pages as JSON, and as bulk files to download."""

    name = "embassy.api"
    label = "api"
    verbose_name = "Open data"
