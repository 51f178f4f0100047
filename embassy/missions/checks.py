"""ALLOWED_HOSTS follows the missions: a host a mission answers to that the setting refuses is
a site nobody can reach; a host the setting allows that no mission has is answered with the
unknown-host page. With ALLOWED_HOSTS_FROM_MISSIONS the missions' hosts are the allowed ones:
without any, nothing is served."""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError
from django.http.request import validate_host

from .models import MissionHost


@register("missions", deploy=False)
def hosts_follow_missions(app_configs=None, databases=None, **kwargs):
    if not databases:  # `manage.py check --database default` (and migrate) read the missions
        return []
    try:
        hosts = list(MissionHost.objects.values_list("host", flat=True))
    except DatabaseError:  # not migrated yet
        return []
    if settings.ALLOWED_HOSTS_FROM_MISSIONS and not hosts:
        return [
            Warning(
                "ALLOWED_HOSTS_FROM_MISSIONS is on and no mission has a host name: every "
                "request is answered with the unknown-host page.",
                hint="Add a host name to a mission (the Missions admin, or add_mission --host).",
                id="missions.W002",
            )
        ]
    refused = [host for host in hosts if not validate_host(host, settings.ALLOWED_HOSTS)]
    return [
        Warning(
            f"The mission host name {host!r} is not in ALLOWED_HOSTS: requests to it are refused.",
            hint="Add it to ALLOWED_HOSTS (comma-separated), or remove the host name.",
            id="missions.W001",
        )
        for host in refused
    ]
