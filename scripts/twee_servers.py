#!/usr/bin/env python
"""The two-server check: two portal servers, one PostgreSQL, one Redis.

Starts two gunicorn servers on two free ports with the same SECRET_KEY, DATABASE_URL and
CACHE_URL, production settings (DEBUG off, HTTPS-only cookies, HSTS), and then, through the
real pages and forms:

1. signs a resident in on server A through the sign-in form;
2. continues that session on server B (B's page shows the signed-in resident);
3. submits an initiative on B and sees it in "my contributions" on A;
4. sends a burst of sign-in attempts split alternately over A and B and shows that
   allauth's limit (30 per minute per address) trips at 30 in total, not per server;
5. submits more items alternately on A and B and shows that the portal's own limit
   (10 per account per hour) trips at 10 in total;
6. signs out on B and shows that A no longer knows the session.

The script plays the load balancer: it speaks plain HTTP on the loopback interface and
sends ``X-Forwarded-Proto: https`` and ``X-Forwarded-For`` (the servers run with
``TRUSTED_PROXY_COUNT=1``), exactly as a TLS-terminating balancer does in production.

It works in a database of its own (``<database>_twee_servers_<random>`` on the server of
DATABASE_URL), dropped afterwards, and in a key prefix of its own in Redis. Without a
reachable Redis, steps 4 and 5 are skipped and said to be (``--require-redis`` makes that a
failure). ``--session-cache`` runs it with sessions cached in Redis (``SESSION_CACHE=1``).
Exit code 0 when every step passed.

    DATABASE_URL=postgres://user@127.0.0.1:5432/wijkportaal python scripts/twee_servers.py
"""

import argparse
import contextlib
import html.parser
import http.client
import http.cookies
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WACHTWOORD = "twee-servers-" + secrets.token_hex(8)

#: allauth's "login" rate (ACCOUNT_RATE_LIMITS in wijkportaal/settings.py): sign-in posts
#: per minute per address.
INLOGPOGINGEN_PER_MINUUT = 30
#: initiatieven.views.indienen.INDIENINGEN_PER_UUR (not imported: no Django here).
INDIENINGEN_PER_UUR = 10


class Mislukt(Exception):
    """A step did not have the outcome it should."""


def stap(tekst: str) -> None:
    print(f"  ok  {tekst}", flush=True)


# --- a small browser ------------------------------------------------------------------------


