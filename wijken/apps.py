from django.apps import AppConfig
from django.core.signals import request_finished
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class WijkenConfig(AppConfig):
    name = "wijken"
    verbose_name = _("Wards")

    def ready(self):
        from wijken import gegevensversie

        # Every database connection gets the wrapper that raises the data version on
        # writes; also one opened before this ran (none in practice).
        connection_created.connect(gegevensversie.installeer, dispatch_uid="gegevensversie")
        request_finished.connect(gegevensversie.alles_inhalen, dispatch_uid="gegevensversie")
        for verbinding in connections.all(initialized_only=True):
            gegevensversie.installeer(None, verbinding)
