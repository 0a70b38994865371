"""The contact log under /contactmomenten/: for the ward's designated officials only."""

from django.urls import path

from contacten import views_contactmomenten as views

app_name = "contactmomenten"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/vervolg/", views.vervolg, name="vervolg"),
]
