from django.utils.functional import SimpleLazyObject

from .models import SiteProfile


def site_profile(request):
    """The seal and contact details, read when a template shows them (once per generation)."""
    return {"site_profile": SimpleLazyObject(lambda: SiteProfile.of_request(request))}
