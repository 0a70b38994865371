"""Settings for Wijkportaal, read from the environment with safe defaults.

Three modes, one file:

* production (the default): DEBUG off, SECRET_KEY required to serve, secure cookies, HSTS.
* demo (``DEMO=1``, set by ``make demo``): a fixed throw-away secret, console email,
  demo accounts may sign in, staff may skip the second factor.
* test: recognised by pytest being loaded (pytest-django imports the settings before
  any conftest could set a variable), so a bare ``pytest`` works too.

See docs/configuration.md for every variable.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules
DEMO = env_bool("DEMO")
DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and (DEMO or TESTING):
    # Only for local demo and test runs.
    SECRET_KEY = "demo-and-test-only-not-secret-" + "x" * 40  # noqa: S105
# Without a key, commands that sign nothing (check, makemigrations, migrate) still run, but
# the server refuses to start (wijkportaal/wsgi.py, asgi.py) and `check --deploy` fails.

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEMO or DEBUG) else "")
if TESTING:
    ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "wijkportaal.views.csrf_mislukt"

# The municipality this installation serves; shown in the header and emails.
GEMEENTE_NAAM = os.environ.get("GEMEENTE_NAAM", "Gemeente Wijkstad")
GEMEENTE_CODE = os.environ.get("GEMEENTE_CODE", "GM9999")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    # The read API (opendata.api): Ninja for its templates and bundled docs assets.
    "ninja",
    "corsheaders",
    # Own apps, lowest layer last: opendata -> meedenken -> initiatieven -> contacten -> wijken.
    "wijkportaal",
    "opendata",
    "meedenken",
    "initiatieven",
    "contacten",
    "wijken",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; only /api/ (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wijkportaal.middleware.SessionTimeoutMiddleware",
    "wijkportaal.middleware.TaalBewarenMiddleware",
    "wijkportaal.middleware.UserSessionsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wijkportaal.middleware.StaffSecondFactorMiddleware",
    # Last, so it sees every response a view or the middleware above gave a signed-in person.
    "wijkportaal.middleware.PersoonlijkNietBewarenMiddleware",
]

ROOT_URLCONF = "wijkportaal.urls"
WSGI_APPLICATION = "wijkportaal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "wijkportaal.context_processors.portaal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PostgreSQL through psycopg 3 when DATABASE_URL is set; otherwise a SQLite file, so that
# `make demo` needs no server. Persistent connections: a new connection per request was
# measured ten times slower on these machines.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (shared when CACHE_URL/REDIS_URL is set: rate limits across servers) ---------
# Rate-limit counters (allauth's and the portal's own) live in the cache. Without a shared
# cache they are counted per process: each gunicorn worker on each server has its own, so a
# limit of 10 becomes 10 per worker. `check --deploy` warns about that (wijkportaal/checks.py).
# CACHE_URL is the general name, REDIS_URL the older one; CACHE_URL wins when both are set.
CACHE_URL = os.environ.get("CACHE_URL", "") or os.environ.get("REDIS_URL", "")
REDIS_URL = CACHE_URL
if CACHE_URL:
    if CACHE_URL.split("://", 1)[0] not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            "CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), "
            f"not {CACHE_URL.split('://', 1)[0]}://"
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # Several installations (acceptance, production) may share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "wijkportaal"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache (wijken.pagecache; docs/architecture.md, "The page cache"): pieces of
# pages declared by what they show, keyed on versions kept in the database, so each
# process can keep the HTML in its own memory (no round trip, nothing to share). Apart
# from "default", so that a busy list never evicts a rate-limit counter to make room.
CACHES["fragmenten"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragmenten",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# Off (PAGECACHE=0): every page rendered fresh, as the benchmark's "fresh" column does.
PAGECACHE_ENABLED = env_bool("PAGECACHE", default=True)
# The apps whose writes the page cache follows, and their models no cached page shows.
PAGECACHE_APPS = ["wijken", "contacten", "initiatieven", "meedenken"]
PAGECACHE_UNTRACKED = ["contacten.AuditRegel", "wijken.CacheVersion"]
# A single-server installation may accept per-process counters knowingly (docs/deploy.md).
SINGLE_SERVER = env_bool("SINGLE_SERVER")

# --- Authentication --------------------------------------------------------------------
AUTH_USER_MODEL = "contacten.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "contacten.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates a test run that signs in many users; tests check behaviour, not cost.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "contacten.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "contacten.forms.AanmeldForm"
ACCOUNT_FORMS = {
    "add_email": "contacten.forms_account.EmailToevoegenForm",
    "login": "contacten.forms_account.InlogForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{GEMEENTE_NAAM}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if (DEMO or DEBUG or TESTING) else "https"
# allauth's defaults, named here so they are visible and reviewed: login failures per
# account and per address, signups and password resets per address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Behind a load balancer every request comes from the balancer's address: without these,
# the per-address limits above would count all residents together. TRUSTED_PROXY_COUNT is
# the number of proxies of our own that append to X-Forwarded-For (usually 1);
# TRUSTED_CLIENT_IP_HEADER a header the balancer sets to the client's address instead.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or "0")
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The sign-in's code form, so a code refused after too many attempts is in the audit log.
MFA_FORMS = {"authenticate": "contacten.forms_tweede_factor.TweedeFactorForm"}
MFA_TOTP_ISSUER = GEMEENTE_NAAM
# Accept the code of the previous and next 30-second window too (RFC 6238's advice for
# clock drift and the time it takes to type): a code read at second 29 still works.
MFA_TOTP_TOLERANCE = 1
USERSESSIONS_TRACK_ACTIVITY = True

# Staff roles must have a second factor before they reach any page but the set-up pages.
# Only a local demo may relax this; production and tests keep it on.
MFA_VERPLICHT_VOOR_MEDEWERKERS = not DEMO

# --- Sessions ---------------------------------------------------------------------------
# In the database: every server sees every session. SESSION_CACHE=1 adds the shared cache
# in front (cached_db: reads from Redis, writes to both); only with CACHE_URL/REDIS_URL set,
# since a per-process cache would keep a signed-out session alive in other processes.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env_bool("SESSION_CACHE")
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = 12 * 60 * 60  # the absolute limit; see SessionTimeoutMiddleware
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

PRODUCTION = not (DEBUG or DEMO or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
if env_bool("BEHIND_TLS_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# Only a header flag: being on the browsers' preload list also takes a manual submission.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
# /healthz is asked over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Email ------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wijkportaal@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_MAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if (DEMO or DEBUG)
    else "django.core.mail.backends.smtp.EmailBackend",
)
_MAIL_OPTIONS = (
    {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "timeout": 10,
    }
    if _MAIL_BACKEND.endswith("smtp.EmailBackend")
    else {}
)
# A folder for a copy of every email: with the console backend (demo, development) each
# email is then printed and also written there as a .eml file, so a script or a browser
# test can read the confirmation link the demo sent; Django's file backend writes there.
# (Not a setting of that name: Django 6.1 refuses the old EMAIL_* settings next to MAILERS.)
_MAIL_FOLDER = os.environ.get("EMAIL_FILE_PATH", "")
if _MAIL_FOLDER and _MAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    _MAIL_BACKEND = "wijkportaal.mail.ConsoleAndFolderBackend"
    _MAIL_OPTIONS = {"folder": _MAIL_FOLDER}
elif _MAIL_BACKEND.endswith("filebased.EmailBackend"):
    _MAIL_OPTIONS = {"file_path": _MAIL_FOLDER or str(BASE_DIR / "mail")}
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}

# --- Background tasks (django.tasks) -----------------------------------------------------
# Immediate by default (the request runs the task after its commit). With several servers
# set TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker`: tasks are
# then rows in PostgreSQL that a worker process picks up (docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style in every language: "7 december 2026", "7 december 2026, 15:11".
FORMAT_MODULE_PATH = ["wijkportaal.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Retention (see docs/privacy.md) ---------------------------------------------------
# Days after an item's closing step before `manage.py bewaartermijnen` anonymises the
# submitter's personal data, and days before an account never confirmed is deleted. The
# privacy statement shows these values (wijkportaal.views.termijnen), so it follows them.
BEWAARTERMIJN_AFGESLOTEN_DAGEN = int(os.environ.get("BEWAARTERMIJN_AFGESLOTEN_DAGEN", "730"))
BEWAARTERMIJN_ONBEVESTIGD_DAGEN = int(os.environ.get("BEWAARTERMIJN_ONBEVESTIGD_DAGEN", "30"))

# `make bench` only: registers the baseline page (one query and a trivial template) that
# the benchmark compares every page with. Off everywhere else.
BENCHMARK = env_bool("BENCHMARK")

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names for far-future caching in production; tests and the demo serve the
        # files as they are so no collectstatic is needed first.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task state change is noise at INFO; failures still show.
    "loggers": {"django.tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")}},
}

# Outside production WhiteNoise serves straight from the app and static folders, so a
# demo or test run needs no collectstatic first.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# --- The read API (/api/v1/, opendata.api; docs/open-data.md "Read API") -----------------
# Anonymous and read-only, so any site may call it from a browser: CORS open to every
# origin, but only for the API's paths, only for reading, and never with credentials
# (no cookie or session of the portal is sent along or needed).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Only what a reading client sends (not the defaults' authorization or x-csrftoken).
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["Retry-After"]
# Requests per client address (behind a proxy: TRUSTED_PROXY_COUNT) per period in seconds,
# counted in the shared cache by wijken.snelheid like the portal's other limits.
API_LIMIET = int(os.environ.get("API_LIMIET", "120"))
API_LIMIET_PERIODE = int(os.environ.get("API_LIMIET_PERIODE", "60"))

# --- Items ------------------------------------------------------------------------------
# The promise to residents: a first response within this many working days.
EERSTE_REACTIE_WERKDAGEN = int(os.environ.get("EERSTE_REACTIE_WERKDAGEN", "10"))
# Attachments: photos and PDFs only, checked by content, at most this size each.
BIJLAGE_MAX_BYTES = int(os.environ.get("BIJLAGE_MAX_BYTES", str(10 * 1024 * 1024)))
BIJLAGEN_MAX_AANTAL = 5
# The portal's public address, for links in emails and calendar feeds.
PORTAAL_URL = os.environ.get("PORTAAL_URL", "http://127.0.0.1:8000").rstrip("/")