class _Invoer(html.parser.HTMLParser):
    """The name and value of every <input> and the first option of every <select>."""

    def __init__(self):
        super().__init__()
        self.velden: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.velden.setdefault(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and a.get("value"):
            self.velden.setdefault(self._select, a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def invoervelden(pagina: str) -> dict[str, str]:
    parser = _Invoer()
    parser.feed(pagina)
    return parser.velden


class Browser:
    """One resident's browser behind the load balancer: one cookie jar for every server.

    Cookies are sent whatever their Secure flag: the resident's connection to the balancer
    is HTTPS; only the hop from balancer to server is plain HTTP.
    """

    def __init__(self, client_adres: str):
        self.cookies: dict[str, str] = {}
        self.client_adres = client_adres

    def vraag(self, poort: int, methode: str, pad: str, velden: dict | None = None):
        kop = {
            "Host": f"127.0.0.1:{poort}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_adres,
            "Accept-Language": "en",
            "User-Agent": "twee-servers-check",
        }
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if velden is not None:
            body = urllib.parse.urlencode(velden)
            kop["Content-Type"] = "application/x-www-form-urlencoded"
            # Django checks the origin of an HTTPS post against the host.
            kop["Origin"] = f"https://127.0.0.1:{poort}"
            kop["Referer"] = f"https://127.0.0.1:{poort}{pad}"
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        try:
            verbinding.request(methode, pad, body=body, headers=kop)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read().decode("utf-8", "replace")
            for regel in antwoord.headers.get_all("Set-Cookie") or []:
                koek = http.cookies.SimpleCookie()
                koek.load(regel)
                for naam, morsel in koek.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(naam, None)
                    else:
                        self.cookies[naam] = morsel.value
            return antwoord.status, antwoord.headers, inhoud
        finally:
            verbinding.close()

    def get(self, poort: int, pad: str):
        return self.vraag(poort, "GET", pad)

    def formulier(self, poort: int, pad: str, **velden):
        """GET the form page, then POST it with its hidden fields (CSRF token) plus
        ``velden``."""
        status, _, pagina = self.get(poort, pad)
        if status != 200:
            raise Mislukt(f"GET {pad} on :{poort} gave {status}, expected 200")
        gegevens = {**invoervelden(pagina), **velden}
        return self.vraag(poort, "POST", pad, gegevens)


# --- database, cache and servers -----------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_urls(database_url: str, naam: str) -> tuple[str, str]:
    """(the URL of the new database, a URL to administer the server with)."""
    delen = urllib.parse.urlsplit(database_url)
    if delen.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise Mislukt(f"DATABASE_URL must be PostgreSQL, not {delen.scheme}://")
    nieuw = urllib.parse.urlunsplit(delen._replace(path=f"/{naam}"))
    return nieuw, urllib.parse.urlunsplit(delen._replace(scheme="postgresql"))


def beheer(beheer_url: str, sql: str) -> None:
    import psycopg

    delen = urllib.parse.urlsplit(beheer_url)
    pogingen = [beheer_url, urllib.parse.urlunsplit(delen._replace(path="/postgres"))]
    fout = None
    for url in pogingen:
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=10) as verbinding:
                verbinding.execute(sql)
                return
        except psycopg.OperationalError as exc:  # that database may not exist: try the next
            fout = exc
    raise Mislukt(f"PostgreSQL: {fout}")


def redis_bereikbaar(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:  # any failure means: not usable here
        return False


def redis_opruimen(url: str, voorvoegsel: str) -> None:
    import redis

    with contextlib.suppress(Exception):
        r = redis.Redis.from_url(url, socket_connect_timeout=2)
        sleutels = list(r.scan_iter(match=f"{voorvoegsel}:*", count=500))
        if sleutels:
            r.delete(*sleutels)


def manage(env: dict, *args: str, invoer: str | None = None) -> str:
    resultaat = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=invoer,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if resultaat.returncode != 0:
        raise Mislukt(f"manage.py {' '.join(args)} failed:\n{resultaat.stderr[-3000:]}")
    return resultaat.stdout


GEGEVENS = """
from allauth.account.models import EmailAddress
from contacten.models import Gebruiker
from initiatieven.models import Thema
from wijken.models import Wijk

wijk = Wijk.objects.create(code="WK999901", naam="Twee Servers", gemeentecode="GM9999",
                           gemeentenaam="Gemeente Wijkstad")
thema = Thema.objects.create(naam="Twee servers")
bewoner = Gebruiker.objects.create_user(email="{email}", password="{wachtwoord}",
                                        weergavenaam="{naam}")
EmailAddress.objects.create(user=bewoner, email=bewoner.email, primary=True, verified=True)
print(wijk.pk, thema.pk)
"""


class Server:
    def __init__(self, naam: str, env: dict, logmap: Path):
        self.naam = naam
        self.poort = vrije_poort()
        self.log = logmap / f"server-{naam}.log"
        with self.log.open("wb") as log:
            self.proces = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "wijkportaal.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.poort}",
                    "--workers",
                    "2",
                    "--graceful-timeout",
                    "5",
                    "--access-logfile",
                    "-",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wacht_tot_gereed(self, seconden: float = 90) -> None:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                raise Mislukt(f"server {self.naam} stopped:\n{self.staart()}")
            with contextlib.suppress(OSError):
                verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=5)
                verbinding.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if verbinding.getresponse().status == 200:
                    return
            time.sleep(0.3)
        raise Mislukt(f"server {self.naam} did not answer /healthz:\n{self.staart()}")

    def stop(self) -> None:
        if self.proces.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(timeout=5)

    def staart(self, regels: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])
        except OSError:
            return ""


# --- the check ---------------------------------------------------------------------------


