from django.apps import AppConfig


class SuggestingConfig(AppConfig):
    """ "Suggest to a friend": a visitor mails a content page's address to a few friends."""

    name = "embassy.suggesting"
    label = "suggesting"
    verbose_name = "Suggest to a friend"
