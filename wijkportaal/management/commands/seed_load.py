import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from wijkportaal import laaddata


class Command(BaseCommand):
    help = (
        "Build a large municipality for load tests and the benchmark (PostgreSQL; the "
        "--small preset also runs on SQLite). Every account is a demo account."
    )

    def add_arguments(self, parser):
        standaard = laaddata.Omvang()
        for vlag, uitleg in (
            ("wijken", "wards"),
            ("buurten", "neighbourhoods"),
            ("groepen", "groups, one ward council per ward included"),
            ("gebruikers", "accounts in total, staff included"),
            ("onderwerpen", "items"),
            ("jaren", "years of history"),
        ):
            standaardwaarde = getattr(standaard, vlag)
            parser.add_argument(
                f"--{vlag}",
                type=int,
                default=standaardwaarde,
                help=f"{uitleg} ({standaardwaarde:,})",
            )
        parser.add_argument(
            "--small",
            action="store_true",
            help="10 wards, 30 neighbourhoods, 60 groups, 500 accounts, 2,000 items (instead of "
            "the size flags)",
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply every size (after --small)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed: same seed, same day, same data"
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="empty the portal's tables first (accounts, wards, items, sessions …)",
        )
        parser.add_argument(
            "--ik-weet-het",
            action="store_true",
            dest="ik_weet_het",
            help="run outside demo mode, e.g. on the benchmark database",
        )

    def handle(self, *args, **opties):
        # The accounts have a published password: only in demo mode (DEMO and DEBUG), or
        # on a database someone explicitly says is for load tests.
        if not opties["ik_weet_het"] and not (settings.DEMO and settings.DEBUG):
            raise CommandError(
                "seed_load creates 100,000 accounts with a published password. It runs only "
                "with DEMO=1 and DEBUG=1, or with --ik-weet-het on a database for load tests."
            )
        if opties["small"]:
            omvang = laaddata.KLEIN
        else:
            omvang = laaddata.Omvang(
                wijken=opties["wijken"],
                buurten=opties["buurten"],
                groepen=opties["groepen"],
                gebruikers=opties["gebruikers"],
                onderwerpen=opties["onderwerpen"],
                jaren=opties["jaren"],
            )
        if opties["scale"] != 1.0:
            if opties["scale"] <= 0:
                raise CommandError("--scale must be positive.")
            omvang = omvang.geschaald(opties["scale"])
        if fouten := omvang.controleren():
            raise CommandError("; ".join(fouten))
        if connection.vendor != "postgresql" and omvang.onderwerpen > laaddata.KLEIN.onderwerpen:
            raise CommandError(
                "Above the --small preset seed_load needs PostgreSQL (COPY): set DATABASE_URL."
            )
        if laaddata.heeft_gegevens():
            if not opties["reset"]:
                raise CommandError(
                    "This database already holds accounts, wards or items. Use --reset to "
                    "empty the portal's tables first (everything in them is lost)."
                )
            self.stdout.write("Emptying the portal's tables …")
            laaddata.leegmaken()

        begin = time.monotonic()
        self.stdout.write(
            f"Generating: {omvang.wijken} wards, {omvang.buurten} neighbourhoods, "
            f"{omvang.groepen} groups, {omvang.gebruikers:,} accounts, "
            f"{omvang.onderwerpen:,} items over {omvang.jaren} years (seed {opties['seed']})"
        )
        laaddata.genereren(omvang, seed=opties["seed"], uit=self.stdout.write)
        duur = time.monotonic() - begin
        piek = laaddata.piekgeheugen_mb()
        self.stdout.write(
            self.style.SUCCESS(f"Done in {duur:.1f} s; peak memory (ru_maxrss) {piek:.0f} MB.")
        )
        self.stdout.write("Accounts to sign in with (demo accounts: sign-in needs DEMO=1):")
        for email, _naam, rol in laaddata.ROLACCOUNTS:
            self.stdout.write(f"  {email:<34} {rol.label}")
        self.stdout.write(f"  password for all: {laaddata.LOAD_WACHTWOORD}")
