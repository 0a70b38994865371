"""Pages of items: public, the resident's, and the ward officials'."""

from django.urls import path

from initiatieven.views import agenda, indienen, publiek, werkvoorraad

app_name = "initiatieven"

urlpatterns = [
    # Public
    path("", publiek.lijst, name="lijst"),
    path("<int:pk>/", publiek.onderwerp, name="onderwerp"),
    path("<int:pk>/bijlagen/<int:bijlage>/", publiek.bijlage, name="bijlage"),
    path("<int:pk>/volgen/", publiek.volgen, name="volgen"),
    path("<int:pk>/ontvolgen/", publiek.ontvolgen, name="ontvolgen"),
    # Residents
    path("initiatief-indienen/", indienen.initiatief_indienen, name="initiatief_indienen"),
    path("knelpunt-melden/", indienen.knelpunt_melden, name="knelpunt_melden"),
    path("mijn-inbreng/", indienen.mijn_inbreng, name="mijn_inbreng"),
    path("<int:pk>/bewerken/", indienen.concept_bewerken, name="concept_bewerken"),
    path("<int:pk>/verwijderen/", indienen.concept_verwijderen, name="concept_verwijderen"),
    path("<int:pk>/ontvangen/", indienen.bevestiging, name="bevestiging"),
    path("<int:pk>/intrekken/", indienen.intrekken, name="intrekken"),
    # Ward officials
    path("werkvoorraad/", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/herbezien/", werkvoorraad.herbezien, name="herbezien"),
    path("voor-besluit/", werkvoorraad.wethouder, name="wethouder"),
    path("<int:pk>/triage/", werkvoorraad.triage, name="triage"),
    path("<int:pk>/screenen/", werkvoorraad.screenen, name="screenen"),
    path("<int:pk>/rol/", werkvoorraad.rol, name="rol"),
    path("<int:pk>/stap/", werkvoorraad.stap, name="stap"),
    path("<int:pk>/bericht/", werkvoorraad.bericht, name="bericht"),
    path("<int:pk>/acties/", werkvoorraad.actie_toevoegen, name="actie_toevoegen"),
    path("acties/<int:pk>/", werkvoorraad.actie_afvinken, name="actie_afvinken"),
    # Up to the agenda: the alderman, the griffie
    path("agenderen/", agenda.agenderen, name="agenderen"),
    path("agenda/", agenda.agenda_griffie, name="agenda_griffie"),
    path(
        "agenda/voorstellen/<int:pk>/accepteren/",
        agenda.voorstel_accepteren,
        name="voorstel_accepteren",
    ),
    path(
        "agenda/voorstellen/<int:pk>/verplaatsen/",
        agenda.voorstel_verplaatsen,
        name="voorstel_verplaatsen",
    ),
    path(
        "agenda/voorstellen/<int:pk>/teruggeven/",
        agenda.voorstel_teruggeven,
        name="voorstel_teruggeven",
    ),
    path("agenda/punten/<int:pk>/besluit/", agenda.besluit, name="besluit"),
]
