"""Settings for the ATS, all read from the environment (see README for the list).

One settings module for every environment: production is simply DEBUG off, which turns on the
secure-cookie/HSTS/SSL settings and makes SECRET_KEY mandatory.
"""
from __future__ import annotations

from datetime import timedelta

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ats.env import env_bool, env_float, env_int, env_list, env_str
from ats.storage_config import resume_storage

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set SECRET_KEY to a long random string "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 for development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_rq",
    "template_partials",
    "axes",
    "ats",
    "ats.core",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ats.api",
    "ats.webhooks",
    "candidates",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ats.middleware.AuditOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (only a signed-in user may send files), before anything reads the body.
    "ats.core.limits.RequestBodyLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ats.middleware.ContentSecurityPolicyMiddleware",
    "ats.middleware.PrivatePagesMiddleware",
    # Last: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ats.urls"
WSGI_APPLICATION = "ats.wsgi.application"
ASGI_APPLICATION = "ats.asgi.application"

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
                "ats.context_processors.roles",
            ],
            "builtins": ["ats.templatetags.people", "ats.templatetags.icons", "ats.templatetags.times"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Default: the local PostgreSQL over its socket, database "ats", as the current OS user.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres:///ats"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        # Behind PgBouncer in transaction pooling mode (README "Several hosts").
        disable_server_side_cursors=env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis and RQ ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUE_NAMES = ("default", "parsing", "notifications")
RQ_QUEUES = {
    # The app's own client (ats.core.queues) waits at most this long for Redis: a request never
    # hangs on it (the database keeps the work; the sweeper enqueues it later).
    name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300, "SOCKET_TIMEOUT": env_float("REDIS_SOCKET_TIMEOUT", 1.0),
           "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_SOCKET_TIMEOUT", 1.0)}
    for name in RQ_QUEUE_NAMES
}
# Jobs are enqueued only once the surrounding database transaction commits, so a worker never
# looks for a row that is not visible yet.
RQ = {"COMMIT_MODE": "on_db_commit"}
RQ_SHOW_ADMIN_LINK = True

