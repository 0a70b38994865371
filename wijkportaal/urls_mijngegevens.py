"""'My data' (mijn gegevens): the overview, the download and deleting the account."""

from django.urls import path

from wijkportaal import views_mijngegevens as views

app_name = "mijngegevens"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("download/", views.download, name="download"),
    path("naam/", views.naam_wijzigen, name="naam_wijzigen"),
    path("verwijderen/", views.verwijderen, name="verwijderen"),
    path("verwijderd/", views.verwijderd, name="verwijderd"),
]
