from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy


class SiteInfoConfig(AppConfig):
    """The embassy's own details: its seal in the header, and how to reach it."""

    name = "embassy.siteinfo"
    label = "siteinfo"
    verbose_name = gettext_lazy("Site")


class EmbassyAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the embassy's site (embassy/siteinfo/admin_site.py)."""

    default = False

    default_site = "embassy.siteinfo.admin_site.EmbassyAdminSite"
