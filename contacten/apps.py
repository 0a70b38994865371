from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactenConfig(AppConfig):
    name = "contacten"
    verbose_name = _("Contacts and accounts")

    def ready(self):
        from contacten.volgen import registreer_bronnen

        registreer_bronnen()

        from contacten.audit import signalen_verbinden

        signalen_verbinden()

        from contacten.models import (
            Agendapunt,
            Besluit,
            Bezoek,
            Contactmoment,
            Gebruiker,
            Toezegging,
        )
        from wijken import pagecache

        # What each row is tied to, for the page cache (wijken.pagecache). Meetings,
        # agenda items, decisions and college terms are the city's: cached for all.
        # The language a person uses shows on no page (only in their emails).
        pagecache.track(Gebruiker, persoon="pk", ignore=["last_login", "taal"])
        pagecache.track(Bezoek, wijk="wijk")
        pagecache.track(Contactmoment, wijk="wijk", groep="groep")
        pagecache.track(Agendapunt, wijk="onderwerpen__wijk")
        pagecache.track(Besluit, wijk="agendapunt__onderwerpen__wijk")
        pagecache.track(Toezegging, wijk="wijk")
