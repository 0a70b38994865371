"""The benchmark behind `make bench`: serve the portal with gunicorn against the seed_load
data set on PostgreSQL and drive every key page with wrk, signed out and signed in.

Steps: make sure the database exists, migrate, seed the load data set when the database
holds none (``seed_load --ik-weet-het``), collect the static files into a temporary folder,
sign the role accounts in (sessions written directly, see ``maak_sessie``), count each
page's SQL queries and CPU time in-process (as served and fresh), start gunicorn with
production settings (DEBUG off, a random SECRET_KEY), check that every page answers 200
without a redirect, and run wrk on each page:

- served: the page cache on, nothing written;
- under writes: while ``scripts/schrijver.py`` makes a working day's writes at 1 and at 10
  writes per second, spread over the wards;
- a realistic mix of many URLs (``scripts/mix.lua``: random items, wards, filters and
  search words; signed out and signed in in a fixed proportion), without writes and at
  1 write per second;
- fresh: a second server with the page cache off (``PAGECACHE=0``), every request a
  fresh render.

Each figure is a ratio to the baseline page measured under the same conditions in the
same run. Then read the workers' peak memory, print the table and write it into
docs/benchmarks.md between the bench markers.

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

#: Targets of the issues, on a 2-core machine: served and at 1 write/s a fifth of the
#: baseline and p99 under 100 ms; at 10 writes/s a tenth and under 200 ms; fresh a tenth;
#: the realistic mix at 1 write/s 15 %; at most 15 ms of Python CPU for a fresh render.
DOEL_P99_MS = 100
DOEL_P99_ZOEKEN_MS = 150
DOEL_AANDEEL_BASISLIJN = 0.20
DOEL_GEHEUGEN_MB = 250
DOEL_VERS = 0.10
DOEL_SCHRIJVEN = {1: (0.20, 100), 10: (0.10, 200)}
DOEL_MIX = 0.15
DOEL_CPU_VERS_MS = 15
#: Writes per second of the "under writes" runs.
SCHRIJFSNELHEDEN = (1, 10)
#: Of the realistic mix's requests, this share is made signed in (the rest signed out).
MIX_INGELOGD = 0.2
#: Seconds of the realistic mix unmeasured before it is measured: a portal that has been up
#: for a while has its popular pages in its caches (in-process, 900 requests of the mix
#: gave a hit rate of 61 %, the next 900 82 %, the next 88 %; each worker has its own).
MIX_OPWARMEN = 30

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


def wrk(
    url: str,
    cookie: str | None,
    *,
    duur: int,
    verbindingen: int,
    threads: int,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
):
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
    if script:
        opdracht += ["-s", str(script)]
    opdracht.append(url)
    if script_args:
        opdracht += ["--", *script_args]
    # Our own fixed command line: the URL, cookie and script come from this script.
    uitvoer = subprocess.run(opdracht, capture_output=True, text=True, check=True)  # noqa: S603
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
        # As a deployment of several servers runs (docs/deploy.md): the writer's emails
        # are queued as rows for a task worker, not sent by the process that writes.
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # The read API's limit per client address would answer wrk (one address, thousands
        # of requests) with 429s; the benchmark measures the answer, not the refusal.
        API_LIMIET=str(10**9),
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
    vers: WrkUitslag | None = None  # the page cache off: every request a fresh render
    onder: dict = field(default_factory=dict)  # writes per second -> WrkUitslag
    extra: dict = field(default_factory=dict)


def sleutelpaginas(gebruikers: dict) -> list[Pagina]:
    """The key pages of the issue with the objects they show taken from the data set: the
    first ward (the load advisor's and alderman's), its newest public item, the newest item
    in it that is still with the advisor, and the consultation question with the most
    responses (seed_load's large question of ward 1, 2,000 responses)."""
    from django.db.models import Count
    from django.urls import reverse

    from initiatieven.keuzes import Status
    from initiatieven.models import Onderwerp
    from meedenken.models import Meedenkvraag
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
    grootste = (
        Meedenkvraag.objects.gepubliceerd()
        .annotate(aantal=Count("inbreng"))
        .order_by("-aantal", "pk")
        .first()
    )
    vraagpaginas = []
    if grootste is not None:
        vraag = reverse("meedenken:vraag", args=[grootste.pk])
        vraagpaginas = [
            # A resident who responded sees the public responses; the ward's advisor also
            # the results, the number of responses and the feedback as written.
            Pagina("question page", vraag, "bewoner"),
            Pagina("question page advisor", vraag, "wijkadviseur"),
        ]
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
        # The same item's Atom feed (opendata.feeds), cached as the item page is.
        Pagina("item feed", reverse("opendata:feed_onderwerp", args=[openbaar.pk])),
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
        # Open311 (opendata): the request list as a partner app polls it, signed out, in
        # the specification's default window (the last 90 days, at most 1,000 requests).
        Pagina("open311 requests", reverse("opendata:open311_requests", kwargs={"fmt": "json"})),
        # The read API's list of items (opendata.api): its first page, as a client starts.
        Pagina("API item list", reverse("api-v1:onderwerpen")),
        # Consultation questions (meedenken): the public list, newest first.
        Pagina("question list", reverse("meedenken:lijst")),
        *vraagpaginas,
    ]


