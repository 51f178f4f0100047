from django.views.generic import TemplateView


class ContactView(TemplateView):
    """The contact page: address, telephones, office hours and email, from the admin."""

    template_name = "siteinfo/contact.html"
    query_parameters = {}  # embassy/pagecache/parameters.py
