"""The benchmark behind `make bench`: serve the portal with gunicorn against the seed_load
data set on PostgreSQL and drive every key page with wrk, signed out and signed in.

Steps: make sure the database exists, migrate, seed the load data set when the database
holds none (``seed_load --ik-weet-het``), collect the static files into a temporary folder,
sign the role accounts in (sessions written directly, see ``maak_sessie``), start gunicorn
with production settings (DEBUG off, a random SECRET_KEY), check that every page answers
200 without a redirect, run wrk on each, count each page's SQL queries in-process, read the
workers' peak memory, print the table and write it into docs/benchmarks.md between the
bench markers.

    DATABASE_URL=postgres://... python scripts/bench.py [--duur 10] [--workers 2]

Without DATABASE_URL it uses postgres://postgres@127.0.0.1:5432/wijkportaal_bench.
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASIS = Path(__file__).resolve().parent.parent
STANDAARD_DATABASE = "postgres://postgres@127.0.0.1:5432/wijkportaal_bench"
DOCS = BASIS / "docs" / "benchmarks.md"
BEGIN, EINDE = "<!-- bench:begin -->", "<!-- bench:end -->"

#: The role accounts seed_load creates; the runner finds them by email.
ACCOUNTS = {
    "bewoner": "load-bewoner@example.org",
    "wijkadviseur": "load-wijkadviseur@example.org",
    "wijkwethouder": "load-wijkwethouder@example.org",
    "collegelid": "load-collegelid@example.org",
    "griffie": "load-griffie@example.org",
    "beheerder": "load-beheerder@example.org",
}

#: Targets of the issue, on a 2-core machine.
DOEL_P99_MS = 100
DOEL_P99_ZOEKEN_MS = 150
DOEL_AANDEEL_BASISLIJN = 0.20
DOEL_GEHEUGEN_MB = 250

#: A word that occurs in a fraction of the items of seed_load (and of most real data sets).
ZOEKTERM = os.environ.get("BENCH_ZOEKTERM", "speeltuin")


# --- wrk ------------------------------------------------------------------------------------

_EENHEID_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _naar_ms(waarde: str) -> float:
    """wrk's '812.00us', '1.23ms', '2.01s' in milliseconds."""
    getal = re.fullmatch(r"([\d.]+)(us|ms|s|m)", waarde.strip())
    if not getal:
        raise ValueError(f"not a wrk duration: {waarde!r}")
    return float(getal[1]) * _EENHEID_MS[getal[2]]


@dataclass
class WrkUitslag:
    rps: float
    p50_ms: float
    p99_ms: float
    fouten: int = 0  # non-2xx/3xx responses and socket errors


def lees_wrk(uitvoer: str) -> WrkUitslag:
    """Requests/s, the 50th and 99th latency percentiles and the error count from the
    output of ``wrk --latency``."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", uitvoer, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", uitvoer, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", uitvoer, re.M)
    if not (rps and p50 and p99):
        raise ValueError("wrk output without requests/s or latency distribution:\n" + uitvoer)
    fouten = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", uitvoer))
    for soort in re.findall(r"Socket errors:(.*)", uitvoer):
        fouten += sum(int(n) for n in re.findall(r"\d+", soort))
    return WrkUitslag(float(rps[1]), _naar_ms(p50[1]), _naar_ms(p99[1]), fouten)


def wrk(url: str, cookie: str | None, *, duur: int, verbindingen: int, threads: int):
    opdracht = [
        "wrk",
        f"-t{threads}",
        f"-c{verbindingen}",
        f"-d{duur}s",
        "--latency",
        "--timeout=10s",
    ]
    if cookie:
        opdracht += ["-H", f"Cookie: {cookie}"]
    # Our own fixed command line: the URL and cookie come from this script.
    uitvoer = subprocess.run(  # noqa: S603
        opdracht + [url], capture_output=True, text=True, check=True
    )
    return lees_wrk(uitvoer.stdout)


# --- memory --------------------------------------------------------------------------------


def _status_kb(pid: int, veld: str) -> int:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith(veld + ":"):
            return int(regel.split()[1])
    return 0


def kinderen(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (gunicorn's workers of its master)."""
    gevonden = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            tekst = status.read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", tekst, re.M)
        if ppid and int(ppid[1]) == pid:
            gevonden.append(int(status.parent.name))
    return sorted(gevonden)


def geheugen_workers(master: int) -> list[tuple[int, float, float]]:
    """(pid, peak MB (VmHWM), current MB (VmRSS)) of each worker."""
    return [
        (pid, _status_kb(pid, "VmHWM") / 1024, _status_kb(pid, "VmRSS") / 1024)
        for pid in kinderen(master)
    ]


