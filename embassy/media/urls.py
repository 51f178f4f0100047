from django.urls import path, re_path

from . import views

app_name = "media"

urlpatterns = [
    # A key is 16 hex digits (models.new_key); an id is shorter, and only ever digits.
    re_path(r"^documents/(?P<key>[0-9a-f]{16})/$", views.document_download, name="document"),
    path("documents/<int:pk>/", views.numbered_document, name="numbered-document"),
]