def controleer(a: Server, b: Server, wijk_pk: str, thema_pk: str, email, naam, met_redis):
    # 1. Sign in on A through allauth's form.
    bewoner = Browser("198.18.0.10")
    status, kop, _ = bewoner.formulier(a.poort, "/account/login/", login=email, password=WACHTWOORD)
    if status != 302 or "sessionid" not in bewoner.cookies:
        raise Mislukt(f"sign-in on A gave {status}, expected a redirect with a session")
    stap(f"signed in on server A (:{a.poort}) through the sign-in form")

    # 2. The same session on B.
    status, _, pagina = bewoner.get(b.poort, "/initiatieven/mijn-inbreng/")
    if status != 200 or naam not in pagina:
        raise Mislukt(f"server B did not know the session (status {status})")
    stap(f"server B (:{b.poort}) continues the session: its page shows the resident")
    # A renders the page now and keeps it in its cache (under the data version), so that
    # step 3 shows that a write on B reaches A's cache through the shared version.
    status, _, pagina = bewoner.get(a.poort, "/initiatieven/mijn-inbreng/")
    if status != 200 or naam not in pagina:
        raise Mislukt(f"server A did not show the resident's page (status {status})")

    # 3. Submit on B, see it on A.
    titel = f"Bankjes bij de vijver {secrets.token_hex(3)}"
    velden = {
        "titel": titel,
        "beschrijving": "Submitted on server B, to be seen on server A.",
        "thema": thema_pk,
        "wijk": wijk_pk,
        "buurt": "",
        "locatie": "Vijverpad",
        "actie": "indienen",
    }
    status, kop, _ = bewoner.formulier(b.poort, "/initiatieven/initiatief-indienen/", **velden)
    if status != 302 or "/ontvangen/" not in kop.get("Location", ""):
        raise Mislukt(f"submitting on B gave {status}, expected a redirect to the receipt")
    status, _, pagina = bewoner.get(a.poort, "/initiatieven/mijn-inbreng/")
    if status != 200 or titel not in pagina:
        raise Mislukt("the item submitted on B is not in 'my contributions' on A")
    stap(
        "submitted an initiative on server B; server A, which had the page cached, "
        "lists it in 'my contributions'"
    )

    if met_redis:
        snelheidslimieten(a, b, bewoner, email, velden)

    # 6. Sign out on B: A no longer knows the session either.
    _, _, pagina = bewoner.get(b.poort, "/initiatieven/mijn-inbreng/")
    token = invoervelden(pagina)["csrfmiddlewaretoken"]
    status, _, _ = bewoner.vraag(
        b.poort, "POST", "/account/logout/", {"csrfmiddlewaretoken": token}
    )
    if status != 302:
        raise Mislukt(f"signing out on B gave {status}, expected a redirect")
    status, kop, _ = bewoner.get(a.poort, "/initiatieven/mijn-inbreng/")
    if status != 302 or "/account/login/" not in kop.get("Location", ""):
        raise Mislukt(f"server A still knows the session signed out on B (status {status})")
    stap("signed out on server B; server A sends the resident to the sign-in page")
    return met_redis


def snelheidslimieten(a: Server, b: Server, bewoner: Browser, email: str, velden: dict):
    # 4. A burst of sign-in posts from one address, alternately on A and B.
    aanvaller = Browser("198.18.0.66")
    _, _, pagina = aanvaller.get(a.poort, "/account/login/")
    token = invoervelden(pagina)["csrfmiddlewaretoken"]
    uitkomsten = []
    for i in range(INLOGPOGINGEN_PER_MINUUT + 4):
        server = (a, b)[i % 2]
        status, _, _ = aanvaller.vraag(
            server.poort,
            "POST",
            "/account/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": ""},
        )
        uitkomsten.append(status)
    eerste = uitkomsten.index(429) + 1 if 429 in uitkomsten else None
    if eerste != INLOGPOGINGEN_PER_MINUUT + 1 or set(uitkomsten[eerste - 1 :]) != {429}:
        raise Mislukt(
            f"sign-in burst over A and B: first refusal at attempt {eerste}, expected "
            f"{INLOGPOGINGEN_PER_MINUUT + 1} (statuses {uitkomsten})"
        )
    stap(
        f"a burst of {len(uitkomsten)} sign-in posts split over A and B: "
        f"{INLOGPOGINGEN_PER_MINUUT} accepted in total, then 429 on both servers"
    )

    # 5. Submissions alternately on A and B: the account's limit holds over both.
    uitkomsten = []
    for i in range(INDIENINGEN_PER_UUR + 1):  # one was submitted in step 3
        server = (a, b)[i % 2]
        status, _, _ = bewoner.formulier(
            server.poort,
            "/initiatieven/initiatief-indienen/",
            **{**velden, "titel": f"Burst {i} {secrets.token_hex(2)}"},
        )
        uitkomsten.append(status)
    verwacht = [302] * (INDIENINGEN_PER_UUR - 1) + [429, 429]
    if uitkomsten != verwacht:
        raise Mislukt(f"submission burst over A and B gave {uitkomsten}, expected {verwacht}")
    _, _, pagina = bewoner.get(a.poort, "/initiatieven/mijn-inbreng/")
    for i in range(INDIENINGEN_PER_UUR + 1):
        if (f"Burst {i} " in pagina) != (uitkomsten[i] == 302):
            raise Mislukt(f"'my contributions' on A does not match the statuses (item {i})")
    stap(
        f"submissions alternately on A and B: {INDIENINGEN_PER_UUR} accepted in total, "
        "the next refused with 429 (nothing saved)"
    )