#: Words residents search for in seed_load's titles, common and rare.
ZOEKWOORDEN = (
    "speeltuin",
    "bankjes",
    "bomen",
    "verlichting",
    "oversteekplaats",
    "zwerfafval",
    "stoeptegels",
    "wateroverlast",
    "kruising",
    "fietsenstalling",
    "hondenuitlaatplaats",
)


def mixverzoeken(gebruikers: dict, cookies: dict, *, aantal: int = 4000, seed: int = 1):
    """The realistic mix: ``aantal`` (path, cookie) pairs drawn from the data set: public
    item pages, the list plain, paged, filtered and searched, ward pages and vacancies,
    home; and, for ``MIX_INGELOGD`` of them, a signed-in role's own pages (its work queue
    filtered, its wards' triage pages and dashboards, its contributions, the agendas)."""
    import random

    from django.urls import reverse

    from initiatieven.keuzes import Soort, Status
    from initiatieven.models import Onderwerp, Thema
    from wijken.models import Wijk

    rnd = random.Random(seed)  # noqa: S311 - a load mix, not a secret
    wijken = list(Wijk.objects.values_list("pk", "code"))
    themas = list(Thema.objects.values_list("pk", flat=True))
    # Residents read what is new: the newest published items, the newest the most (weights
    # falling as 1/rank, as page views do), and older ones now and then.
    nieuwste = list(
        Onderwerp.objects.openbaar().order_by("-ingediend_op").values_list("pk", flat=True)[:2000]
    )
    gewichten = [1 / (rang + 10) for rang in range(len(nieuwste))]
    lijst = reverse("initiatieven:lijst")

    def lijstpad():
        keuze = rnd.random()
        if keuze < 0.3:
            # The first pages far more often than the later ones.
            pagina = min(int(rnd.expovariate(0.5)) + 1, 50)
            return f"{lijst}?page={pagina}" if pagina > 1 else lijst
        if keuze < 0.6:
            return f"{lijst}?q={rnd.choice(ZOEKWOORDEN)}"
        filters = {
            "wijk": rnd.choice(wijken)[0],
            "soort": rnd.choice(Soort.values),
            "thema": rnd.choice(themas),
            "status": rnd.choice([Status.IN_BEHANDELING, Status.AFGEROND, Status.INGEDIEND]),
        }
        gekozen = rnd.sample(sorted(filters), rnd.choice([1, 1, 1, 2]))
        return lijst + "?" + "&".join(f"{k}={filters[k]}" for k in gekozen)

    uit = [
        (
            0.30,
            lambda: reverse(
                "initiatieven:onderwerp", args=[rnd.choices(nieuwste, weights=gewichten)[0]]
            ),
        ),
        (0.30, lijstpad),
        (0.20, lambda: reverse("wijken:wijk", args=[rnd.choice(wijken)[1]])),
        (0.10, lambda: reverse("home")),
        (0.05, lambda: reverse("wijken:lijst")),
        (0.05, lambda: reverse("wijken:vacatures") + f"?page={rnd.randint(1, 5)}"),
    ]
    adviseur, wethouder = gebruikers["wijkadviseur"], gebruikers["wijkwethouder"]
    eigen = list(Wijk.objects.filter(wijkadviseur=adviseur).values_list("pk", flat=True))
    triage = list(
        Onderwerp.objects.filter(wijk__in=eigen)
        .exclude(status=Status.CONCEPT)
        .order_by("-pk")
        .values_list("pk", flat=True)[:300]
    )
    dashboards = list(Wijk.objects.filter(wijkwethouder=wethouder).values_list("code", flat=True))
    werkvoorraad = reverse("initiatieven:werkvoorraad")
    in_ = [
        (0.25, "wijkadviseur", lambda: rnd.choice([werkvoorraad, f"{werkvoorraad}?te_laat=on"])),
        (0.25, "wijkadviseur", lambda: reverse("initiatieven:triage", args=[rnd.choice(triage)])),
        (
            0.15,
            "wijkwethouder",
            lambda: reverse("wijkdashboard_wijk", args=[rnd.choice(dashboards)]),
        ),
        (0.10, "collegelid", lambda: reverse("collegeoverzicht")),
        (0.10, "griffie", lambda: reverse("initiatieven:agenda_griffie")),
        (0.15, "bewoner", lambda: reverse("initiatieven:mijn_inbreng")),
    ]
    verzoeken = []
    for _ in range(aantal):
        if rnd.random() < MIX_INGELOGD:
            _kans, rol, pad = rnd.choices(in_, weights=[k for k, *_r in in_])[0]
            verzoeken.append((pad(), cookies[rol]))
        else:
            _kans, pad = rnd.choices(uit, weights=[k for k, _p in uit])[0]
            verzoeken.append((pad(), ""))
    return verzoeken


