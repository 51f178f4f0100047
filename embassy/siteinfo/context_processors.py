from django.utils.functional import SimpleLazyObject

from .models import SiteProfile


def site_profile(request):
    """The seal and contact details, read when a template shows them (from the cache)."""
    return {"site_profile": SimpleLazyObject(SiteProfile.current)}
