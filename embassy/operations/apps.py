from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "embassy.operations"
    label = "operations"
    verbose_name = "Operations"
