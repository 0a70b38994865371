from django.apps import AppConfig
from django.db.models.signals import post_delete
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
            Inbrengbijlage,
            Keuzeoptie,
            Meedenkvraag,
            Terugkoppeling,
            Vraagbijlage,
        )
        from wijken import pagecache

        # A question can concern several wards (or all), so its rows are tied to no one
        # ward; they are tied to their question, so that a write of one question's
        # responses, options or meeting leaves the other questions' pages in the cache.
        pagecache.track(Meedenkvraag, vraag="pk")
        for model in (Keuzeoptie, Bijeenkomst, Terugkoppeling, Vraagbijlage):
            pagecache.track(model, vraag="vraag")
        pagecache.track(Aanmelding, vraag="bijeenkomst__vraag", persoon="gebruiker")
        pagecache.track(Inbreng, vraag="vraag", persoon="gebruiker")
        pagecache.track(Inbrengbijlage, vraag="inbreng__vraag", persoon="inbreng__gebruiker")

        # However a row goes (removed, replaced, with its response, question or the
        # respondent's account, or by the retention run), its file goes after the commit.
        for model in (Vraagbijlage, Inbrengbijlage):
            post_delete.connect(_bestand_weg, sender=model, dispatch_uid=f"bestand_weg_{model}")


def _bestand_weg(sender, instance, **kwargs):
    from initiatieven.bijlagen import bestanden_verwijderen_na_commit

    bestanden_verwijderen_na_commit([instance.bestand.name], instance.bestand.storage)
