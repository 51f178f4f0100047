from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The machinery every content page shares: publishing, the page view, print and suggest."""

    name = "embassy.pages"
    label = "pages"
    verbose_name = "Content pages"
