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
