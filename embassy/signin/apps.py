from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "embassy.signin"
    label = "signin"
    verbose_name = "Staff sign-in"
