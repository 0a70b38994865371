"""The benchmark's writer: a working day's writes at a bounded rate, while wrk reads.

A realistic mix of what residents and advisors do, through the same service functions
the pages call, spread over all wards of the seed_load data set: residents submit items,
advisors take workflow steps, answer and note, and screen. Each write is one call of a
service function, so it commits (and raises the page cache's versions) as a request
would. The rate is bounded: the writer sleeps until the next write is due and never
catches up in bursts; it prints how many writes it made and at what rate when stopped.

    DATABASE_URL=postgres://... python scripts/schrijver.py --per-seconde 10

Run by ``scripts/bench.py`` (``make bench``) as a separate process with the benchmark's
environment; it stops on SIGTERM or SIGINT.
"""

import argparse
import os
import random
import signal
import sys
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent

#: The mix: (what, weight). Submissions and workflow steps are most of an advisor's day.
MIX = [("indienen", 3), ("stap", 3), ("bericht", 3), ("screenen", 1)]


class Schrijver:
    """Picks a random ward for every write and performs one of the mix there. Django's
    modules are imported here, after ``django.setup()``."""

    def __init__(self, seed: int):
        from contacten.models import Gebruiker
        from contacten.rollen import Rol
        from initiatieven import permissions, services
        from initiatieven.keuzes import Soort, Status
        from initiatieven.models import Onderwerp, Thema
        from wijken.models import Wijk

        self.Gebruiker, self.Onderwerp, self.Soort, self.Status = (
            Gebruiker,
            Onderwerp,
            Soort,
            Status,
        )
        self.permissions, self.services = permissions, services
        self.rnd = random.Random(seed)  # noqa: S311 - a load mix, not a secret
        self.wijken = list(
            Wijk.objects.filter(wijkadviseur__isnull=False).select_related("wijkadviseur")
        )
        self.bewoners = list(
            Gebruiker.objects.filter(rol=Rol.BEWONER, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:2000]
        )
        self.themas = list(Thema.objects.all())
        self.aantal: dict[str, int] = {}

    def _een_van(self, wijk, *statussen):
        """One of the ward's newest items in ``statussen``, or None when it has none."""
        kandidaten = list(
            self.Onderwerp.objects.filter(wijk=wijk, status__in=statussen)
            .order_by("-pk")
            .values_list("pk", flat=True)[:50]
        )
        if not kandidaten:
            return None
        return self.Onderwerp.objects.select_related("wijk").get(pk=self.rnd.choice(kandidaten))

    def indienen(self, wijk) -> bool:
        bewoner = self.Gebruiker.objects.get(pk=self.rnd.choice(self.bewoners))
        self.services.onderwerp_opslaan(
            indiener=bewoner,
            gegevens={
                "soort": self.rnd.choice(self.Soort.values),
                "titel": f"Speeltuin opknappen {self.rnd.randint(1, 10**6)}",
                "beschrijving": "De speeltoestellen zijn oud; de buurt wil helpen.",
                "wijk": wijk,
                "thema": self.rnd.choice(self.themas),
                "toon_naam": self.rnd.random() < 0.5,
            },
            indienen=True,
        )
        return True

    def stap(self, wijk) -> bool:
        S = self.Status
        onderwerp = self._een_van(wijk, S.INGEDIEND, S.IN_BEHANDELING)
        if onderwerp is None:
            return False
        regels = [
            r
            for r in self.permissions.toegestane_overgangen(wijk.wijkadviseur, onderwerp)
            if not r.via_agenda and r.naar != S.INGETROKKEN
        ]
        if not regels:
            return False
        self.services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=self.rnd.choice(regels).naar,
            door=wijk.wijkadviseur,
            toelichting="We hebben ernaar gekeken.",
            notitie="Met de buitendienst afgestemd.",
            resultaat="Afgerond met de buurt.",
            advies="Graag een besluit.",
            herbezien_voorwaarde="Na de begroting.",
        )
        return True

    def bericht(self, wijk) -> bool:
        onderwerp = self._een_van(wijk, self.Status.IN_BEHANDELING, self.Status.IN_UITVOERING)
        if onderwerp is None:
            return False
        self.services.bericht_plaatsen(
            onderwerp=onderwerp,
            door=wijk.wijkadviseur,
            tekst="Dank voor het doorgeven; we komen erop terug.",
            openbaar=self.rnd.random() < 0.5,
        )
        return True

    def screenen(self, wijk) -> bool:
        onderwerp = self._een_van(wijk, self.Status.INGEDIEND, self.Status.IN_BEHANDELING)
        if onderwerp is None:
            return False
        self.services.onderwerp_screenen(
            onderwerp=onderwerp, door=wijk.wijkadviseur, versie=None, openbaar=True
        )
        return True

    def een(self) -> None:
        """One write of the mix in a random ward (another kind when it has nothing to do)."""
        soorten = [s for s, gewicht in MIX for _ in range(gewicht)]
        wijk = self.rnd.choice(self.wijken)
        for soort in [self.rnd.choice(soorten), *self.rnd.sample(soorten, len(soorten))]:
            if getattr(self, soort)(wijk):
                self.aantal[soort] = self.aantal.get(soort, 0) + 1
                return


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-seconde", type=float, required=True, help="writes per second")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASIS))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    import django

    django.setup()
    schrijver = Schrijver(args.seed)
    gestopt = False

    def stop(*_args):
        nonlocal gestopt
        gestopt = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    interval = 1 / args.per_seconde
    begin = volgende = time.monotonic()
    print("ready", flush=True)
    while not gestopt:
        schrijver.een()
        volgende += interval
        wacht = volgende - time.monotonic()
        if wacht > 0:
            time.sleep(wacht)
        else:
            volgende = time.monotonic()  # behind: no burst to catch up
    duur = time.monotonic() - begin
    totaal = sum(schrijver.aantal.values())
    per_soort = ", ".join(f"{s} {n}" for s, n in sorted(schrijver.aantal.items()))
    print(f"writes {totaal} in {duur:.1f} s = {totaal / duur:.2f}/s ({per_soort})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