class Schrijver:
    """``scripts/schrijver.py`` in a process of its own, writing at ``per_seconde``."""

    def __init__(self, omgeving, per_seconde: float):
        self.per_seconde = per_seconde
        self.proces = subprocess.Popen(  # noqa: S603 - this interpreter and our own script
            [
                sys.executable,
                str(BASIS / "scripts" / "schrijver.py"),
                f"--per-seconde={per_seconde}",
            ],
            cwd=BASIS,
            env=omgeving,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.proces.stdout.readline().strip() != "ready":
            raise SystemExit("the writer did not start")
        self.verslag = ""

    def stop(self) -> str:
        self.proces.send_signal(signal.SIGTERM)
        uitvoer, _ = self.proces.communicate(timeout=60)
        self.verslag = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "no report"
        return self.verslag


def meet_in_proces(pagina: Pagina, gebruiker) -> tuple[int, float, int, float]:
    """The page's SQL queries and its median CPU time in ms, rendered in this process
    through the test client against the same database, as the same person: as served
    (from the cache while the data is unchanged) and rendered afresh (every cache cleared
    first: the first request after a change, the most the page costs). The CPU time does
    not depend on what else the machine is doing, unlike requests/s."""
    import contextlib
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wijken import pagecache

    client = Client(HTTP_HOST="127.0.0.1")
    if gebruiker is not None:
        # force_login leaves out allauth's record; the staff middleware only needs TOTP.
        client.force_login(gebruiker)

    def meet(zo) -> tuple[int, float]:
        with zo(), CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(pagina.pad)
        # Read now: the next request clears the connection's query log.
        queries = len(vastgelegd.captured_queries)
        if antwoord.status_code != 200:
            raise SystemExit(f"{pagina.naam}: in-process status {antwoord.status_code}")
        tijden = []
        for _ in range(7):
            with zo():
                begin = time.process_time()
                client.get(pagina.pad)
                tijden.append((time.process_time() - begin) * 1000)
        return queries, statistics.median(tijden)

    # Twice first: templates compiled, and the CSRF cookie a browser would carry.
    client.get(pagina.pad)
    client.get(pagina.pad)
    vers = meet(pagecache.disabled)
    client.get(pagina.pad)
    return *meet(contextlib.nullcontext), *vers


def reverse_home() -> str:
    from django.urls import reverse

    return reverse("home")


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


def _verhouding(uitslag: WrkUitslag | None, basis: WrkUitslag | None) -> float | None:
    if uitslag is None or basis is None or not basis.rps:
        return None
    return uitslag.rps / basis.rps


def doelen(paginas: list[Pagina], mix: Pagina, geheugen) -> list[tuple[str, bool, str]]:
    """(target, met, figure) for every page and every column that has a target."""
    basis = next(p for p in paginas if p.naam == "basislijn")
    regels = []
    for p in paginas:
        if p.naam == "basislijn":
            continue
        grens = DOEL_P99_ZOEKEN_MS if p.zoeken else DOEL_P99_MS
        regels.append(
            (f"{p.naam}: p99 < {grens} ms", p.uitslag.p99_ms < grens, f"{p.uitslag.p99_ms:.1f} ms")
        )
        aandeel = _verhouding(p.uitslag, basis.uitslag)
        regels.append(
            (
                f"{p.naam}: ≥ {DOEL_AANDEEL_BASISLIJN:.0%} of baseline requests/s",
                aandeel >= DOEL_AANDEEL_BASISLIJN,
                f"{aandeel:.0%}",
            )
        )
        if p.vers is not None:
            vers = _verhouding(p.vers, basis.vers)
            regels.append(
                (f"{p.naam}: fresh ≥ {DOEL_VERS:.0%} of baseline", vers >= DOEL_VERS, f"{vers:.0%}")
            )
        if p.cpu_ms_vers is not None:
            regels.append(
                (
                    f"{p.naam}: fresh render ≤ {DOEL_CPU_VERS_MS} ms of Python CPU",
                    p.cpu_ms_vers <= DOEL_CPU_VERS_MS,
                    f"{p.cpu_ms_vers:.1f} ms",
                )
            )
        for snelheid, uitslag in p.onder.items():
            aandeel_doel, p99_doel = DOEL_SCHRIJVEN.get(snelheid, DOEL_SCHRIJVEN[10])
            onder = _verhouding(uitslag, basis.onder.get(snelheid))
            regels.append(
                (
                    f"{p.naam}: at {snelheid:g} writes/s ≥ {aandeel_doel:.0%} of baseline",
                    onder >= aandeel_doel,
                    f"{onder:.0%}",
                )
            )
            regels.append(
                (
                    f"{p.naam}: at {snelheid:g} writes/s p99 < {p99_doel} ms",
                    uitslag.p99_ms < p99_doel,
                    f"{uitslag.p99_ms:.1f} ms",
                )
            )
    if 1 in mix.onder:
        onder = _verhouding(mix.onder[1], basis.onder.get(1))
        regels.append(
            (
                f"realistic mix at 1 write/s ≥ {DOEL_MIX:.0%} of baseline",
                onder >= DOEL_MIX,
                f"{onder:.0%}",
            )
        )
    for pid, piek, _rss in geheugen:
        wat = f"worker {pid}: peak memory < {DOEL_GEHEUGEN_MB} MB"
        regels.append((wat, piek < DOEL_GEHEUGEN_MB, f"{piek:.0f} MB"))
    return regels


def _cel(uitslag: WrkUitslag | None, basis: WrkUitslag | None) -> str:
    verhouding = _verhouding(uitslag, basis)
    if verhouding is None:
        return "— | —"
    return f"{verhouding:.2f} | {uitslag.p99_ms:.0f}"


def tabel(paginas: list[Pagina], mix: Pagina) -> str:
    basis = next(p for p in paginas if p.naam == "basislijn")
    snelheden = sorted({s for p in paginas for s in p.onder})
    kop = (
        "| Page | Signed in as | Served req/s | Served ratio | p99 ms | Fresh ratio | p99 ms | "
        + "".join(f"{s:g} w/s ratio | p99 ms | " for s in snelheden)
        + "SQL queries | CPU ms | SQL queries fresh | CPU ms fresh |"
    )
    regels = [kop, "|---|---|" + "---:|" * (5 + 2 * len(snelheden) + 4)]
    for p in [*paginas, mix]:
        u = p.uitslag
        cellen = [
            p.naam,
            p.rol or ("mixed" if p is mix else "—"),
            f"{u.rps:.0f}",
            f"{_verhouding(u, basis.uitslag):.2f}",
            f"{u.p99_ms:.0f}",
            _cel(p.vers, basis.vers),
            *(_cel(p.onder.get(s), basis.onder.get(s)) for s in snelheden),
            *(
                ("—", "—", "—", "—")
                if p is mix
                else (
                    str(p.queries),
                    f"{p.cpu_ms:.1f}",
                    str(p.queries_vers),
                    f"{p.cpu_ms_vers:.1f}",
                )
            ),
        ]
        regels.append("| " + " | ".join(cellen) + " |")
    return "\n".join(regels)


def verslag(
    paginas,
    mix,
    geheugen,
    *,
    instellingen: str,
    aantallen: dict,
    wrk_opties: str,
    opwarmen: int,
    schrijfverslagen: dict,
    mix_adressen: int,
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
        f"  and {opwarmen} s of the same load unmeasured (warm-up). Every ratio is to the",
        "  baseline page measured under the same conditions in the same run.",
        "- Served: the page cache on, nothing written. Fresh: a server with the page cache off",
        "  (`PAGECACHE=0`), every request a fresh render.",
        *(
            f"- {s:g} w/s: while `scripts/schrijver.py` wrote at {s:g} per second (submissions,"
            f" workflow steps, messages, screening, spread over the wards); it reported: {v}"
            for s, v in schrijfverslagen.items()
        ),
        f"- Realistic mix: after {MIX_OPWARMEN} s unmeasured, `scripts/mix.lua` over 4,000"
        f" requests ({mix_adressen:,} addresses) drawn from the data set (item"
        f" pages, the list plain, paged, filtered and searched, ward pages, vacancies, home;"
        f" {MIX_INGELOGD:.0%} signed in: work queue, triage, dashboards, college overview,"
        " agenda, own contributions)",
        "- SQL queries: the same URL rendered once in-process as the same person; CPU ms: the",
        "  median Python CPU time of seven such renders (independent of other load). As served",
        "  (from the page cache while nothing it declares changed), and fresh (the page cache",
        "  off: the first request after a change, the most a page costs)",
        "- Load average at the end (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "",
        tabel(paginas, mix),
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
            for wat, gehaald, waarde in doelen(paginas, mix, geheugen)
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
    parser.add_argument(
        "--schrijven",
        type=float,
        nargs="*",
        default=list(SCHRIJFSNELHEDEN),
        help="writes per second of the runs under writes (none: skip them)",
    )
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

        # A signed-in browser also carries its CSRF cookie, as after its first form.
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

        mixbestand = Path(static_root) / "mix.txt"
        mix_verzoeken = mixverzoeken(gebruikers, cookies)
        mixbestand.write_text("".join(f"{pad}\t{cookie}\n" for pad, cookie in mix_verzoeken))
        connections.close_all()
        wrk_opties = f"-t{args.wrk_threads} -c{args.verbindingen} -d{args.duur}s"

        def meet(poort: int, pagina: Pagina) -> WrkUitslag:
            url = f"http://127.0.0.1:{poort}{pagina.pad}"
            opties = {
                "duur": args.duur,
                "verbindingen": args.verbindingen,
                "threads": args.wrk_threads,
            }
            opwarmen = args.opwarmen
            if pagina.naam == "realistic mix":
                opties.update(script=BASIS / "scripts" / "mix.lua", script_args=(str(mixbestand),))
                # Hundreds of addresses: a portal that has been up for a while has the
                # popular ones in its cache (MIX_OPWARMEN).
                opwarmen = max(opwarmen, MIX_OPWARMEN)
            if opwarmen:
                # Unmeasured, as every load test warms up: each worker has rendered the
                # page once, as it would have long before in production. What a fresh
                # render costs is in the fresh columns.
                wrk(url, cookies.get(pagina.rol), **{**opties, "duur": opwarmen})
            uitslag = wrk(url, cookies.get(pagina.rol), **opties)
            if uitslag.fouten:
                print(f"  {uitslag.fouten} errors", file=sys.stderr)
            return uitslag

        mix = Pagina("realistic mix", reverse_home())
        schrijfverslagen = {}
        poort = vrije_poort()
        proces, instellingen = start_gunicorn(
            omgeving, poort, args.workers, args.worker_class, args.threads
        )
        try:
            for pagina in paginas:
                controleer_200(poort, pagina, cookies.get(pagina.rol))
            for pagina in [*paginas, mix]:
                print(f"wrk served {pagina.naam} {pagina.pad}", flush=True)
                pagina.uitslag = meet(poort, pagina)
            for snelheid in args.schrijven:
                schrijver = Schrijver(omgeving, snelheid)
                try:
                    for pagina in [*paginas, mix]:
                        print(f"wrk at {snelheid} writes/s {pagina.naam}", flush=True)
                        pagina.onder[snelheid] = meet(poort, pagina)
                finally:
                    schrijfverslagen[snelheid] = schrijver.stop()
                print(f"  writer: {schrijfverslagen[snelheid]}", flush=True)
            geheugen = geheugen_workers(proces.pid)
        finally:
            proces.send_signal(signal.SIGTERM)
            proces.wait(timeout=30)

        # Fresh: the same server with the page cache off, every request rendered afresh.
        poort = vrije_poort()
        proces, _instellingen = start_gunicorn(
            {**omgeving, "PAGECACHE": "0"}, poort, args.workers, args.worker_class, args.threads
        )
        try:
            for pagina in [*paginas, mix]:
                print(f"wrk fresh {pagina.naam} {pagina.pad}", flush=True)
                pagina.vers = meet(poort, pagina)
        finally:
            proces.send_signal(signal.SIGTERM)
            proces.wait(timeout=30)

        tekst = verslag(
            paginas,
            mix,
            geheugen,
            instellingen=instellingen,
            aantallen=rijtellingen(),
            wrk_opties=wrk_opties,
            opwarmen=args.opwarmen,
            schrijfverslagen=schrijfverslagen,
            mix_adressen=len(set(mix_verzoeken)),
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