# --- the environment -----------------------------------------------------------------------


def bench_omgeving(database_url: str, static_root: str, secret_key: str) -> dict[str, str]:
    """Production settings (DEBUG and DEMO off, so no demo shortcuts such as skipping the
    second factor), served over plain HTTP on loopback: SECURE_SSL_REDIRECT off is the
    existing switch for that. The secure-cookie flag stays on; wrk sends the cookie header
    as given, so it does not matter here."""
    omgeving = {k: v for k, v in os.environ.items() if k not in {"DEMO", "DEBUG"}}
    omgeving.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        BEHIND_TLS_PROXY="0",
        STATIC_ROOT=static_root,
        BENCHMARK="1",
        DJANGO_SETTINGS_MODULE="wijkportaal.settings",
    )
    return omgeving


def zorg_voor_database(database_url: str) -> None:
    """Create the database when it does not exist yet."""
    import psycopg

    deel = urlsplit(database_url)
    naam = deel.path.lstrip("/")
    beheer = urlunsplit(deel._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        bestaat = verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [naam]
        ).fetchone()
        if not bestaat:
            print(f"Creating database {naam}")
            verbinding.execute(f'CREATE DATABASE "{naam}"')


def manage(omgeving, *argumenten) -> None:
    subprocess.run(  # noqa: S603 - this interpreter and our own manage.py
        [sys.executable, "manage.py", *argumenten], cwd=BASIS, env=omgeving, check=True
    )


# --- sessions ------------------------------------------------------------------------------


def maak_sessie(user) -> str:
    """A fully signed-in session for ``user``, written directly to the session store; gives
    the session key (the cookie value).

    What a sign-in through the pages leaves behind: Django's auth keys (user id, backend,
    password hash digest), allauth's record of the methods used (password, and for staff
    the TOTP step, as allauth's MFA stage records it) and the time-out middleware's clock.
    A member of staff must also have an active TOTP authenticator, or
    StaffSecondFactorMiddleware sends every page to the set-up page: ``zorg_voor_totp``.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    nu = time.time()
    sessie = SessionStore()
    sessie[SESSION_KEY] = str(user.pk)
    sessie[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    sessie[HASH_SESSION_KEY] = user.get_session_auth_hash()
    methoden = [{"method": "password", "at": nu, "email": user.email}]
    if user.is_medewerker:
        methoden.append({"method": "mfa", "at": nu, "type": "totp"})
    sessie["account_authentication_methods"] = methoden
    sessie["_wp_tijd"] = [user.pk, int(nu), int(nu)]
    sessie.create()
    return sessie.session_key


def zonder_wachtwoord(user) -> None:
    """seed_load makes its accounts demo accounts (a published password), and outside demo
    mode the portal refuses demo accounts, sessions included. The run uses production
    settings, so the role accounts become ordinary accounts *without* a password: nobody
    can sign in with them, only the sessions this script writes work."""
    if user.is_demo or user.has_usable_password():
        user.is_demo = False
        user.set_unusable_password()
        user.save(update_fields=["is_demo", "password"])


def zorg_voor_totp(user) -> None:
    """Give a member of staff an active TOTP authenticator (a random secret nobody knows)
    when they have none, as signing up for two-step verification would."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    if (
        user.is_medewerker
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": generate_totp_secret()}
        )


# --- the pages -----------------------------------------------------------------------------


@dataclass
class Pagina:
    naam: str
    pad: str
    rol: str | None = None  # None: signed out
    zoeken: bool = False
    uitslag: WrkUitslag | None = None
    queries: int | None = None
    cpu_ms: float | None = None
    queries_vers: int | None = None
    cpu_ms_vers: float | None = None
    extra: dict = field(default_factory=dict)


