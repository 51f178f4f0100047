from django.utils.functional import SimpleLazyObject

from embassy.core import generation

from .models import SiteProfile


def site_profile(request):
    """The seal and contact details, read when a template shows them (once per generation)."""
    return {
        "site_profile": SimpleLazyObject(
            lambda: SiteProfile.current(generation.of_request(request))
        )
    }
