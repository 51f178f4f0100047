from .endpoints import api
from .http import open_data_urls

# ninja names its URLs under the API's namespace, "api" (reverse("api:openapi-json")).
app_name = api.urls_namespace
urlpatterns = open_data_urls(api.urls[0])
