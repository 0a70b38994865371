"""Ward pages under /wijken/. Wards are addressed by their CBS code, e.g. /wijken/WK999901/."""

from django.urls import path, register_converter

from wijken import views, views_volgen


class WijkcodeConverter:
    regex = r"WK\d{4}[0-9A-Z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(WijkcodeConverter, "wijkcode")

app_name = "wijken"

urlpatterns = [
    # Public
    path("", views.lijst, name="lijst"),
    path("vacatures/", views.vacatures, name="vacatures"),
    path("vacatures/<int:pk>/interesse/", views.interesse, name="interesse"),
    path("<wijkcode:code>/", views.wijk, name="wijk"),
    # Following a ward (signed in) and unsubscribing from its email (the signed link)
    path("volgen/", views_volgen.gevolgd, name="gevolgd"),
    path("<wijkcode:code>/volgen/", views_volgen.volgen, name="volgen"),
    path("<wijkcode:code>/ontvolgen/", views_volgen.ontvolgen, name="ontvolgen"),
    path("afmelden/<str:token>/", views_volgen.afmelden, name="afmelden"),
    path("<wijkcode:code>/vacatures/", views.vacatures, name="wijk_vacatures"),
    path("groepen/<int:pk>/", views.groep, name="groep"),
    # Ward staff
    path("<wijkcode:code>/beheer/", views.wijk_beheer, name="wijk_beheer"),
    path("<wijkcode:code>/groepen/nieuw/", views.groep_nieuw, name="groep_nieuw"),
    path(
        "<wijkcode:code>/professionals/nieuw/", views.professional_nieuw, name="professional_nieuw"
    ),
    path("groepen/<int:pk>/bewerken/", views.groep_bewerken, name="groep_bewerken"),
    path("groepen/<int:pk>/status/", views.wijkraad_status, name="wijkraad_status"),
    path("groepen/<int:pk>/terugvalregeling/", views.terugvalregeling, name="terugvalregeling"),
    path(
        "professionals/<int:pk>/bewerken/",
        views.professional_bewerken,
        name="professional_bewerken",
    ),
    path(
        "professionals/<int:pk>/verwijderen/",
        views.professional_verwijderen,
        name="professional_verwijderen",
    ),
    # Ward staff and the group's contact persons
    path("groepen/<int:pk>/beheer/", views.groep_beheer, name="groep_beheer"),
    path("groepen/<int:pk>/functies/nieuw/", views.functie_nieuw, name="functie_nieuw"),
    path("functies/<int:pk>/bewerken/", views.functie_bewerken, name="functie_bewerken"),
    path("functies/<int:pk>/verwijderen/", views.functie_verwijderen, name="functie_verwijderen"),
]
