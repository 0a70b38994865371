from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeedenkenConfig(AppConfig):
    name = "meedenken"
    verbose_name = _("Thinking along")

    def ready(self):
        from meedenken import onderwerppagina, wijkpagina
        from meedenken.bezoeken import registreer_bezoekonderwerpen
        from meedenken.ical import registreer_kalender
        from meedenken.volgen import registreer_bronnen
        from meedenken.werkvoorraad import registreer_werkvoorraad

        wijkpagina.registreer_secties()
        onderwerppagina.registreer_secties()
        registreer_bronnen()
        registreer_werkvoorraad()
        registreer_kalender()
        registreer_bezoekonderwerpen()

        from meedenken.models import (
            Aanmelding,
            Bijeenkomst,
            Inbreng,
            Keuzeoptie,
            Meedenkvraag,
            Terugkoppeling,
        )
        from wijken import pagecache

        # A question can concern several wards (or all), so its rows are tied to no one
        # ward: any write raises the model's version, which every page showing it reads.
        for model in (Meedenkvraag, Keuzeoptie, Bijeenkomst, Aanmelding, Terugkoppeling):
            pagecache.track(model)
        pagecache.track(Inbreng, persoon="gebruiker")
