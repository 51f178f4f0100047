from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("documents/<int:pk>/", views.document_download, name="document"),
]
