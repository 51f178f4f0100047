from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content of `make run`: the seed page's menu and briefing (`load_demo`)."""

    name = "embassy.demo"
    label = "demo"
    verbose_name = "Demo content"
