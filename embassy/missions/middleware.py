"""Which mission a request is for: the one whose host name it was sent to.

Outermost but the request id, so that the page cache (below) stores and finds pages under the
mission's own scope, and no request of one mission is ever answered with another's page. An
unknown host is a 404 of its own, never the first mission's site; a mission's other host names
redirect permanently to its canonical one. An installation of one mission answers every host
that ALLOWED_HOSTS lets through, as it did before missions; with ALLOWED_HOSTS_FROM_MISSIONS,
the missions' host names are the hosts allowed, and any other is unknown.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.utils.translation import get_language_from_path

from embassy.core import content, generation

from .models import HOME_MISSION_SLUG, Mission, normal_host

# Answered whatever the host (a load balancer's checks name a server by its address), and
# without the database.
MISSION_FREE_PATHS = ("/healthz", "/readyz")

# Where the request keeps its mission (a row shared by the process's requests: read, never
# changed).
REQUEST_MISSION = "mission"


def mission_of(request):
    """The mission `request` is for: the one its host names, or (a request that did not pass
    the middleware: a template rendered for a command, a test's request factory) the home
    mission."""
    mission = getattr(request, REQUEST_MISSION, None)
    if mission is None:
        missions, _hosts = Mission.known(generation.current(content.SITE))
        mission = next((m for m in missions.values() if m.slug == HOME_MISSION_SLUG), None)
        mission = mission or Mission.home()
    return mission


class MissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in MISSION_FREE_PATHS:
            return self.get_response(request)
        host = request.get_host()  # refuses hosts ALLOWED_HOSTS does not allow (400)
        try:
            missions, hosts = Mission.known(generation.of_request(request, content.SITE))
        except DatabaseError:
            # The database is down and the missions not known in this process: the view's own
            # read fails the same way and answers with the outage's 503 (HTML or the API's
            # JSON); nothing is stored or kept without a mission.
            return self.get_response(request)
        found = hosts.get(normal_host(host))
        if found is None and len(missions) <= 1 and not settings.ALLOWED_HOSTS_FROM_MISSIONS:
            mission = next(iter(missions.values()), None) or Mission.home()
        elif found is None:
            return unknown_host(normal_host(host))
        else:
            mission_id, canonical = found
            mission = missions[mission_id]
            if canonical != normal_host(host):
                return HttpResponsePermanentRedirect(
                    f"{request.scheme}://{with_port(canonical, host)}{request.get_full_path()}"
                )
        prefixed = get_language_from_path(request.path_info)
        if prefixed is not None and prefixed not in mission.language_list:
            return unknown_host(normal_host(host), language=prefixed)
        if request.path_info == "/" and mission.default_language != settings.LANGUAGE_CODE:
            # Its home page is in its own default language (a consulate in Vietnamese).
            return HttpResponseRedirect(f"/{mission.default_language}/")
        setattr(request, REQUEST_MISSION, mission)
        setattr(request, generation.REQUEST_SCOPE, mission.scope)
        return self.get_response(request)


def with_port(canonical, host):
    """The canonical host with the request's port (a development server's), if it had one."""
    _domain, port = split_domain_port(host)
    return f"{canonical}:{port}" if port else canonical


def unknown_host(host, language=None):
    """The plain 404 of an address no mission answers: nothing of any mission's content."""
    html = render_to_string("missions/unknown_host.html", {"host": host, "language": language})
    response = HttpResponseNotFound(html)
    response["Cache-Control"] = "no-store"
    return response
