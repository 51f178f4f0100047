from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate

from .roles import sync_roles_after_migrate


class ReviewConfig(AppConfig):
    name = "embassy.review"
    label = "review"
    verbose_name = "Review"

    def ready(self):
        # After every migrate, the groups' permissions are the table in roles.py again.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
        from .drafts import drop_draft_change
        from .roles import REVIEWED

        for name in REVIEWED:
            # A deleted page's draft change would wait for review with nothing to publish.
            post_delete.connect(drop_draft_change, sender=apps.get_model(name))
