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
