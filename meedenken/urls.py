from django.urls import path

from meedenken import views

app_name = "meedenken"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.vraag, name="vraag"),
    path("<int:pk>/reageren/", views.reageren, name="reageren"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("<int:pk>/inbreng/", views.inbreng, name="inbreng"),
    path("<int:pk>/bijlagen/<int:bijlage>/", views.vraagbijlage, name="vraagbijlage"),
    path("<int:pk>/inbreng/<int:inbreng>/bijlage/", views.inbrengbijlage, name="inbrengbijlage"),
    path("<int:pk>/bijeenkomst/", views.bijeenkomst, name="bijeenkomst"),
    path("<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("<int:pk>/terugkoppeling/", views.terugkoppeling, name="terugkoppeling"),
    path(
        "<int:pk>/terugkoppeling/publiceren/",
        views.terugkoppeling_publiceren,
        name="terugkoppeling_publiceren",
    ),
]
