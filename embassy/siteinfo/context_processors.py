from django.utils.functional import SimpleLazyObject

from embassy.pagecache.invalidation import generation_of

from .models import SiteProfile


def site_profile(request):
    """The seal and contact details, read when a template shows them (once per generation)."""
    return {"site_profile": SimpleLazyObject(lambda: SiteProfile.current(generation_of(request)))}
