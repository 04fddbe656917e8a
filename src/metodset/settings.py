"""Metodset settings: one file, everything from the environment.

Defaults are safe for production (DEBUG off, secure cookies, HSTS); `make demo`
and the test suite switch DEBUG on explicitly. Any setting ending in a secret
can also be read from a file named by `<NAME>_FILE` (Docker/K8s secrets).
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# DEBUG=1 in the environment is the development mode of `make demo` and of the tests: an
# insecure default key, local hosts, console e-mail, plain HTTP. Django's own debug pages
# (English, with the settings on them) are one more switch, DEBUG_PAGES: `make demo` turns
# them off, so the demo shows the Russian 404 and 500 pages its users would see.
DEVELOPMENT = env_bool("DEBUG", False)
DEBUG = DEVELOPMENT and env_bool("DEBUG_PAGES", True)
DATA_DIR = Path(env("DATA_DIR", str(PROJECT_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the local SQLite database and uploads live here

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEVELOPMENT:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    # Only with DEBUG on (refused above otherwise): the demo needs no set-up.
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-0123456789abcdef"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEVELOPMENT else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # integration: the portal's sitemap.xml (library app)
    "django.contrib.postgres",  # integration: full-text search of the library app
    "axes",
    "django_htmx",
    "django_filters",
    "django_tasks_db",
    "simple_history",
    "rules",
    "ninja",
    "metodset.core",
    "metodset.accounts",
    "metodset.orgs",
    "metodset.people",
    "metodset.acts",
    "metodset.associations",
    "metodset.api",
    "metodset.imports",
    "metodset.events",
    "metodset.growth",
    "metodset.schools",  # school results, the risk list and support (issue #17)
    "metodset.pdorders",  # the PD order from needs, deficits and PD renewal (issue #17)
    "metodset.roadmaps",  # the roadmap as measures (issue #17)
    "metodset.indicators",
    "metodset.regulations",
    "metodset.plans",
    "metodset.meetings",
    "metodset.proposals",  # integration: proposals upward and draft acts (issue #16)
    "metodset.documents",
    "metodset.analysis",  # integration: the year-end analysis (issue #14)
    "metodset.calendars",
    "metodset.surveys",
    "metodset.consultations",
    "metodset.portal",
    "metodset.privacy",
    "metodset.home",
    "metodset.portfolio",
    "metodset.library",  # integration: the bank of pedagogical information and news
    "metodset.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "metodset.accounts.sessions.SessionIdleMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "metodset.urls"
# Django's form renderer with the stock input and select widgets written in Python (issue #19).
FORM_RENDERER = "metodset.core.renderers.FastTemplates"
WSGI_APPLICATION = "metodset.wsgi.application"

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
                "django.template.context_processors.csp",
                "metodset.home.context_processors.navigation",
                "metodset.core.context_processors.notifications",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'metodset.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


def cache_config(url: str) -> dict:
    """CACHE_URL → a Django cache: file:///path, redis://host:6379/0 (with the redis
    package installed) or locmem:// (one process only)."""
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise RuntimeError(f"CACHE_URL must start with file://, redis:// or locmem://, not {url!r}")


