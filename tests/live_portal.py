"""The portal as a separate server process, for tests whose transactions really commit.

Django's test client and ``live_server`` run inside the test's process, and most tests
inside a transaction that is rolled back: a write that only fails at commit time, or a
callback that runs "after the commit", never meets a real commit there. The helpers here
start the portal the way ``make demo`` does (``manage.py runserver``, ``DEMO=1``) on a
database of its own (a temporary SQLite file, or a scratch PostgreSQL database), talk to
it over HTTP like a browser without JavaScript, and read the emails it sent from the
folder of ``EMAIL_FILE_PATH`` (``wijkportaal.mail``).
"""

import contextlib
import email
import email.policy
import html.parser
import http.client
import http.cookies
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Variables of the calling environment that would change what the server does: the test
#: settings of this process, a shared cache, production switches.
_NOT_PASSED_ON = {
    "CACHE_URL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "SESSION_CACHE",
    "SECURE_SSL_REDIRECT",
    "BEHIND_TLS_PROXY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "EMAIL_BACKEND",
    "TASKS_BACKEND",
    "PYTEST_XDIST_WORKER",
    "PYTEST_CURRENT_TEST",
}


class ServerError(AssertionError):
    """The server did not start or answered something unexpected; the message carries the
    end of its log."""


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- databases ---------------------------------------------------------------------------


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _admin_execute(database_url: str, sql: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql"))
    # The database of the URL may not exist yet (or be the one we drop): fall back to the
    # server's maintenance database.
    candidates = [
        admin,
        urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres")),
    ]
    error = None
    for url in candidates:
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
                conn.execute(sql)
                return
        except psycopg.OperationalError as exc:
            error = exc
    raise ServerError(f"PostgreSQL at {parts.hostname}:{parts.port}: {error}")


@contextlib.contextmanager
def scratch_postgres(database_url: str, label: str) -> Iterator[str]:
    """A new, empty database on the server of ``database_url`` (whose role must be allowed
    to create databases), dropped afterwards; yields its URL."""
    parts = urllib.parse.urlsplit(database_url)
    base = parts.path.lstrip("/") or "wijkportaal"
    name = f"{base}_{label}_{secrets.token_hex(4)}"[:63]
    _admin_execute(database_url, f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _admin_execute(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows read over a connection of our own (not the server's), so what they show has
    been committed. ``sql`` uses ``%s`` placeholders on both databases."""
    if is_postgres(database_url):
        import psycopg

        parts = urllib.parse.urlsplit(database_url)
        with psycopg.connect(urllib.parse.urlunsplit(parts._replace(scheme="postgresql"))) as c:
            return c.execute(sql, params).fetchall()
    path = database_url.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as c:
        return c.execute(sql.replace("%s", "?"), params).fetchall()


# --- the server ----------------------------------------------------------------------------


class Portal:
    """``manage.py runserver`` in a process group of its own, as ``make demo`` starts it
    (``DEMO=1 DEBUG=1``), on ``database_url`` with emails kept in ``mail_dir``."""

    def __init__(self, database_url: str, workdir: Path, *, extra_env: dict | None = None):
        self.database_url = database_url
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = workdir / "mail"
        self.log = workdir / "server.log"
        self.env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED_ON}
        self.env.update(
            DEMO="1",
            DEBUG="1",
            DATABASE_URL=database_url,
            EMAIL_FILE_PATH=str(self.mail_dir),
            PORTAAL_URL=self.url,
            MEDIA_ROOT=str(workdir / "media"),
            DJANGO_SETTINGS_MODULE="wijkportaal.settings",
            PYTHONUNBUFFERED="1",
            **(extra_env or {}),
        )
        self.process: subprocess.Popen | None = None

    def manage(self, *args: str, timeout: float = 600) -> str:
        """Run a management command against this portal's database; its stdout."""
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self, timeout: float = 120) -> None:
        """Start the server and wait until ``/healthz`` answers 200."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise ServerError(
                    f"the server stopped (exit {self.process.returncode}):\n{self.tail()}"
                )
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.3)
        raise ServerError(f"the server did not answer /healthz in {timeout:.0f} s:\n{self.tail()}")

    def stop(self) -> None:
        """Stop the server's whole process group: first politely, then for good."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def tail(self, lines: int = 60) -> str:
        """The end of the server's log (tracebacks of a 500 included)."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Committed rows of this portal's database, read over a connection of our own."""
        return query(self.database_url, sql, params)

    def mailbox(self) -> "Mailbox":
        return Mailbox(self.mail_dir)


# --- a browser without JavaScript --------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    submit: dict[str, str] = field(default_factory=dict)  # name/value of the first named button
    id: str = ""


class _FormParser(html.parser.HTMLParser):
    """Every <form> with the values a browser would send: inputs (checked ones only for
    radios and checkboxes), textareas, the selected (else the first) option of each select."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                a.get("action", ""), a.get("method", "get").lower(), id=a.get("id", "")
            )
            self.forms.append(self._form)
            return
        f = self._form
        if f is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    f.fields[name] = a.get("value", "on")
            elif kind == "submit":
                f.submit.setdefault(name, a.get("value", ""))
            elif kind != "file":
                f.fields.setdefault(name, a.get("value", ""))
        elif tag == "button" and name:
            f.submit.setdefault(name, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            f.fields[name] = ""
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
                f.fields.setdefault(self._select, value)
            if "selected" in a:
                f.fields[self._select] = value

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms(page: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(page)
    return parser.forms


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Browser:
    """One person's browser: a cookie jar, GET and form POSTs with the CSRF token of the
    page the form is on, redirects not followed (the tests look at them)."""

    def __init__(self, portal: Portal):
        self.portal = portal
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        path = urllib.parse.urlsplit(path)._replace(scheme="", netloc="").geturl() or "/"
        headers = {"Host": f"127.0.0.1:{self.portal.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.portal.url
            headers["Referer"] = self.portal.url + path
        conn = http.client.HTTPConnection("127.0.0.1", self.portal.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read().decode("utf-8", "replace")
            for line in answer.headers.get_all("Set-Cookie") or []:
                jar = http.cookies.SimpleCookie()
                jar.load(line)
                for name, morsel in jar.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(answer.status, answer.headers, text)
        finally:
            conn.close()

    def get(self, path: str, *, expect: int | None = 200) -> Response:
        response = self.request("GET", path)
        if expect is not None and response.status != expect:
            raise ServerError(
                f"GET {path} gave {response.status}, expected {expect}\n{self.portal.tail()}"
            )
        return response

    def submit(self, path: str, values: dict, *, pick=None) -> Response:
        """GET ``path``, take its form (the first POST form whose action starts with
        ``path``'s own, or the first for which ``pick(form)`` is true), fill in ``values``
        and POST it to the form's action."""
        page = self.get(path)
        candidates = [f for f in forms(page.text) if f.method == "post"]
        if pick is not None:
            candidates = [f for f in candidates if pick(f)]
        else:
            candidates = [f for f in candidates if (f.action or path).startswith(path)]
        if not candidates:
            raise ServerError(f"no matching form on {path}")
        form = candidates[0]
        data = {**form.fields, **form.submit, **values}
        response = self.request("POST", form.action or path, data)
        if response.status >= 500:
            raise ServerError(
                f"POST {form.action or path} gave {response.status}\n{self.portal.tail()}"
            )
        return response

    def sign_in(self, address: str, password: str) -> None:
        response = self.submit("/account/login/", {"login": address, "password": password})
        if response.status != 302 or "sessionid" not in self.cookies:
            raise ServerError(f"signing in as {address} gave {response.status}, not a redirect")


# --- emails -----------------------------------------------------------------------------------


class Mailbox:
    """The emails the portal wrote to its ``EMAIL_FILE_PATH`` folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def all(self) -> list[email.message.EmailMessage]:
        if not self.folder.is_dir():
            return []
        return [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(self.folder.glob("*.eml"))
        ]

    def to(self, address: str, subject: str = "") -> list[email.message.EmailMessage]:
        return [
            m
            for m in self.all()
            if address.lower() in str(m["To"]).lower() and subject in str(m["Subject"])
        ]

    def wait_for(
        self, address: str, subject: str = "", *, timeout: float = 10
    ) -> email.message.EmailMessage:
        """The latest email to ``address`` whose subject contains ``subject``: it may be
        written just after the response (a task after the commit), so wait a little."""
        end = time.monotonic() + timeout
        while True:
            found = self.to(address, subject)
            if found:
                return found[-1]
            if time.monotonic() > end:
                seen = [f"{m['To']}: {m['Subject']}" for m in self.all()]
                raise AssertionError(f"no email to {address} about {subject!r}; seen: {seen}")
            time.sleep(0.2)


def text_of(message: email.message.EmailMessage) -> str:
    """The plain-text part of an email."""
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message: email.message.EmailMessage, pattern: str) -> list[str]:
    return re.findall(pattern, text_of(message))