def sleutelpaginas(gebruikers: dict) -> list[Pagina]:
    """The key pages of the issue with the objects they show taken from the data set: the
    first ward (the load advisor's and alderman's), its newest public item, the newest item
    in it that is still with the advisor."""
    from django.urls import reverse

    from initiatieven.keuzes import Status
    from initiatieven.models import Onderwerp
    from wijken.models import Wijk

    adviseur = gebruikers["wijkadviseur"]
    wijk = Wijk.objects.filter(wijkadviseur=adviseur).order_by("pk").first() or (
        Wijk.objects.order_by("pk").first()
    )
    openbaar = Onderwerp.objects.openbaar().filter(wijk=wijk).order_by("-ingediend_op").first()
    in_behandeling = (
        Onderwerp.objects.filter(wijk=wijk, status__in=[Status.INGEDIEND, Status.IN_BEHANDELING])
        .order_by("-ingediend_op")
        .first()
    ) or openbaar
    return [
        Pagina("basislijn", reverse("basislijn")),
        Pagina("home", reverse("home")),
        Pagina("ward list", reverse("wijken:lijst")),
        Pagina("ward page", reverse("wijken:wijk", args=[wijk.code])),
        Pagina("item list", reverse("initiatieven:lijst")),
        Pagina(
            "item list filtered", reverse("initiatieven:lijst") + f"?wijk={wijk.pk}&soort=knelpunt"
        ),
        Pagina("item list searched", reverse("initiatieven:lijst") + f"?q={ZOEKTERM}", zoeken=True),
        Pagina("item page", reverse("initiatieven:onderwerp", args=[openbaar.pk])),
        Pagina("werkvoorraad", reverse("initiatieven:werkvoorraad"), "wijkadviseur"),
        Pagina(
            "triage page",
            reverse("initiatieven:triage", args=[in_behandeling.pk]),
            "wijkadviseur",
        ),
        Pagina("wijkdashboard", reverse("wijkdashboard_wijk", args=[wijk.code]), "wijkwethouder"),
        Pagina("college overview", reverse("collegeoverzicht"), "collegelid"),
        Pagina("agenda page", reverse("initiatieven:agenda_griffie"), "griffie"),
        Pagina("vacancies", reverse("wijken:vacatures")),
        Pagina("mijn inbreng", reverse("initiatieven:mijn_inbreng"), "bewoner"),
    ]


def meet_in_proces(pagina: Pagina, gebruiker) -> tuple[int, float, int, float]:
    """The page's SQL queries and its median CPU time in ms, rendered in this process
    through the test client against the same database, as the same person: as served
    (from the cache while the data is unchanged) and rendered afresh (every cache cleared
    first: the first request after a change, the most the page costs). The CPU time does
    not depend on what else the machine is doing, unlike requests/s."""
    import statistics

    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if gebruiker is not None:
        # force_login leaves out allauth's record; the staff middleware only needs TOTP.
        client.force_login(gebruiker)

    def leeg():
        for alias in ("default", "fragmenten"):
            caches[alias].clear()

    def meet(voor) -> tuple[int, float]:
        voor()
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(pagina.pad)
        # Read now: the next request clears the connection's query log.
        queries = len(vastgelegd.captured_queries)
        if antwoord.status_code != 200:
            raise SystemExit(f"{pagina.naam}: in-process status {antwoord.status_code}")
        tijden = []
        for _ in range(7):
            voor()
            begin = time.process_time()
            client.get(pagina.pad)
            tijden.append((time.process_time() - begin) * 1000)
        return queries, statistics.median(tijden)

    # Twice first: templates compiled, and the CSRF cookie a browser would carry.
    client.get(pagina.pad)
    client.get(pagina.pad)
    vers = meet(leeg)
    client.get(pagina.pad)
    return *meet(lambda: None), *vers


