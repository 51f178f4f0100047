"""The two roles, as groups whose permissions are exactly this table (kept so after every migrate).

An Editor creates and edits drafts, imports transcripts and submits them for review; a Publisher
also publishes, schedules, withdraws, unpublishes and deletes. Superusers keep everything.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import transaction

EDITOR, PUBLISHER = "Editor", "Publisher"

# What goes through review: the dated content of the site.
REVIEWED = ["sections.article", "transcripts.briefing"]

_EDITOR = {
    "sections.section": ["view"],
    "sections.article": ["view", "add", "change"],
    "transcripts.briefing": ["view", "add", "change"],
    "transcripts.exchange": ["view", "add", "change", "delete"],
    "transcripts.outlet": ["view", "add", "change"],
    "transcripts.spokesperson": ["view", "add", "change"],
    "transcripts.oldbriefingaddress": ["view"],
    "media.image": ["view", "add", "change"],
    "media.document": ["view", "add", "change"],
    "history.change": ["view"],
}
_PUBLISHER_MORE = {
    "sections.section": ["add", "change", "delete"],
    "sections.article": ["delete", "publish"],
    "transcripts.briefing": ["delete", "publish"],
    "transcripts.outlet": ["delete"],
    "transcripts.spokesperson": ["delete"],
    "transcripts.oldbriefingaddress": ["change", "delete"],
    "media.image": ["delete"],
    "media.document": ["delete"],
    # The sign-in log (django-axes' own records): who signed in, and the failed tries.
    "axes.accesslog": ["view"],
    "axes.accessfailurelog": ["view"],
    # The Review entry of the admin's home page and sidebar: what waits, and every review note.
    "review.reviewnote": ["view"],
}


def _merged(*tables):
    merged = {}
    for table in tables:
        for model, actions in table.items():
            merged.setdefault(model, []).extend(
                a for a in actions if a not in merged.get(model, [])
            )
    return merged


# Role -> {"app_label.model": [action, ...]}; the permission is "<action>_<model>".
ROLES = {EDITOR: _EDITOR, PUBLISHER: _merged(_EDITOR, _PUBLISHER_MORE)}


def role_permissions(role):
    """The (app_label, codename) pairs of `role`."""
    pairs = set()
    for model, actions in ROLES[role].items():
        app_label, model_name = model.split(".")
        pairs.update((app_label, f"{action}_{model_name}") for action in actions)
    return pairs


@transaction.atomic
def sync_roles(apps=global_apps, using="default"):
    """Create the groups if missing and give each exactly its permissions from ROLES."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        wanted = role_permissions(role)
        permissions = [
            p
            for p in Permission.objects.using(using).filter(
                content_type__app_label__in={app for app, _ in wanted}
            )
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            raise LookupError(f"Role {role} names unknown permissions: {sorted(missing)}")
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(permissions)


def sync_roles_after_migrate(app_config, using="default", apps=global_apps, **kwargs):
    # Each app's permissions are created on its own post_migrate; make sure those the roles
    # name exist before they are given.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using, apps=apps)
    sync_roles(global_apps, using=using)
