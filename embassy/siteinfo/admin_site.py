"""The admin as the embassy's staff see it: named for the site, its models grouped and named
in the embassy's words, and dates that say which clock they are on."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from embassy.pages.dates import ZonedSplitDateTime

# The index's groups, in order: (heading, the models under it as "app_label.ModelName").
# Models not named here keep their own app's heading, after these.
ADMIN_GROUPS = [
    (gettext_lazy("Menu & pages"), ["sections.Section", "sections.Article"]),
    (gettext_lazy("Briefings"), ["transcripts.Briefing"]),
    (gettext_lazy("People & outlets"), ["transcripts.Spokesperson", "transcripts.Outlet"]),
    (gettext_lazy("Topics"), ["transcripts.Topic"]),
    (gettext_lazy("Media"), ["media.Image", "media.Document"]),
    (gettext_lazy("Site"), ["siteinfo.SiteProfile", "missions.Mission"]),
    (gettext_lazy("Users & access"), ["auth.User", "auth.Group"]),
]


class EmbassyAdminSite(admin.AdminSite):
    site_title = format_lazy(gettext_lazy("{site} admin"), site=settings.SITE_NAME)
    site_header = format_lazy(gettext_lazy("{site} — site administration"), site=settings.SITE_NAME)
    index_title = gettext_lazy("Site administration")

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        models_ = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in models_:
            model_admin = self._registry[model]
            model_admin.formfield_overrides = {
                **model_admin.formfield_overrides,
                models.DateTimeField: {
                    **model_admin.formfield_overrides.get(models.DateTimeField, {}),
                    "widget": ZonedSplitDateTime,
                },
            }

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label:
            return apps
        by_name = {
            f"{app['app_label']}.{model['object_name']}": (app, model)
            for app in apps
            for model in app["models"]
        }
        grouped = []
        for heading, names in ADMIN_GROUPS:
            found = [by_name.pop(name) for name in names if name in by_name]
            if found:
                grouped.append({**found[0][0], "name": heading, "models": [m for _a, m in found]})
        for app in apps:
            rest = [m for m in app["models"] if f"{app['app_label']}.{m['object_name']}" in by_name]
            if rest:
                grouped.append({**app, "models": rest})
        return grouped
