from django.utils.functional import SimpleLazyObject

from embassy.core import generation
from embassy.missions.middleware import mission_of

from .models import SiteProfile


def site_profile(request):
    """The seal and contact details, read when a template shows them (once per generation)."""
    return {
        "site_profile": SimpleLazyObject(
            lambda: SiteProfile.of_mission(mission_of(request).pk, generation.of_request(request))
        )
    }
