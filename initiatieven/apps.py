from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatives and bottlenecks")

    def ready(self):
        from initiatieven.volgen import registreer_bronnen
        from initiatieven.wijkpagina import registreer_secties

        registreer_secties()
        registreer_bronnen()

        from initiatieven.models import Actie, Bericht, Bijlage, Onderwerp, Statuswijziging
        from wijken import pagecache

        # What each row is tied to, for the page cache (wijken.pagecache).
        pagecache.track(Onderwerp, wijk="wijk", onderwerp="pk", persoon="indiener")
        for model in (Statuswijziging, Bericht, Bijlage):
            pagecache.track(
                model,
                wijk="onderwerp__wijk",
                onderwerp="onderwerp",
                persoon="onderwerp__indiener",
            )
        pagecache.track(Actie, wijk=("onderwerp__wijk", "bezoek__wijk"), onderwerp="onderwerp")
