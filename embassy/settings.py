"""Settings for the embassy site, read from the environment.

Local use needs no configuration at all: SQLite under var/, mail written to var/mail/.
DJANGO_ENV=production switches to safe defaults and refuses to start on unsafe values.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from embassy.environment import (
    FILE_BACKEND,
    SMTP_BACKEND,
    env_admins,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_path_prefix,
    parse_cache_url,
    parse_email_url,
    parse_media_storage_url,
)
from embassy.languages.names import fallback_order, offered_languages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

_DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")
    if (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure")
        or SECRET_KEY == _DEVELOPMENT_SECRET_KEY
    ):
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs a real SECRET_KEY: at least 50 random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
elif not SECRET_KEY:
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    # ".localhost": localhost and every mission of the demo under it (hcmc.localhost).
    default=[] if PRODUCTION else [".localhost", "127.0.0.1", "[::1]"],
)
# An installation of many missions allows the missions' own host names (embassy/missions/
# middleware.py looks a request's host up among them, one dict lookup) rather than a list that
# Django scans on every get_host(): 300 names cost 0.2-0.3 ms a request (bench/README.md).
ALLOWED_HOSTS_FROM_MISSIONS = env_bool("ALLOWED_HOSTS_FROM_MISSIONS", default=False)
if ALLOWED_HOSTS_FROM_MISSIONS:
    if PRODUCTION and not os.environ.get("SITE_URL"):
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS_FROM_MISSIONS needs SITE_URL (the ministry's site's address) for "
            "links made without a request."
        )
    ALLOWED_HOSTS = ["*"]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs ALLOWED_HOSTS (comma-separated), or "
        "ALLOWED_HOSTS_FROM_MISSIONS=true."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that its translation fields appear in admin forms.
    "modeltranslation",
    # Django's admin, named and grouped for the embassy's staff.
    "embassy.siteinfo.apps.EmbassyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "taggit",
    # The rich-text editor's files (ProseMirror/Tiptap, shipped in the package: no CDN).
    "django_prose_editor",
    # Drag-and-drop order of a briefing's exchanges and the menu's sections.
    "adminsortable2",
    "reversion",
    # django-ninja's own Swagger UI files, served from STATIC_URL rather than a CDN.
    "ninja",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # "Content changed": the registry of what public pages show and its generations.
    "embassy.core",
    "embassy.missions",
    "embassy.signin",
    "embassy.operations",
    "embassy.pages",
    "embassy.history",
    "embassy.media",
    "embassy.review",
    "embassy.pagecache",
    "embassy.siteinfo",
    "embassy.search",
    "embassy.suggesting",
    "embassy.founding",
    "embassy.demo",
    "embassy.languages",
    "embassy.api",
    "django_tasks",
    "django_tasks_db",
    "embassy.alerts",
    "sections",
    "transcripts",
]

MIDDLEWARE = [
    "embassy.operations.logs.RequestIdMiddleware",
    # Before the page cache: a page is stored and found under its mission's scope and host.
    "embassy.missions.middleware.MissionMiddleware",
    # Outermost but the request id: a stored page is answered before any other middleware runs
    # (no session, CSRF, user or database), with the headers every middleware below gave it when
    # it was rendered (the security headers and policy included), so a hit costs one cache read.
    # It sees every cookie the middleware below set, and never stores a response with one.
    "embassy.pagecache.middleware.PageCacheMiddleware",
    # Above everything that can answer by itself, so that those answers carry CORS too (the
    # API is never stored, so the page cache above never has to).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above django-csp: it adds the hash of a page's import map to the policy django-csp wrote.
    "embassy.headers.ImportMapPolicyMiddleware",
    # Above WhiteNoise, so that static files carry the same policy and frame protection.
    "csp.middleware.CSPMiddleware",
    "embassy.headers.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware: the address's prefix chooses the language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "embassy.signin.networks.AdminNetworksMiddleware",
    "embassy.signin.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts every failed sign-in and refuses further tries for a while: after
# SIGNIN_FAILURE_LIMIT failures for one account from one client address, or
# SIGNIN_ADDRESS_FAILURE_LIMIT failures from one address whatever the usernames
# (embassy/signin/lockout.py). Never for an account alone: a stranger who knows a username
# cannot lock its owner out. Superusers see the failures and lock-outs in the admin (Axes) and
# lift one by deleting its access attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "embassy.signin.lockout.PairAndAddressHandler"
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_ADDRESS_FAILURE_LIMIT = env_int("SIGNIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 30))
# The pair first, then the address: the order PairAndAddressHandler reads them in.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The same client address as the other limits: REMOTE_ADDR unless our own proxies say more.
AXES_CLIENT_IP_CALLABLE = "embassy.limits.client_address"
AXES_LOCKOUT_CALLABLE = "embassy.signin.views.locked_out"

# Staff sign in with a password and a code from an authenticator app (django-otp, TOTP), with
# one-time recovery codes; on by default in production. A lost phone: `manage.py
# reset_second_factor USERNAME` (or the Users admin action), then the person enrols again.
# A session ends after SESSION_IDLE_HOURS without a request (a working day), not at a fixed
# time after signing in: each request pushes the end back. Expired rows are removed by
# `manage.py clearsessions`, run daily (README).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

# The admin's address (ADMIN_URL, "admin/" by default), and the client networks it answers to
# (ADMIN_ALLOWED_NETWORKS, comma-separated; anywhere when empty). Elsewhere it is a 404.
ADMIN_URL = env_path_prefix("ADMIN_URL", "admin/")
ADMIN_ALLOWED_NETWORKS = env_networks("ADMIN_ALLOWED_NETWORKS")

STAFF_REQUIRE_SECOND_FACTOR = env_bool("STAFF_REQUIRE_SECOND_FACTOR", PRODUCTION)
# New staff (and staff whose second factor was reset) set it up through a link mailed to them,
# valid this many hours (embassy/signin/invitations.py); a password alone never shows the key.
SIGNIN_INVITATION_HOURS = env_int("SIGNIN_INVITATION_HOURS", 72)

ROOT_URLCONF = "embassy.urls"
WSGI_APPLICATION = "embassy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "embassy.context_processors.site",
                "embassy.siteinfo.context_processors.site_profile",
                "sections.context_processors.menu",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages be read while an import writes; IMMEDIATE makes a writer wait its turn
    # (up to the timeout) instead of failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The default language keeps the unprefixed addresses (no permalink changes); every other
# language offered is prefixed: /zh-hans/…, /vi/…. An embassy elsewhere adds its host's
# language: LANGUAGES=en,zh-hans,th (its catalogue goes in locale/).
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = offered_languages(env_list("LANGUAGES", default=["en", "zh-hans", "vi"]), LANGUAGE_CODE)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Menu sections carry a title and intro per language (sections/translation.py); a language
# added to LANGUAGES needs `manage.py makemigrations sections` for its columns.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Where nothing is written in the reader's language, what they are shown instead, in this
# order: lists show the other versions, marked; names and section titles fall back the same
# way. "vi:en,zh-hans;zh-hans:en"; by default the default language first, then the others.
LANGUAGE_FALLBACKS = fallback_order(
    os.environ.get("LANGUAGE_FALLBACKS", ""), LANGUAGES, LANGUAGE_CODE
)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE,),
    **{code: tuple(order) for code, order in LANGUAGE_FALLBACKS.items()},
}
# Briefings are dated in Beijing time; pages show that time whatever the server's zone.
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# One date format per language, with the time zone named (embassy/formats/).
FORMAT_MODULE_PATH = ["embassy.formats"]

# What one request may carry (uploaded files aside): a pasted transcript of MAX_TRANSCRIPT_BYTES
# (2 MB) with its form; and the fields of a briefing's change page with its most exchanges
# (500, about 10 fields each). Over either, the answer is the 400.html page (413 for size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 6000

# Every date entered (admin, import, search filters) falls from DATE_RANGE_FIRST_YEAR to the end
# of the year DATE_RANGE_YEARS_AHEAD from now; outside that it is a form error.
DATE_RANGE_FIRST_YEAR = env_int("DATE_RANGE_FIRST_YEAR", 1949)
DATE_RANGE_YEARS_AHEAD = env_int("DATE_RANGE_YEARS_AHEAD", 10)

SITE_NAME = os.environ.get("SITE_NAME", "Embassy of the People's Republic of China")
# The site's own address, for links made without a request: alert mail, the bulk export. In
# development, on the port the server runs on (`PORT=8301 make run` passes PORT to every command).
SITE_URL = os.environ.get(
    "SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else f"http://127.0.0.1:{env_int('PORT', 8000)}",
).rstrip("/")
OTP_TOTP_ISSUER = SITE_NAME

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploads (the image and document library): files under MEDIA_ROOT, or an S3-compatible store
# for more than one application server (MEDIA_STORAGE_URL=s3://bucket?endpoint=https://...).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# The app serves local images itself in development; production puts the web server (or the
# object store) in front of MEDIA_ROOT: see README, "Images and documents".
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
MEDIA_IMAGE_MAX_BYTES = env_int("MEDIA_IMAGE_MAX_MB", 10) * 1024 * 1024
MEDIA_DOCUMENT_MAX_BYTES = env_int("MEDIA_DOCUMENT_MAX_MB", 20) * 1024 * 1024
# Pillow's own decompression-bomb limit (about 89 million pixels) unless told otherwise.
MEDIA_IMAGE_MAX_PIXELS = env_int("MEDIA_IMAGE_MAX_PIXELS", 89_478_485)
# Uploads bigger than this go to a temporary file rather than memory while they are checked.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": parse_media_storage_url(os.environ.get("MEDIA_STORAGE_URL", "")),
    "staticfiles": {
        "BACKEND": (
            "embassy.static_files.StaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Two caches, because they must fail differently when memory runs out.
# - "default" holds stored pages and the content generations: everything in it can be made
#   again, so its Redis may evict (maxmemory with allkeys-lru, README "Redis").
# - "limits" holds the rate limits and security counters ("Suggest to a friend", alerts, the
#   API): an eviction there would forget a count and let a client through, so its Redis must
#   never evict (noeviction), and no page stored by a stranger can push a count out.
# LocMem is per process: with several server processes each counts alone, so production with
# more than one worker wants shared ones (CACHE_URL=redis://host:6379/0, REDIS_URL is read too
# as hosting platforms set it; LIMITS_CACHE_URL=redis://host:6380/0). Without LIMITS_CACHE_URL
# the limits share CACHE_URL's server, which is safe only while that server never evicts.
_CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
_LIMITS_CACHE_URL = os.environ.get("LIMITS_CACHE_URL")
LIMITS_CACHE = "limits"
CACHES = {
    "default": parse_cache_url(_CACHE_URL or "locmem://"),
    LIMITS_CACHE: parse_cache_url(_LIMITS_CACHE_URL or _CACHE_URL or "locmem://limits"),
}

# The page cache (embassy/pagecache/): whole public pages for anonymous visitors, in the cache
# above, exact through the generation counter. PAGE_CACHE=false turns it off (benchmarks).
# Exact across processes only with a shared cache: the per-process default would let one
# gunicorn worker serve what another's edit made stale, so production needs CACHE_URL for it.
PAGE_CACHE = env_bool("PAGE_CACHE", default=bool(_CACHE_URL) or not PRODUCTION)
if PAGE_CACHE and PRODUCTION and not _CACHE_URL:
    raise ImproperlyConfigured(
        "PAGE_CACHE in production needs a cache shared by every server process: "
        "set CACHE_URL=redis://... (or PAGE_CACHE=false)."
    )
# The longest a stored page lives in the cache; edits and scheduled times end it sooner.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# Cache-Control of public pages: max-age (browsers revalidate: a 304), s-maxage (a CDN's copy,
# the longest an edit takes to show through it) and stale-while-revalidate.
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 0)
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 1)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# Each server process keeps its own copies of the pages it serves most, within this budget, and
# answers from them without a round trip while Redis has announced no change (watch.py).
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_MB", 32) * 1024 * 1024
# What each process keeps of what pages derive from the content (embassy/core/memo.py): rows
# read for an address, rendered transcripts, the menu, the frame's blocks.
CONTENT_MEMO_BYTES = env_int("CONTENT_MEMO_MB", 64) * 1024 * 1024

# Mail: files under var/mail/ locally, SMTP in production. SMTP comes either from EMAIL_URL
# (smtp://user:password@host:587?tls=true, smtps://user:password@host) or from the separate
# EMAIL_HOST... variables, never a mix of both, so that no half of one silently wins.
_SMTP_VARIABLES = (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    SMTP_BACKEND if PRODUCTION else FILE_BACKEND,
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if os.environ.get("EMAIL_URL"):
    _mixed = [name for name in _SMTP_VARIABLES if os.environ.get(name)]
    if _mixed:
        raise ImproperlyConfigured(
            f"Set EMAIL_URL or {', '.join(_mixed)}, not both: EMAIL_URL holds all of them."
        )
    _email = parse_email_url(os.environ["EMAIL_URL"])
    # An explicit EMAIL_BACKEND (say, the console while debugging) still wins.
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", _email["EMAIL_BACKEND"])
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other: choose one.")
# A mail server that does not answer must not hold a visitor's request open.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# "Suggest to a friend": each friend mailed counts as one send, per client address and per
# sender address, within each clock hour ("period" in seconds).
SUGGEST_RATE_LIMIT = {"sends": env_int("SUGGEST_LIMIT_PER_HOUR", 5), "period": 60 * 60}
# And each friend's address receives at most this many suggestions a day, whoever sends them.
SUGGEST_LIMIT_PER_FRIEND_PER_DAY = env_int("SUGGEST_LIMIT_PER_FRIEND_PER_DAY", 3)
# How many proxies of our own stand in front of the site and append to X-Forwarded-For. 0 (the
# default) means REMOTE_ADDR is the client, and X-Forwarded-For, which anyone can send, is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Alerts: subscription requests one client, and one address, may make per hour; the hour
# (site time) the daily digests go out. Mail goes out from the worker (manage.py db_worker),
# whose queue is the database (django-tasks' database backend).
ALERTS_RATE_LIMIT = {"requests": env_int("ALERTS_LIMIT_PER_HOUR", 5), "period": 60 * 60}
ALERTS_DIGEST_HOUR = env_int("ALERTS_DIGEST_HOUR", 8)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# `manage.py backup` seals every file with this Fernet key when set (`backup --new-key` makes
# one); `restore` needs the same key. Keep it apart from the backups.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")

# Open data (/api/): requests one client may make per minute, and where the bulk files go.
API_RATE_LIMIT = {"requests": env_int("API_LIMIT_PER_MINUTE", 120), "period": 60}
OPEN_DATA_EXPORT_DIR = Path(os.environ.get("OPEN_DATA_EXPORT_DIR", VAR_DIR / "export"))
# CORS (django-cors-headers), for the API alone: any origin may read it (nothing in it is
# private and no cookie is sent), and a preflight says that only reading is allowed.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "if-none-match")
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 60 * 60 * 24
# Content-Security-Policy (django-csp): the public pages have no inline script or style, and
# the admin's scripts are files of its own, so everything comes from this site and nothing
# inline runs. Images may also be data: URIs (the admin's widgets use a few).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs go to standard error: plain lines locally, JSON lines in production (LOG_FORMAT=json or
# text overrides), each with the id of the request that wrote it (also sent as X-Request-ID).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
ERROR_MAIL_INTERVAL = env_int("ERROR_MAIL_INTERVAL", 600)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "embassy.operations.logs.RequestIdFilter"},
        "once_per_error": {
            "()": "embassy.operations.logs.OncePerError",
            "interval": ERROR_MAIL_INTERVAL,
        },
    },
    "formatters": {
        "json": {"()": "embassy.operations.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        },
        # Errors (500s) mailed to ADMINS in production, as Django does by default, but one
        # mail of each kind per ERROR_MAIL_INTERVAL per process (an outage is one mail, not
        # one per visitor).
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id", "once_per_error"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"handlers": ["mail_admins"] if PRODUCTION else [], "level": "ERROR"},
    },
}

# Who receives the error mails: ADMINS="Name <address>, other@example.org" (none by default).
ADMINS = env_admins("ADMINS")

# Optional error tracking with Sentry (off unless SENTRY_DSN is set; pip install sentry-sdk).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install '.[sentry]'."
        ) from None
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=DJANGO_ENV,
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