# One cache shared by every process of a deployment (web workers, the task worker, the
# nightly recompute): the indicators' cache versions must reach all of them. Files under
# DATA_DIR by default; Redis for several hosts. A test run (pytest sets PYTEST_VERSION)
# keeps its cache in memory, so parallel workers never read each other's values.
CACHES = {
    "default": cache_config(
        env(
            "CACHE_URL",
            "locmem://" if "PYTEST_VERSION" in os.environ else f"file://{DATA_DIR / 'cache'}",
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not shared memory, for tests too: concurrent writers then wait for the lock
    # (busy_timeout) instead of failing with "table is locked".
    # One file per process, so that test runs side by side never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
# A PostgreSQL streaming replica for the heavy reads (core/replicas.py, docs/scaling.md):
# GET requests under REPLICA_READ_PATHS read from it, everything else from the primary.
if env("DATABASE_REPLICA_URL"):
    from metodset.core import replicas

    DATABASES[replicas.REPLICA] = replicas.database(
        dj_database_url.parse(
            env("DATABASE_REPLICA_URL"),
            conn_max_age=int(env("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
    DATABASE_ROUTERS = ["metodset.core.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(1, "metodset.core.replicas.ReplicaReadsMiddleware")
REPLICA_READ_PATHS = env_list("REPLICA_READ_PATHS", "/indicators/,/regulations/compliance/,/api/")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every password, the right one too, while the account or address is locked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# A session ends after this many hours without a request (SessionIdleMiddleware renews it
# at most every few minutes, so that reads do not all become writes).
SESSION_COOKIE_AGE = int(float(env("SESSION_IDLE_HOURS", "12")) * 3600)

# Login protection (django-axes, docs/security.md): failed logins are counted per account
# (the e-mail as typed, case folded) and per client address; past either limit every login
# there, with the right password too, is refused until the cool-off has passed since the
# last failure. The address limit is higher: a school's teachers reach us from one address.
METODSET_LOGIN_FAILURE_LIMITS = {
    "username": int(env("LOGIN_FAILURE_LIMIT", "10")),
    "ip_address": int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "30")),
}
AXES_HANDLER = "metodset.accounts.lockout.LoginAttemptHandler"
AXES_LOCKOUT_PARAMETERS = list(METODSET_LOGIN_FAILURE_LIMITS)
# The handler counts the limits above that are reached; one is enough to lock.
AXES_FAILURE_LIMIT = 1
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "30")))
# Attempts refused during a lockout do not extend it: the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "metodset.accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "metodset.core.network.client_ip"
AXES_LOCKOUT_CALLABLE = "metodset.accounts.lockout.lockout_response"
# Successful logins are not journaled (no personal data kept without a purpose); failed
# attempts are deleted once they no longer count.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", "Europe/Moscow")
USE_TZ = True
FORMAT_MODULE_PATH = ["metodset.formats"]
# The blank choice of every list filter reads «все», not «---------».
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("all")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
# Every uploaded file is kept here, outside anything a web server serves, under a random
# name; the app hands it out after an access check (metodset.core.files). Back it up with
# the database. There is no MEDIA_URL: no uploaded file has a public address.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(DATA_DIR / "private")))
# Where uploads were kept before they all became private: the migrations move them out.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "metodset.core.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEVELOPMENT
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

_smtp_options = {
    "host": env("EMAIL_HOST", "localhost"),
    "port": int(env("EMAIL_PORT", "25")),
    "username": env("EMAIL_HOST_USER"),
    "password": env("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
}
_email_backend = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEVELOPMENT
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": _smtp_options if _email_backend.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Методсеть <noreply@metodset.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Security: secure by default, relaxed only for local DEBUG runs over plain HTTP.
SECURE = env_bool("SECURE", not DEVELOPMENT)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
# Monitoring asks the app itself over plain HTTP (docs/operations.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Axes says INFO for every step of every login; failures and lockouts are WARNINGs.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Metodset's own knobs.
METODSET_PAGE_SIZE = int(env("PAGE_SIZE", "25"))
# Requests without a session, counted per client address before authentication (401s too).
METODSET_API_ANON_RATE = env("API_ANON_RATE", "60/min")
METODSET_API_USER_RATE = env("API_USER_RATE", "1200/min")
# Password reset e-mails: at most so many per typed e-mail and per client address.
METODSET_PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", "3/hour")
METODSET_PASSWORD_RESET_ADDRESS_RATE = env("PASSWORD_RESET_ADDRESS_RATE", "20/hour")
# The public question form: questions per client address, and the least time a person takes.
METODSET_CONSULTATION_RATE = env("CONSULTATION_RATE", "5/hour")
METODSET_CONSULTATION_MIN_SECONDS = int(env("CONSULTATION_MIN_SECONDS", "3"))
# How many reverse proxies of ours stand before the app: the client address is then the
# entry of X-Forwarded-For that the outermost one wrote. 0: REMOTE_ADDR, the header ignored.
METODSET_TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0"))
# How long the personal data access log is kept; `metodset access_log_purge` (daily) deletes
# older entries (docs/personal-data.md).
METODSET_PD_ACCESS_LOG_DAYS = int(env("PD_ACCESS_LOG_DAYS", "365"))
# /healthz answers 503 when the task worker has run no heartbeat task for this long; a long
# import holds the worker, so this is longer than the longest task should take.
METODSET_WORKER_STALE_SECONDS = int(env("WORKER_STALE_SECONDS", "600"))

# Error reports to Sentry (or a compatible server such as GlitchTip) when SENTRY_DSN is set:
# `pip install metodset[sentry]`; without the package the app runs and says so in the log.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from metodset.sentry import sentry_init

    sentry_init(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
