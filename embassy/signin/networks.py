"""The admin only from given networks (ADMIN_ALLOWED_NETWORKS), when set.

From anywhere else the admin and its sign-in steps are a plain 404: its address stays
unconfirmed. The client is the same as for the other limits (REMOTE_ADDR, or what our own
proxies saw with TRUSTED_PROXY_COUNT); an IPv6 client counts by its /64, so an allowed IPv6
network is a /64 or wider.
"""

import ipaddress

from django.conf import settings
from django.http import Http404

from embassy.limits import client_address

STAFF_NAMESPACES = {"admin", "signin"}


def allowed(request):
    networks = settings.ADMIN_ALLOWED_NETWORKS
    if not networks:
        return True
    try:
        client = ipaddress.ip_network(client_address(request), strict=False)
    except ValueError:
        return False
    return any(
        client.version == network.version and client.subnet_of(network) for network in networks
    )


class AdminNetworksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if STAFF_NAMESPACES & set(request.resolver_match.namespaces) and not allowed(request):
            raise Http404("No such page.")
        return None
