"""Where a page shown on several missions lives: one canonical address, its origin's.

A ministry briefing is shown on every mission that carries it, at the same path on each host;
search engines and readers who share it are given one address, the ministry's site's (the
mission of kind "ministry", else the first mission), so that the copies are not rivals.
"""

from embassy.core import content, generation

from .models import HOME_MISSION_SLUG, Kind, Mission


def origin_host(request, owner_id):
    """The canonical host of the mission a row belongs to (`owner_id`; None: the ministry's),
    or None when it has none (an installation of one mission without host names)."""
    missions, hosts = Mission.known(generation.of_request(request, content.SITE))
    if owner_id is None:
        by_kind = {mission.kind: mission for mission in missions.values()}
        by_slug = {mission.slug: mission for mission in missions.values()}
        owner = by_kind.get(Kind.MINISTRY) or by_slug.get(HOME_MISSION_SLUG)
        owner_id = owner.pk if owner is not None else None
    return next(
        (canonical for mission_id, canonical in hosts.values() if mission_id == owner_id), None
    )


def absolute_origin(request, path, owner_id):
    """`path` made absolute on its origin's host (the request's own when that is the origin or
    has none)."""
    host = origin_host(request, owner_id)
    if (
        host is None
        or getattr(request, "mission", None) is not None
        and request.mission.pk == owner_id
    ):
        return request.build_absolute_uri(path)
    return f"{request.scheme}://{host}{path}"
