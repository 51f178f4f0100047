from embassy.siteinfo.models import SiteProfile


def site(request):
    """The embassy's name in the page's language, as staff wrote it (the SITE_NAME setting
    until they do): the header, the title, the footer, the letterhead and the page metadata
    read it. A plain string, read from the profile kept per content generation."""
    return {"site_name": SiteProfile.of_request(request).name}
