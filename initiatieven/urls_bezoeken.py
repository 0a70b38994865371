"""Visits to the wards under /bezoeken/: the term overview, a visit's page, planning it
with topics from the ward's items, its report and follow-up actions, and calendar feeds.

The models live in ``contacten``; the pages sit here because they choose topics from and
add actions to items (``initiatieven`` may import ``contacten``, not the other way round).
"""

from django.urls import path

from initiatieven.views import bezoeken as views

app_name = "bezoeken"

urlpatterns = [
    # Public
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.bezoek, name="bezoek"),
    path("agenda.ics", views.ical_feed, name="ical"),
    path("wijk/<str:code>/agenda.ics", views.ical_wijk, name="ical_wijk"),
    # Who may manage the ward's visits
    path("plannen/", views.plannen, name="plannen"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/annuleren/", views.annuleren, name="annuleren"),
    path("<int:pk>/verslag/", views.verslag, name="verslag"),
    path("<int:pk>/acties/", views.actie_toevoegen, name="actie_toevoegen"),
    path("acties/<int:pk>/afvinken/", views.actie_afvinken, name="actie_afvinken"),
]
