"""Settings for Plenary, read from the environment (django-environ).

Development defaults need no set-up: with DATABASE_URL unset the database is an embedded
PostgreSQL in `.pgdata/` (plenary/embedded_pg.py). Importing the settings starts nothing.
Production sets DEBUG=false, SECRET_KEY (required then), ALLOWED_HOSTS,
DATABASE_URL, EMAIL_URL, CACHE_URL and RELEASE.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from plenary.embedded_pg import embedded_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_KEY_FILE = ".secret_key"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
# The key signs sessions, badge QR codes, confirmation links and import previews: a
# published key would let anyone forge them.
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=false it must come from the environment: "
            "a long random value, kept secret and the same on every app process."
        )
    # Development: a random key made on the first run, kept in a git-ignored file. So no two
    # installs share a key, and one that forgets DEBUG=false signs nothing with a public one.
    from plenary.development_key import development_secret_key

    SECRET_KEY = development_secret_key(BASE_DIR / DEVELOPMENT_KEY_FILE)
# The keys that encrypt security clearance's passport data (clearance/encryption.py): Fernet
# keys, the first encrypts and every one decrypts, so a new key goes first and an old one is
# dropped once every row is encrypted again (docs/security.md, "Rotating the clearance keys").
# Production has no default: the passport data cannot be written or read without them.
CLEARANCE_ENCRYPTION_KEYS = env.list("CLEARANCE_ENCRYPTION_KEYS", default=[])
if not CLEARANCE_ENCRYPTION_KEYS and DEBUG:
    # Development and tests: one key derived from this install's own secret key.
    from plenary.development_key import development_encryption_key

    CLEARANCE_ENCRYPTION_KEYS = [development_encryption_key(SECRET_KEY)]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Without DATABASE_URL, the embedded PostgreSQL's cluster: the settings only name its URL.
# manage.py (for the commands that need a database), plenary/wsgi.py and the tests start it,
# so that `check` and `collectstatic` in an image build run no initdb.
if env("DATABASE_URL", default=""):
    EMBEDDED_PGDATA = None
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    EMBEDDED_PGDATA = Path(env("EMBEDDED_PGDATA", default=str(BASE_DIR / ".pgdata")))
    DATABASES = {"default": env.db_url_config(embedded_database_url(EMBEDDED_PGDATA))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Django's backend, closing a connection after an error (prepared statements, below).
DATABASES["default"]["ENGINE"] = "plenary.postgresql"
# No JIT compilation: PostgreSQL compiles a query whose estimated cost is high, which for the
# admin's lists of a large conference costs more (over 100 ms) than the query itself; a web
# app's short queries never gain from it (docs/performance.md, "COP scale").
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"]["options"] = " ".join(
    filter(None, [DATABASES["default"]["OPTIONS"].get("options", ""), "-c jit=off"])
)
# Persistent connections: a new one per request cost more than a stored page itself (151 →
# 572 requests/s measured, issue 15). Checked before reuse, so a restarted server is harmless.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Values sent apart from the SQL (server-side binding), and a statement this connection has
# run five times prepared, as psycopg does by default (Django turns it off for the sake of
# transaction-pooling proxies, which Plenary does not use): PostgreSQL then parses and plans
# each of the app's repeated statements once per connection, not at every run. PostgreSQL's
# CPU per registration 1.4-1.9 -> 0.9-1.0 ms (docs/performance.md, "Prepared statements").
DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The site's public address (https://plenary.example.org): when set, a programme change
# queues the re-rendering of the main public pages (sessions/prewarm.py). Worth it only with
# a cache the app's processes share (CACHE_URL=redis://…).
PROGRAMME_PREWARM_URL = env("PROGRAMME_PREWARM_URL", default="")

LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://plenary")}
# Rate-limit counts: shared by every app process, or each would count alone and N workers
# accept N times the limit, and apart from the stored pages, whose churn would evict them.
if env("RATELIMIT_CACHE_URL", default=""):
    CACHES["ratelimit"] = env.cache("RATELIMIT_CACHE_URL")
elif CACHES["default"]["BACKEND"] != LOCAL_MEMORY_CACHE:
    CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": "ratelimit"}
elif DEBUG:
    # Development runs one process.
    CACHES["ratelimit"] = {"BACKEND": LOCAL_MEMORY_CACHE, "LOCATION": "ratelimit"}
else:
    # No cache server: a table in PostgreSQL (registration's migration 0002 creates it).
    CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}
if CACHES["ratelimit"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django's own incr() is not atomic on the database: this one locks the row.
    CACHES["ratelimit"] = {
        "LOCATION": "ratelimit_cache",
        **CACHES["ratelimit"],
        "BACKEND": "conference.ratelimit.CounterDatabaseCache",
        # Past this many rows expired counters are deleted, and live ones only if they still
        # exceed it: as many addresses within one window are a flood, not visitors.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
# How many proxies of ours (nginx, a load balancer) stand in front of the app: the client's
# address is then read from X-Forwarded-For, past that many entries (accounts.client_address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Part of every stored public page's key and ETag, so that after a deployment nobody gets the
# previous release's HTML (with its static file names): set it to the deployed commit.
RELEASE = env("RELEASE", default="")

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# In production e-mail is queued in the database (django-mailer) and sent off the request
# path by `manage.py runmailer_pg`, which retries what the mail server refused.
if env.bool("EMAIL_QUEUE", default=not DEBUG):
    MAILER_EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
    EMAIL_BACKEND = "mailer.backend.DbBackend"
# The send log keeps who, when and the outcome, never the message: bodies hold invitation
# links (which must exist only as hashes), rejection reasons and badges.
MAILER_EMAIL_LOG_MESSAGE_DATA = False
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Plenary <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Slow work (e-mails with badges, badge sheets, the List of Participants) runs as tasks: the
# request adds a row to a table in our own PostgreSQL and `manage.py db_worker` runs it.
# Queues: "email" for messages to people, "documents" for files staff wait for; one worker
# takes both (--queue-name='*'), or give each its own.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["email", "documents", "programme"],
    }
}

INSTALLED_APPS = [
    # The admin's theme, before the admin so that its templates come first; its basic config,
    # as our admin site is the default one (docs/workspace.md §5).
    "unfold.apps.BasicAppConfig",
    "plenary.apps.PlenaryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # Django's own widget templates, found by the form renderer below.
    "django.forms",
    "django_countries",
    "csp",
    "mailer",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    # Our apps, lowest layer first: the core apps, then the features built on them, then the
    # demo data (docs/architecture.md). Admin registration follows this order, so a feature's
    # admin can extend a core app's.
    "accounts",
    "conference",
    "delegations",
    "sessions.apps.ProgrammeConfig",
    "registration",
    "accreditation",
    "diplomacy",
    "messaging",
    "pledges",
    "clearance",
    "bilaterals",
    "floor",
    "demo",
]

MIDDLEWARE = [
    # First: every response, a redirect or a refusal too, names its request's id.
    "plenary.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "plenary.middleware.RefuseNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen (its refusal is in the page's language), before anything
    # reads the body (CsrfViewMiddleware reads a POST's).
    "plenary.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "plenary.urls"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accreditation:home"

# Staff accounts (docs/security.md). Every staff log-in asks for a second factor (an
# authenticator app, a recovery code or a security key); off in development unless turned on.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Plenary"
# The admin's device lists never show a TOTP key (its QR code) to another person.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# WebAuthn security keys and passkeys, a second factor after the password, never a log-in on
# their own. A key belongs to the host name the browser shows; the origin expected is the one
# the request came to, whose host ALLOWED_HOSTS has checked (accounts.webauthn).
OTP_WEBAUTHN_RP_NAME = "Plenary"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.webauthn.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "accounts.webauthn.RequestOriginHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The package checks for a fixed list of origins; ours come from the request, as said above.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# Failed log-ins lock the account, and the address they come from, for LOGIN_LOCKOUT_MINUTES
# after the last one; an address gets more tries, since a venue's staff share one.
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
# The lockout backend goes first: it refuses a locked-out log-in before a password is hashed.
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Permissions in one conference, from the user's role there (conference/roles.py).
    "conference.roles.ConferenceRoleBackend",
]
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
# Exports of personal data ask for the password again when it was given longer ago than this.
REAUTHENTICATION_MINUTES = env.int("REAUTHENTICATION_MINUTES", default=10)
WSGI_APPLICATION = "plenary.wsgi.application"

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
            ],
        },
    },
]

# Widgets' templates are looked up like every other template: templates/ first, then the apps'.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Times are stored in UTC; pages show them in each conference's own time zone.
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGE_CODE = "en"
# The six official languages of the United Nations, in the UN's order, each named in itself:
# that is how the language switcher and every language choice show them, whatever the page's
# language. Each has complete catalogues (docs/languages.md); a conference offers some of them.
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
# The project's own strings (plenary/, templates/); each app keeps its catalogue in
# <app>/locale/. `make messages` updates them all.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development and tests WhiteNoise reads static files where they are, not from a
# collectstatic output that does not exist (it would warn, and tests turn warnings into errors).
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Nomination letters and participants' and applicants' photos: never served by the web
# server, only by views that check who asks.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")

# Bodies are bounded before they are read (plenary.middleware.RequestSizeLimitMiddleware, at
# the largest upload); within that, form fields may take 2.5 MB in memory, and uploads above
# 2.5 MB go to a temporary file rather than memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# No inline scripts or styles anywhere: templates load static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    # Joining the browsers' HSTS preload list is hard to undo: the operator's call, not ours.
    SILENCED_SYSTEM_CHECKS += ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Keeps the tokens of invitation links out of every log that writes request paths.
LOGGING_CONFIG = "plenary.log_filters.configure_logging"
# One JSON object per line with the request's id (plenary/observability.py) in production;
# LOG_FORMAT=text for people reading a terminal, the default in development.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "plenary.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "plenary.observability.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Errors go to Sentry when SENTRY_DSN is set: without personal data, local variables or the
# tokens of invitation and confirmation links (plenary.observability.sentry_init).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from plenary.observability import sentry_init

    sentry_init(
        SENTRY_DSN,
        release=RELEASE,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
    )