#: Settings of the calling environment that would change what the servers do.
_NIET_DOORGEVEN = {
    "CACHE_URL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "SINGLE_SERVER",
    "SESSION_CACHE",
    "TRUSTED_CLIENT_IP_HEADER",
    "SECURE_SSL_REDIRECT",
    "BEHIND_TLS_PROXY",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/wijkportaal",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("CACHE_URL")
        or os.environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0",
    )
    parser.add_argument(
        "--require-redis",
        action="store_true",
        default=bool(os.environ.get("CI")),
        help="fail (rather than skip the shared-limit steps) without Redis; the default in CI",
    )
    parser.add_argument(
        "--session-cache",
        action="store_true",
        help="sessions in Redis in front of the database (SESSION_CACHE=1)",
    )
    parser.add_argument(
        "--per-process-cache",
        action="store_true",
        help=(
            "give the servers no shared cache but run the rate-limit steps anyway: shows "
            "that the check fails when counters are per process"
        ),
    )
    args = parser.parse_args(argv)

    kenmerk = secrets.token_hex(4)
    basisnaam = urllib.parse.urlsplit(args.database_url).path.lstrip("/") or "wijkportaal"
    dbnaam = f"{basisnaam}_twee_servers_{kenmerk}"[:63]
    voorvoegsel = f"twee-servers-{kenmerk}"
    met_redis = redis_bereikbaar(args.redis_url)

    print("Two-server check")
    print(f"  database {dbnaam}; Redis {'at ' + args.redis_url if met_redis else 'unreachable'}")
    if not met_redis and args.require_redis:
        print(f"FAILED: Redis is not reachable at {args.redis_url}, and it is required")
        return 1

    servers: list[Server] = []
    gemaakt = gedeeld = False
    try:
        db_url, beheer_url = database_urls(args.database_url, dbnaam)
        with tempfile.TemporaryDirectory(prefix="twee-servers-") as tmp:
            env = {k: v for k, v in os.environ.items() if k not in _NIET_DOORGEVEN}
            env.update(
                DEMO="",
                DEBUG="",
                SECRET_KEY=secrets.token_urlsafe(50),
                DATABASE_URL=db_url,
                ALLOWED_HOSTS="127.0.0.1,localhost",
                TRUSTED_PROXY_COUNT="1",
                STATIC_ROOT=str(Path(tmp) / "static"),
                MEDIA_ROOT=str(Path(tmp) / "media"),
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
                TASKS_BACKEND="django_tasks_db.DatabaseBackend",
                LOG_LEVEL="WARNING",
                PYTHONUNBUFFERED="1",
            )
            if args.per_process_cache:
                env["SINGLE_SERVER"] = "1"
                met_redis = True  # run the rate-limit steps: they should fail
            elif met_redis:
                env.update(CACHE_URL=args.redis_url, CACHE_KEY_PREFIX=voorvoegsel)
                if args.session_cache:
                    env["SESSION_CACHE"] = "1"
            else:
                env["SINGLE_SERVER"] = "1"

            beheer(beheer_url, f'CREATE DATABASE "{dbnaam}"')
            gemaakt = True
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            email = f"bewoner-{kenmerk}@example.test"
            naam = f"Bewoner {kenmerk}"
            uit = manage(
                env,
                "shell",
                "--no-imports",
                "-c",
                GEGEVENS.format(email=email, wachtwoord=WACHTWOORD, naam=naam),
            )
            wijk_pk, thema_pk = uit.split()[-2:]
            stap("database migrated, static files collected, a resident and a ward created")

            servers = [Server("A", env, Path(tmp)), Server("B", env, Path(tmp))]
            for server in servers:
                server.wacht_tot_gereed()
            stap(
                f"two gunicorn servers (2 workers each) on :{servers[0].poort} and "
                f":{servers[1].poort}, same SECRET_KEY and database, "
                + ("a per-process cache each" if "CACHE_URL" not in env else "one Redis")
            )
            try:
                gedeeld = controleer(*servers, wijk_pk, thema_pk, email, naam, met_redis)
            except Exception:
                for server in servers:
                    print(f"--- last lines of server {server.naam} ---\n{server.staart()}")
                raise
    except Mislukt as exc:
        print(f"FAILED: {exc}")
        return 1
    finally:
        for server in servers:
            server.stop()
        if servers:
            print("  servers stopped")
        if gemaakt:
            with contextlib.suppress(Mislukt):
                beheer(beheer_url, f'DROP DATABASE IF EXISTS "{dbnaam}" WITH (FORCE)')
                print(f"  database {dbnaam} dropped")
        if met_redis:
            redis_opruimen(args.redis_url, voorvoegsel)
    if not gedeeld:
        print(
            "PASSED, but the shared rate-limit steps were SKIPPED: Redis is not reachable "
            f"at {args.redis_url}"
        )
        return 0
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
