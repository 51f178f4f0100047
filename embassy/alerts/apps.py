from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts for new briefings, topics, outlets, spokespeople and searches."""

    name = "embassy.alerts"
    label = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from . import signals  # noqa: F401  (connects the "a briefing was saved" receiver)