def controleer_200(poort: int, pagina: Pagina, cookie: str | None) -> None:
    """Never benchmark a login page or an error: the page must answer 200 directly."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    verbinding.request("GET", pagina.pad, headers={"Cookie": cookie} if cookie else {})
    antwoord = verbinding.getresponse()
    antwoord.read()
    verbinding.close()
    if antwoord.status != 200:
        raise SystemExit(
            f"{pagina.naam} ({pagina.pad}) answered {antwoord.status} "
            f"{antwoord.getheader('Location') or ''}: not benchmarking it."
        )


# --- gunicorn ------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(omgeving, poort: int, workers: int, worker_class: str, threads: int):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    opdracht = [
        gunicorn,
        "wijkportaal.wsgi",
        f"--bind=127.0.0.1:{poort}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        f"--threads={threads}",
        "--log-level=warning",
    ]
    proces = subprocess.Popen(opdracht, cwd=BASIS, env=omgeving)  # noqa: S603 - fixed command
    for _ in range(150):
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
            verbinding.request("GET", "/healthz")
            if verbinding.getresponse().status == 200:
                return proces, " ".join(o for o in opdracht[1:] if not o.startswith("--bind"))
        except OSError:
            pass
        if proces.poll() is not None:
            raise SystemExit("gunicorn stopped before it served")
        time.sleep(0.2)
    proces.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


# --- the report ----------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                model = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or platform.processor() or 'unknown CPU'}"


def rijtellingen() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from contacten.models import Agendapunt, Bezoek
    from initiatieven.models import Actie, Onderwerp, Statuswijziging
    from wijken.models import Buurt, Wijk

    modellen = {
        "wards": Wijk,
        "neighbourhoods": Buurt,
        "users": get_user_model(),
        "items": Onderwerp,
        "status changes": Statuswijziging,
        "actions": Actie,
        "visits": Bezoek,
        "agenda items": Agendapunt,
    }
    # Estimates from the planner's statistics would do, but exact counts take seconds only.
    return {naam: model.objects.count() for naam, model in modellen.items()}


def doelen(paginas: list[Pagina], geheugen) -> list[tuple[str, bool, str]]:
    basis = next(p for p in paginas if p.naam == "basislijn").uitslag
    regels = []
    for p in paginas:
        if p.naam == "basislijn":
            continue
        grens = DOEL_P99_ZOEKEN_MS if p.zoeken else DOEL_P99_MS
        regels.append(
            (f"{p.naam}: p99 < {grens} ms", p.uitslag.p99_ms < grens, f"{p.uitslag.p99_ms:.1f} ms")
        )
        aandeel = p.uitslag.rps / basis.rps
        regels.append(
            (
                f"{p.naam}: ≥ {DOEL_AANDEEL_BASISLIJN:.0%} of baseline requests/s",
                aandeel >= DOEL_AANDEEL_BASISLIJN,
                f"{aandeel:.0%}",
            )
        )
    for pid, piek, _rss in geheugen:
        wat = f"worker {pid}: peak memory < {DOEL_GEHEUGEN_MB} MB"
        regels.append((wat, piek < DOEL_GEHEUGEN_MB, f"{piek:.0f} MB"))
    return regels


def tabel(paginas: list[Pagina]) -> str:
    basis = next(p for p in paginas if p.naam == "basislijn").uitslag
    regels = [
        "| Page | Signed in as | Requests/s | p50 ms | p99 ms | Ratio to baseline | SQL queries "
        "| CPU ms in-process | SQL queries fresh | CPU ms fresh |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in paginas:
        u = p.uitslag
        regels.append(
            f"| {p.naam} | {p.rol or '—'} | {u.rps:.0f} | {u.p50_ms:.1f} | {u.p99_ms:.1f} "
            f"| {u.rps / basis.rps:.2f} | {p.queries} | {p.cpu_ms:.1f} "
            f"| {p.queries_vers} | {p.cpu_ms_vers:.1f} |"
        )
    return "\n".join(regels)


def verslag(
    paginas, geheugen, *, instellingen: str, aantallen: dict, wrk_opties: str, opwarmen: int
) -> str:
    nu = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    delen = [
        "## Benchmark",
        "",
        "Written by `make bench` (scripts/bench.py); run it again to replace this section.",
        "",
        f"- Date: {nu}",
        f"- Machine: {machine()}",
        "- Data set: " + ", ".join(f"{n:,} {naam}" for naam, n in aantallen.items()),
        f"- Server: gunicorn {instellingen}, DEBUG off, static files collected (WhiteNoise)",
        f"- Load: `wrk {wrk_opties} --latency` per page, after one GET that must answer 200",
        f"  and {opwarmen} s of the same load unmeasured (warm-up)",
        "- SQL queries: the same URL rendered once in-process as the same person; CPU ms: the",
        "  median Python CPU time of seven such renders (independent of other load). As served",
        "  (cached content while the data is unchanged), and fresh: every cache cleared before",
        "  each render, the first request after a change (the most a page costs)",
        "- Load average at the end (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "",
        tabel(paginas),
        "",
        "Worker memory after the run:",
        "",
        "| Worker | Peak (VmHWM) MB | Current (VmRSS) MB |",
        "|---|---:|---:|",
        *(f"| {pid} | {piek:.0f} | {rss:.0f} |" for pid, piek, rss in geheugen),
        "",
        "Targets:",
        "",
        *(
            f"- {'PASS' if gehaald else 'FAIL'}: {wat} ({waarde})"
            for wat, gehaald, waarde in doelen(paginas, geheugen)
        ),
    ]
    return "\n".join(delen) + "\n"


def schrijf_docs(tekst: str, pad: Path = DOCS) -> None:
    """Replace the part between the bench markers (or append it), keep the rest."""
    blok = f"{BEGIN}\n{tekst}{EINDE}"
    bestaand = pad.read_text() if pad.exists() else "# Benchmarks\n"
    if BEGIN in bestaand and EINDE in bestaand:
        voor, rest = bestaand.split(BEGIN, 1)
        _oud, na = rest.split(EINDE, 1)
        nieuw = voor + blok + na
    else:
        nieuw = bestaand.rstrip("\n") + "\n\n" + blok + "\n"
    pad.write_text(nieuw)


# --- main ----------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duur", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--verbindingen", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--opwarmen", type=int, default=2, help="seconds of unmeasured load per page first"
    )
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--alleen", nargs="*", help="only these pages (and the baseline)")
    parser.add_argument("--geen-docs", action="store_true", help="do not write docs")
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        print(
            "wrk is missing: install it (Debian/Ubuntu: `sudo apt-get install wrk`, macOS: "
            "`brew install wrk`) and run `make bench` again.",
            file=sys.stderr,
        )
        return 2
    database_url = os.environ.get("DATABASE_URL") or STANDAARD_DATABASE
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…", file=sys.stderr)
        return 2

    static_root = tempfile.mkdtemp(prefix="wijkportaal-static-")
    omgeving = bench_omgeving(database_url, static_root, secrets.token_urlsafe(50))
    try:
        zorg_voor_database(database_url)
        manage(omgeving, "migrate", "--noinput", "-v0")
        os.environ.update(omgeving)
        sys.path.insert(0, str(BASIS))
        import django

        django.setup()
        from django.contrib.auth import get_user_model

        Gebruiker = get_user_model()
        if not Gebruiker.objects.filter(email=ACCOUNTS["bewoner"]).exists():
            print("No load data set in this database: seed_load --ik-weet-het")
            manage(omgeving, "seed_load", "--ik-weet-het")
        print("Collecting static files")
        manage(omgeving, "collectstatic", "--noinput", "-v0")

        gebruikers = {rol: Gebruiker.objects.get(email=email) for rol, email in ACCOUNTS.items()}
        for gebruiker in gebruikers.values():
            zonder_wachtwoord(gebruiker)
            zorg_voor_totp(gebruiker)
        from django.conf import settings
        from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
        from django.utils.crypto import get_random_string

        # A signed-in browser also carries its CSRF cookie, which pages with forms are
        # cached under (wijken.weergave.gecachte_inhoud).
        csrf = settings.CSRF_COOKIE_NAME
        cookies = {
            rol: f"{settings.SESSION_COOKIE_NAME}={maak_sessie(g)}; "
            f"{csrf}={get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}"
            for rol, g in gebruikers.items()
        }
        paginas = sleutelpaginas(gebruikers)
        if args.alleen:
            paginas = [p for p in paginas if p.naam == "basislijn" or p.naam in args.alleen]
        for pagina in paginas:
            (pagina.queries, pagina.cpu_ms, pagina.queries_vers, pagina.cpu_ms_vers) = (
                meet_in_proces(pagina, gebruikers.get(pagina.rol))
            )
        from django.db import connections

        connections.close_all()

        poort = vrije_poort()
        proces, instellingen = start_gunicorn(
            omgeving, poort, args.workers, args.worker_class, args.threads
        )
        try:
            for pagina in paginas:
                controleer_200(poort, pagina, cookies.get(pagina.rol))
            wrk_opties = f"-t{args.wrk_threads} -c{args.verbindingen} -d{args.duur}s"
            for pagina in paginas:
                print(f"wrk {pagina.naam} {pagina.pad}", flush=True)
                if args.opwarmen:
                    # Unmeasured, as every load test warms up: each worker has rendered the
                    # page once, as it would have long before in production. What a fresh
                    # render costs is in the table's own columns.
                    wrk(
                        f"http://127.0.0.1:{poort}{pagina.pad}",
                        cookies.get(pagina.rol),
                        duur=args.opwarmen,
                        verbindingen=args.verbindingen,
                        threads=args.wrk_threads,
                    )
                pagina.uitslag = wrk(
                    f"http://127.0.0.1:{poort}{pagina.pad}",
                    cookies.get(pagina.rol),
                    duur=args.duur,
                    verbindingen=args.verbindingen,
                    threads=args.wrk_threads,
                )
                if pagina.uitslag.fouten:
                    print(f"  {pagina.uitslag.fouten} errors", file=sys.stderr)
            geheugen = geheugen_workers(proces.pid)
        finally:
            proces.send_signal(signal.SIGTERM)
            proces.wait(timeout=30)

        tekst = verslag(
            paginas,
            geheugen,
            instellingen=instellingen,
            aantallen=rijtellingen(),
            wrk_opties=wrk_opties,
            opwarmen=args.opwarmen,
        )
        print()
        print(tekst)
        if not args.geen_docs:
            schrijf_docs(tekst)
            print(f"Written to {DOCS.relative_to(BASIS)}")
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as fout:
        opdracht = " ".join(map(str, fout.cmd))
        print(f"Stopped: {opdracht} failed ({fout.returncode})", file=sys.stderr)
        sys.exit(1)
