"""Meeting pages under /vergaderingen/: public agendas and decisions, the griffie's management."""

from django.urls import path

from contacten import views

app_name = "contacten"

urlpatterns = [
    # Public
    path("", views.vergaderingen, name="vergaderingen"),
    path("<int:pk>/", views.vergadering, name="vergadering"),
    path("toezeggingen/", views.toezeggingen, name="toezeggingen"),
    # College and griffie
    path("agenda/", views.agenda, name="agenda"),
    path("nieuw/", views.vergadering_nieuw, name="vergadering_nieuw"),
    path("<int:pk>/bewerken/", views.vergadering_bewerken, name="vergadering_bewerken"),
    path("<int:pk>/status/", views.vergadering_status, name="vergadering_status"),
    path("<int:pk>/agendapunt/", views.agendapunt_nieuw, name="agendapunt_nieuw"),
    path("agendapunten/<int:pk>/", views.agendapunt_bewerken, name="agendapunt_bewerken"),
    path(
        "agendapunten/<int:pk>/verschuiven/",
        views.agendapunt_verschuiven,
        name="agendapunt_verschuiven",
    ),
    path("toezeggingen/<int:pk>/", views.toezegging_status, name="toezegging_status"),
]
