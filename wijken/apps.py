import atexit

from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class WijkenConfig(AppConfig):
    name = "wijken"
    verbose_name = _("Wards")

    def ready(self):
        from wijken import pagecache
        from wijken.models import (
            Bestuursfunctie,
            Bewonersgroep,
            Buurt,
            Buurtgrens,
            Interessereactie,
            Kerncijfers,
            Terugvalregeling,
            TerugvalTaak,
            Volger,
            Wijk,
            Wijkprofessional,
            WijkraadStatuswijziging,
        )

        # What each row is tied to, for the page cache (wijken.pagecache).
        pagecache.track(Wijk, wijk="pk")
        pagecache.track(Buurt, wijk="wijk")
        pagecache.track(Buurtgrens, wijk="buurt__wijk")
        pagecache.track(Kerncijfers, wijk="buurt__wijk")
        pagecache.track(Bewonersgroep, wijk="wijk", groep="pk")
        pagecache.track(Bestuursfunctie, wijk="groep__wijk", groep="groep")
        pagecache.track(Interessereactie, wijk="functie__groep__wijk", persoon="gebruiker")
        pagecache.track(Wijkprofessional, wijk="wijk")
        pagecache.track(WijkraadStatuswijziging, wijk="groep__wijk", groep="groep")
        pagecache.track(Terugvalregeling, wijk="groep__wijk", groep="groep")
        pagecache.track(TerugvalTaak, wijk="regeling__groep__wijk", groep="regeling__groep")
        pagecache.track(Volger, wijk="wijk", persoon="gebruiker")

        # Every database connection gets the write watcher; also one opened before this
        # ran (none in practice). Save, delete and many-to-many receivers on every tracked
        # model of every app (all models are loaded before any app is ready).
        connection_created.connect(pagecache.install, dispatch_uid="pagecache")
        for verbinding in connections.all(initialized_only=True):
            pagecache.install(None, verbinding)
        request_started.connect(pagecache.flush_deferred, dispatch_uid="pagecache-start")
        request_finished.connect(pagecache.flush_deferred, dispatch_uid="pagecache")
        pagecache.connect_signals()
        atexit.register(pagecache.flush_at_exit)

        # SQLite has no unaccent: accent-insensitive search needs our function on every
        # connection (see wijken.zoeken).
        from wijken import zoeken

        connection_created.connect(zoeken.sqlite_functie_registreren, dispatch_uid="zoekvorm")
        for verbinding in connections.all(initialized_only=True):
            zoeken.sqlite_functie_registreren(None, verbinding)
