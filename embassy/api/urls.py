from django.urls import include, path, re_path

from .endpoints import api
from .http import (
    VERSION,
    moved_to_current_version,
    no_such_version,
    not_found,
    open_data_urls,
)

# ninja names its URLs under the API's namespace, "api" (reverse("api:openapi-json")).
app_name = api.urls_namespace
urlpatterns = [
    path(f"{VERSION}/", include([*open_data_urls(api.urls[0]), re_path(r"", not_found)])),
    re_path(r"^(?P<version>v\d+)/(?P<rest>.*)$", no_such_version),
    re_path(r"^(?P<rest>.*)$", moved_to_current_version),
]
