from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """The languages the site offers: names, the switcher, hreflang links, translation links."""

    name = "embassy.languages"
    label = "languages"
    verbose_name = "Languages"
