from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .roles import sync_roles_after_migrate


class ReviewConfig(AppConfig):
    name = "embassy.review"
    label = "review"
    verbose_name = "Review"

    def ready(self):
        # After every migrate, the groups' permissions are the table in roles.py again.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
