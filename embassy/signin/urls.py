from django.urls import path

from . import views

app_name = "signin"

# Included under the admin's address, before the admin itself.
urlpatterns = [
    path("", views.SecondFactorView.as_view(), name="second-factor"),
    path("enrol/", views.EnrolView.as_view(), name="enrol"),
    path("invitation/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