# --- Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# --- Sign-in throttling (django-axes) and sessions ---------------------------------------------
# Failed sign-ins are counted per account and per client address; at the limit, that account or
# address is locked for the cool-off (the same answer whether the account exists or not). Admins
# see attempts and lockouts in the admin ("Axes") and unlock by deleting them, or run
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "ats.core.access.client_ip"
AXES_VERBOSE = False
# Behind a reverse proxy that appends the client's address to X-Forwarded-For, say so: the
# address the proxy saw is then the one counted (never a value the client wrote itself).
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
# Idle timeout: a session lasts SESSION_IDLE_HOURS after the last request; and at most
# SESSION_MAX_DAYS after sign-in, however active (ats.middleware.PrivatePagesMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_MAX_AGE = env_int("SESSION_MAX_DAYS", 7) * 86400
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files and private uploads ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Résumés live outside STATIC_ROOT and have no public URL: only a permission-checking view serves them.
PRIVATE_STORAGE_ROOT = Path(env_str("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    # Résumés and their page previews: the local folder, or a bucket (several hosts).
    "resumes": resume_storage(env_str("RESUME_STORAGE_URL", "") or "", PRIVATE_STORAGE_ROOT / "resumes"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
# The upload page sends this many files per request; a request that takes files may carry this many
# at MAX_UPLOAD_SIZE, any other request MAX_REQUEST_BODY (ats.core.limits).
# The country whose phone numbers are shown in national format when a candidate's location names
# none (ISO 3166 code, e.g. "GB"); empty: the country of the candidate's first written number.
PHONE_REGION = env_str("PHONE_REGION", "")
UPLOAD_FILES_PER_REQUEST = env_int("UPLOAD_FILES_PER_REQUEST", 5)
MAX_REQUEST_BODY = env_int("MAX_REQUEST_BODY", 512 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY
FILE_UPLOAD_HANDLERS = [
    "ats.core.limits.FileSizeCapHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 500)

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)  # seconds: a silent SMTP server must not hold a worker forever
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ATS <ats@localhost>")

# --- E-mail with candidates (candidates.emails) -----------------------------------------------
# Replies come back to reply+<token>@EMAIL_REPLY_DOMAIN: point that domain's MX (or a catch-all
# mailbox read by `fetch_mail`) at the ATS. Message-IDs use it too.
EMAIL_REPLY_DOMAIN = env_str("EMAIL_REPLY_DOMAIN", "replies.localhost")
# Automatic mails (stage entry, rejection) wait this long, so a mistaken move can be undone first.
EMAIL_STAGE_DELAY_SECONDS = env_int("EMAIL_STAGE_DELAY_SECONDS", 600)
EMAIL_REJECTION_DELAY_SECONDS = env_int("EMAIL_REJECTION_DELAY_SECONDS", 600)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5)  # SMTP tries before a message is marked failed
# A message claimed ("sending") for longer than this is presumed lost (killed worker) and re-queued.
EMAIL_STUCK_AFTER = env_int("EMAIL_STUCK_AFTER", 300)
# What {scheduling_line} says unless the sender writes one of their own.
EMAIL_SCHEDULING_LINE = env_str("EMAIL_SCHEDULING_LINE", "Reply to this e-mail with a few times that suit you.")
# Inbound mail: `manage.py receive_mail` listens for SMTP here; `manage.py fetch_mail` reads IMAP.
INBOUND_SMTP_HOST = env_str("INBOUND_SMTP_HOST", "127.0.0.1")
INBOUND_SMTP_PORT = env_int("INBOUND_SMTP_PORT", 2525)
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_USER = env_str("IMAP_USER", "")
IMAP_PASSWORD = env_str("IMAP_PASSWORD", "")
IMAP_USE_SSL = env_bool("IMAP_USE_SSL", True)
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"  # the résumé preview opts into SAMEORIGIN on its own view
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Résumé parsing --------------------------------------------------------------------------
PARSE_JOB_TIMEOUT = env_int("PARSE_JOB_TIMEOUT", 120)  # seconds before RQ kills a parse
PARSE_TIME_BUDGET = env_int("PARSE_TIME_BUDGET", 60)  # the parser's own budget, below the timeout
PARSE_MEMORY_LIMIT_MB = env_int("PARSE_MEMORY_LIMIT_MB", 1536)  # address-space cap of a parse process
PARSE_NICENESS = env_int("PARSE_NICENESS", 10)  # CPU priority of the parse process (0 = as the web tier)
# A worker with a backlog parses up to this many résumés in one job and stores them in one
# transaction, flushing sooner once this many seconds have passed (see candidates.resumes.batches).
PARSE_BATCH_SIZE = env_int("PARSE_BATCH_SIZE", 16)
PARSE_BATCH_SECONDS = env_int("PARSE_BATCH_SECONDS", 2)
PARSE_MAX_ATTEMPTS = env_int("PARSE_MAX_ATTEMPTS", 4)  # a file that keeps killing workers gives up
# A résumé queued or parsing for longer than this is presumed lost (Redis restart, killed worker).
RESUME_STUCK_AFTER = env_int("RESUME_STUCK_AFTER", 300)
SWEEP_INTERVAL = env_int("SWEEP_INTERVAL", 60)  # how often each worker runs the sweeper

# --- Notifications ---------------------------------------------------------------------------
# Absolute base of links in e-mails, e.g. https://ats.example.com (no trailing slash).
# In development, links in e-mails point at the server scripts/run started (it exports PORT).
SITE_URL = (env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}" if DEBUG else "") or "").rstrip("/")
# New shortlist arrivals are collected this long before one digest e-mail goes to each manager.
SHORTLIST_DIGEST_DELAY_SECONDS = env_int("SHORTLIST_DIGEST_DELAY_SECONDS", 300)
SHORTLIST_DIGEST_SETTLE_SECONDS = env_int("SHORTLIST_DIGEST_SETTLE_SECONDS", 30)

# --- Application -----------------------------------------------------------------------------
# Applications sitting in one stage longer than this are shown as stale on the dashboard.
STALE_APPLICATION_DAYS = env_int("STALE_APPLICATION_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Careers site (jobs.careers) -------------------------------------------------------------
# The employer's name on the public pages, in JobPosting.hiringOrganization and the job feeds.
CAREERS_COMPANY_NAME = env_str("CAREERS_COMPANY_NAME", "Example Company")
# Bump the version whenever the privacy notice's text changes: each consent row records the one shown.
CAREERS_PRIVACY_NOTICE_VERSION = env_str("CAREERS_PRIVACY_NOTICE_VERSION", "2026-12")
# One retention period: the careers privacy notice states it, each consent records it, and the daily
# retention run (candidates.erasure, manage.py enforce_retention, run by the e-mail worker) erases a
# candidate with no activity for this many days and no open application, unless a recruiter set a
# retention date still in the future. (CANDIDATE_RETENTION_DAYS is its older name.)
RETENTION_DAYS = env_int("RETENTION_DAYS", env_int("CANDIDATE_RETENTION_DAYS", 365))
CANDIDATE_RETENTION_DAYS = RETENTION_DAYS
# The candidate's self-service privacy link (in the careers confirmation mail) works this long.
SELF_SERVICE_LINK_DAYS = env_int("SELF_SERVICE_LINK_DAYS", 60)
# A subject access export's zip can be downloaded this long; the export sweep then deletes the file.
SUBJECT_EXPORT_DAYS = env_int("SUBJECT_EXPORT_DAYS", 7)
# Applications accepted per client address and per e-mail address in each window (Redis counters).
CAREERS_RATE_PER_IP = env_int("CAREERS_RATE_PER_IP", 5)
CAREERS_RATE_PER_IP_SECONDS = env_int("CAREERS_RATE_PER_IP_SECONDS", 600)
CAREERS_RATE_PER_EMAIL = env_int("CAREERS_RATE_PER_EMAIL", 3)
CAREERS_RATE_PER_EMAIL_SECONDS = env_int("CAREERS_RATE_PER_EMAIL_SECONDS", 3600)

# --- REST API (ats.api) ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ats.api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ats.api.auth.SignedIn"],
    "DEFAULT_THROTTLE_CLASSES": ["ats.api.auth.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "ats.api.http.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "EXCEPTION_HANDLER": "ats.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ATS API",
    "DESCRIPTION": "Jobs, candidates, résumés, applications, reviews and webhooks. "
                   "Send a personal API token as `Authorization: Bearer <token>`.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
# Requests per token (or signed-in user) per window, counted in Redis; over it: 429 with Retry-After.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
# How long an Idempotency-Key's stored answer is replayed.
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 24)

# --- Webhooks (ats.webhooks) -----------------------------------------------------------------
WEBHOOK_TIMEOUT_SECONDS = env_float("WEBHOOK_TIMEOUT_SECONDS", 10.0)
# Deliveries to loopback, link-local and private addresses are refused unless this is on (tests).
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
# A subscription whose deliveries have failed for this long is disabled and its owner e-mailed.
WEBHOOK_DISABLE_AFTER_HOURS = env_int("WEBHOOK_DISABLE_AFTER_HOURS", 72)
# Seconds between a failed attempt and the next (Standard Webhooks' schedule: 8 attempts over 27.6 hours).
WEBHOOK_RETRY_DELAYS = [int(n) for n in env_list("WEBHOOK_RETRY_DELAYS", ["5", "300", "1800", "7200", "18000", "36000", "36000"])]
# A delivery due this long without a pending job is presumed lost and enqueued again (sweep_webhooks).
WEBHOOK_STUCK_AFTER = env_int("WEBHOOK_STUCK_AFTER", 120)
